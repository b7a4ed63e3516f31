package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkReport is the part of `check --json` the tests read.
type checkReport struct {
	Ready   bool   `json:"ready"`
	Summary string `json:"summary"`
	Vault   []struct {
		Kind     string `json:"kind"`
		Severity string `json:"severity"`
		Text     string `json:"text"`
	} `json:"vault"`
	Accounts []struct {
		Label     string `json:"label"`
		HasSecret bool   `json:"has_secret"`
		CodesLeft int    `json:"codes_left"`
		Ready     bool   `json:"ready"`
	} `json:"accounts"`
}

func (e *env) checkJSON(wantCode int) checkReport {
	e.t.Helper()
	r := e.run("", "check", "--json", "--password-file", e.path("pw"))
	if r.code != wantCode {
		e.t.Fatalf("check --json: exit %d, want %d\n%s\n%s", r.code, wantCode, r.stdout, r.stderr)
	}
	var rep checkReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		e.t.Fatalf("check --json: %v\n%s", err, r.stdout)
	}
	return rep
}

func (rep checkReport) severity(kind string) string {
	for _, f := range rep.Vault {
		if f.Kind == kind {
			return f.Severity
		}
	}
	return ""
}

// One vault taken from nothing to ready, one fix at a time, with `check`
// telling the truth at each step and its exit status following.
func TestCLICheck(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(2, "Site")

	// Backups go to backups/ in the vault folder: not off this computer.
	r := e.fails(1, "not ready: Ready: all 2 accounts; 3 things to fix", "check", "--password-file", pw)
	for _, want := range []string{"FIX   Backups go to " + filepath.Join(e.vault, "backups") + ", on this computer",
		"fix: lifeline backup config --folder DIR", "FIX   No Recovery Kit", "fix: lifeline kit FILE.pdf",
		"FIX   Your printed recovery key was never tested", "fix: lifeline recovery-key --test"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}

	// A Syncthing folder: the next backup is off this computer.
	sync := filepath.Join(e.dir, "Sync")
	if err := os.MkdirAll(filepath.Join(sync, ".stfolder"), 0o700); err != nil {
		t.Fatal(err)
	}
	e.ok("", "backup", "config", "--folder", sync, "--password-file", pw)
	e.ok("", "backup", "now", "--password-file", pw)
	rep := e.checkJSON(1)
	if rep.severity("off-device") != "ok" || !strings.Contains(rep.Vault[0].Text, "(a Syncthing folder)") ||
		rep.severity("kit") != "problem" || rep.severity("key-test") != "problem" {
		t.Fatalf("after the Syncthing backup: %+v", rep)
	}

	// The printed key, tested from a file; a wrong key is refused and not recorded.
	e.fails(1, "typo", "recovery-key", "--test", "--recovery-key-file", e.write("typo", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"))
	e.fails(1, "no terminal", "recovery-key", "--test", "--password-file", pw)
	if rep = e.checkJSON(1); rep.severity("key-test") != "problem" {
		t.Fatal("a failed test was recorded")
	}
	e.ok("", "recovery-key", "--test", "--recovery-key-file", e.recoveryKeyFile())
	e.ok("", "kit", e.path("kit.pdf"), "--password-file", pw)
	e.ok("", "backup", "now", "--password-file", pw)
	if out := e.ok("", "check", "--password-file", pw); !strings.HasPrefix(out, "Ready: all 2 accounts; nothing to fix\n") {
		t.Fatalf("ready vault:\n%s", out)
	}
	rep = e.checkJSON(0)
	if !rep.Ready || len(rep.Accounts) != 2 || !rep.Accounts[0].Ready {
		t.Fatalf("ready vault: %+v", rep)
	}

	// Three codes, two used: a warning, still ready (exit 0). The kit is
	// stale: it listed no codes.
	e.ok("", "codes", "add", "Site:ua", "1111-aaaa", "2222-bbbb", "3333-cccc", "--password-file", pw)
	e.ok("", "codes", "use", "Site:ua", "1", "--password-file", pw)
	r = e.fails(1, "1 thing to fix, 1 warning", "check", "--password-file", pw)
	for _, want := range []string{"warn  Site:ua: Only 2 unused recovery codes left", "FIX   Accounts or recovery codes changed since your Recovery Kit"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
	e.ok("", "kit", e.path("kit2.pdf"), "--password-file", pw)
	if out := e.ok("", "check", "--password-file", pw); !strings.HasPrefix(out, "Ready: all 2 accounts; nothing to fix, 1 warning\n") {
		t.Fatalf("after the new kit:\n%s", out)
	}

	// Rotating the key: the kit and the test are of the old one.
	e.ok("", "recovery-key", "--rotate", "--out", e.path("rk2"), "--password-file", pw)
	rep = e.checkJSON(1)
	if rep.severity("kit") != "problem" || rep.severity("key-test") != "problem" {
		t.Fatalf("after a rotation: %+v", rep)
	}
	e.fails(1, "does not belong to this vault", "recovery-key", "--test", "--recovery-key-file", e.recoveryKeyFile())
	e.fails(2, "takes no --age", "recovery-key", "--test", "--age")
}
