package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// forge reads the backup at src with the env's recovery key, lets change
// edit its document and writes it, encrypted to the same key, as name: a
// file anyone who knows the recovery recipient could make.
func (e *env) forge(src, name string, change func(d *vault.Document)) string {
	e.t.Helper()
	text, err := os.ReadFile(e.recoveryKeyFile())
	if err != nil {
		e.t.Fatal(err)
	}
	rk, err := vault.ParseRecoveryKey(strings.TrimSpace(string(text)))
	if err != nil {
		e.t.Fatal(err)
	}
	o, err := backup.ReadFile(src, backup.Key{RecoveryKey: rk})
	if err != nil {
		e.t.Fatal(err)
	}
	change(o.Doc)
	var buf bytes.Buffer
	if err := backup.Export(&buf, o.Doc, rk.Recipient(), backup.Options{}); err != nil {
		e.t.Fatal(err)
	}
	return e.write(name, buf.String())
}

const plantedSecret = "MFRGGZDFMZTWQ2LK"

// uri is `show --uri` of the only account: it holds the secret.
func (e *env) uri() string {
	e.t.Helper()
	return strings.TrimSpace(e.ok("", "show", "GitHub", "--uri", "--password-file", e.path("pw")))
}

// The reproduction of issue 11 §4: a backup entry dated 9999-12-31 used to
// replace the account's secret in a default merge, and once it was in, the
// genuine backup was reported as "Nothing to restore".
func TestCLIMergeFutureDateNeverWins(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "GitHub")
	before := e.uri()
	genuine := e.export("genuine.age")
	planted := e.forge(genuine, "planted.age", func(d *vault.Document) {
		d.Accounts[0].Secret, _ = core.ParseSecret(plantedSecret)
		d.Accounts[0].Updated = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	})

	r := e.run("", "restore", planted, "--password-file", pw)
	if r.code != 0 {
		t.Fatalf("restore: exit %d: %s", r.code, r.stderr)
	}
	if got := e.uri(); got != before {
		t.Fatalf("a merge of a future-dated entry changed the account:\n%s\nwas\n%s", got, before)
	}
	if !strings.Contains(r.stdout, "conflict") || !strings.Contains(r.stdout, "dated 9999-12-31, in the future of this device’s clock") {
		t.Errorf("the preview does not say the date is in the future:\n%s", r.stdout)
	}

	// Replace takes the file as it is (asked for, with its own warning);
	// then the genuine backup is not "nothing to restore".
	e.ok("", "restore", planted, "--replace", "--yes", "--password-file", pw)
	r = e.run("", "restore", genuine, "--password-file", pw)
	if strings.Contains(r.stderr, "Nothing to restore") {
		t.Fatalf("the genuine backup is reported as nothing to restore:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "The vault stays as it is: a date in the future of this device’s clock on 1 account: kept yours.") {
		t.Errorf("stderr does not say what differs:\n%s", r.stderr)
	}
}

