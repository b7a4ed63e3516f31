package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// asOtherComputer is an env on the same vault folder as e, run as another
// computer (its own device folder).
func (e *env) asOtherComputer(name string) *env {
	o := *e
	o.extra = append(append([]string(nil), e.extra...), "LIFELINE_DEVICE_DIR="+e.path("device-"+name))
	return &o
}

// Two computers on one vault folder: each command works as on a local
// vault, devices lists both, a rename shows, sync status names the other
// replica, and a computer that is gone can be forgotten.
func TestCLIDevicesAndSyncStatus(t *testing.T) {
	one, pw := initEnv(t)
	one.ok("", "add", "otpauth://totp/One:alice?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	two := one.asOtherComputer("two")
	two.ok("", "add", "otpauth://totp/Two:bob?secret=KRSXG5CTMVRXEZLU", "--password-file", pw)
	two.ok("", "rm", "One:alice", "--yes", "--password-file", pw)
	two.ok("", "add", "otpauth://totp/Two:carol?secret=MFRGGZDFMZTWQ2LK", "--password-file", pw)
	for _, e := range []*env{one, two} {
		if got := strings.Join(e.listLabels(), " "); got != "Two:bob Two:carol" {
			t.Errorf("list: %s", got)
		}
	}
	two.ok("", "devices", "rename", "laptop", "--password-file", pw)
	out := one.ok("", "devices", "--password-file", pw)
	if !strings.Contains(out, "(this computer)") || !strings.Contains(out, "laptop") || strings.Count(out, "\n") != 3 {
		t.Errorf("devices:\n%s", out)
	}
	id := regexp.MustCompile(`(?m)^([0-9a-f]{16})\s+laptop`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("no id for laptop in:\n%s", out)
	}
	st := one.ok("", "sync", "status", "--password-file", pw)
	if !strings.Contains(st, "replicas/"+id[1]+".age") || !strings.Contains(st, "laptop") || !strings.Contains(st, "merged") {
		t.Errorf("sync status:\n%s", st)
	}
	one.fails(2, "usage", "devices", "forget")
	one.fails(1, "knows no device", "devices", "forget", "0123456789abcdef", "--yes", "--password-file", pw)
	one.ok("", "devices", "forget", id[1], "--yes", "--password-file", pw)
	if _, err := os.Stat(filepath.Join(one.vault, "replicas", id[1]+".age")); !os.IsNotExist(err) {
		t.Errorf("the forgotten computer's replica is still there: %v", err)
	}
	if got := strings.Join(one.listLabels(), " "); got != "Two:bob Two:carol" {
		t.Errorf("after forgetting: %s", got)
	}
	if st := one.ok("", "sync", "status", "--password-file", pw); !strings.Contains(st, "one computer") {
		t.Errorf("sync status after forgetting:\n%s", st)
	}
}

// sync stignore prints the lines, and --write adds them to a .stignore
// once, keeping the person's own lines.
func TestCLIStignore(t *testing.T) {
	e, _ := initEnv(t)
	lines := e.ok("", "sync", "stignore")
	if !strings.Contains(lines, ".lock") {
		t.Fatalf("stignore: %s", lines)
	}
	path := filepath.Join(e.vault, ".stignore")
	os.WriteFile(path, []byte("mine\n"), 0o600)
	e.ok("", "sync", "stignore", "--write")
	e.ok("", "sync", "stignore", "--write")
	got, _ := os.ReadFile(path)
	if string(got) != "mine\n"+lines {
		t.Errorf(".stignore:\n%s", got)
	}
}

// sync move puts the vault into a synced folder, which opens there (the
// default folder it sets is checked by core/vault's TestMoveVault).
func TestCLISyncMove(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "otpauth://totp/Moved:m?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	synced := e.path("Sync")
	os.MkdirAll(filepath.Join(synced, ".stfolder"), 0o700)
	dst := filepath.Join(synced, "lifeline")
	r := e.run("", "sync", "move", dst)
	if r.code != 0 || strings.Contains(r.stderr, "warning") {
		t.Fatalf("sync move: %d %s", r.code, r.stderr)
	}
	e.vault = dst
	if got := strings.Join(e.listLabels(), " "); got != "Moved:m" {
		t.Errorf("after the move: %s", got)
	}
	if st := e.ok("", "sync", "status", "--password-file", pw); !strings.Contains(st, "Syncthing") {
		t.Errorf("sync status:\n%s", st)
	}
}