// A newer secret in a backup is a "secret change": without a terminal and
// without --accept-secret-changes the merge keeps the vault's secret (and
// takes the groups); with the flag it takes the backup's.
func TestCLIMergeSecretChangeNeedsConsent(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "GitHub")
	before := e.uri()
	changed := e.forge(e.export("genuine.age"), "changed.age", func(d *vault.Document) {
		d.Accounts[0].Secret, _ = core.ParseSecret(plantedSecret)
		d.Accounts[0].Groups = []string{"work"}
		d.Accounts[0].Updated = time.Now()
	})

	r := e.run("", "restore", changed, "--password-file", pw)
	if r.code != 0 {
		t.Fatalf("restore: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "secret change") || !strings.Contains(r.stdout, "(secret, groups)") {
		t.Errorf("the preview does not list the secret change:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "kept this vault's secret for GitHub:ua") || !strings.Contains(r.stderr, "--accept-secret-changes") {
		t.Errorf("stderr does not say the secret was kept:\n%s", r.stderr)
	}
	if got := e.uri(); got != before {
		t.Fatalf("the secret changed without consent:\n%s\nwas\n%s", got, before)
	}
	if list := listJSON(t, e, pw); fmt.Sprint(list[0]["groups"]) != "[work]" {
		t.Errorf("the groups were not merged: %v", list[0])
	}

	e.ok("", "restore", changed, "--accept-secret-changes", "--password-file", pw)
	if got := e.uri(); !strings.Contains(got, "secret="+plantedSecret) {
		t.Fatalf("--accept-secret-changes did not take the backup's secret: %s", got)
	}
}

// "Nothing to restore" only when the vault holds what the backup holds: an
// account changed since the backup is named as kept.
func TestCLINothingToRestoreOnlyWhenEqual(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "GitHub")
	b := e.export("b.age")
	if r := e.run("", "restore", b, "--password-file", pw); !strings.Contains(r.stderr, "Nothing to restore") {
		t.Fatalf("restoring an equal backup:\n%s", r.stderr)
	}
	e.ok("", "edit", "GitHub", "--note", "changed here", "--password-file", pw)
	r := e.run("", "restore", b, "--password-file", pw)
	if strings.Contains(r.stderr, "Nothing to restore") || !strings.Contains(r.stderr, "The vault stays as it is: the backup holds an older version of 1 account: kept yours.") {
		t.Fatalf("restoring an older backup:\n%s", r.stderr)
	}
}

// A fresh-device restore writes what its preview showed: the entries it
// skips (invalid, a second one with the same id) are not in the new vault.
func TestCLIRestoreFreshSkipsWhatThePreviewSkips(t *testing.T) {
	e, _ := initEnv(t)
	e.addSome(2, "GitHub")
	forged := e.forge(e.export("b.age"), "forged.age", func(d *vault.Document) {
		bad := d.Accounts[0].Clone()
		bad.ID, bad.Issuer, bad.Secret = core.NewID(), "Broken", nil
		twin := d.Accounts[1].Clone()
		twin.Issuer, twin.Secret = "Twin", d.Accounts[0].Secret
		d.Accounts = append(d.Accounts, bad, twin)
	})
	f := newEnv(t)
	out := f.ok("", "restore", forged, "--recovery-key-file", e.recoveryKeyFile(), "--password-file", f.path("pw"), "--no-keyring")
	for _, want := range []string{"invalid", "Broken:", "duplicate", "Twin:"} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not show %q:\n%s", want, out)
		}
	}
	if got := strings.Join(f.listLabels(), ","); got != "GitHub:ua,GitHub:ub" {
		t.Fatalf("the new vault holds %s, want only what the preview adds", got)
	}
}

// On a terminal restore asks for each secret change, and the answer
// decides: no keeps the vault's secret, yes takes the backup's.
func TestCLIMergeSecretChangeAsksOnTerminal(t *testing.T) {
	testkit.NeedTools(t, "script")
	e, pw := initEnv(t)
	e.addSome(1, "GitHub")
	before := e.uri()
	changed := e.forge(e.export("genuine.age"), "changed.age", func(d *vault.Document) {
		d.Accounts[0].Secret, _ = core.ParseSecret(plantedSecret)
		d.Accounts[0].Updated = time.Now()
	})
	onTerminal := func(answer string) string {
		t.Helper()
		line := strings.Join([]string{binary, "restore", changed, "--password-file", pw, "--vault", e.vault}, " ")
		cmd := exec.Command("script", "-qec", line, "/dev/null")
		cmd.Stdin = strings.NewReader(answer + "\n")
		cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("restore on a terminal: %v\n%s", err, out)
		}
		return string(out)
	}
	if out := onTerminal("n"); !strings.Contains(out, "The backup has a newer secret for GitHub:ua. Take it? [y/N]") {
		t.Fatalf("no question on the terminal:\n%s", out)
	}
	if got := e.uri(); got != before {
		t.Fatalf("answering no changed the secret: %s", got)
	}
	onTerminal("y")
	if got := e.uri(); !strings.Contains(got, "secret="+plantedSecret) {
		t.Fatalf("answering yes did not take the backup's secret: %s", got)
	}
}
