package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/vault"
)

// holdLock takes the vault's writer lock as another Lifeline would, until
// the test ends: the command opens the vault, and its Save really fails
// (ErrLocked after the two seconds it waits).
func (e *env) holdLock() {
	e.t.Helper()
	f, err := os.OpenFile(filepath.Join(e.vault, vault.LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := lockFile(f); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { f.Close() })
}

// TestCLIReportsOnlyWhatWasSaved: when the save fails, add, scan and import
// say that nothing was added, and nothing on stdout or stderr claims an
// account was.
func TestCLIReportsOnlyWhatWasSaved(t *testing.T) {
	e, pw := initEnv(t)
	png := e.qrencode("totp.png", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	before := e.snapshot()
	e.holdLock()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP"}, "nothing was added"},
		{[]string{"add", "--issuer", "Bank", "--secret", rfcSecret}, "nothing was added"},
		{[]string{"scan", png}, "nothing was added"},
		{[]string{"import", peer("aegis_plain.json")}, "nothing was changed"},
	} {
		r := e.run("", append(tc.args, "--password-file", pw)...)
		if r.code != 1 || !strings.Contains(r.stderr, "lifeline: "+tc.want+": the vault is in use by another Lifeline") {
			t.Errorf("%s: exit %d, stderr does not say %q and why:\n%s", tc.args[0], r.code, tc.want, r.stderr)
		}
		out := r.stdout + strings.Replace(r.stderr, tc.want, "", 1)
		for _, claim := range []string{"Added", "added", "imported", "undo with"} {
			if strings.Contains(out, claim) {
				t.Errorf("%s claims %q although nothing was saved:\nstdout: %s\nstderr: %s", tc.args[0], claim, r.stdout, r.stderr)
			}
		}
	}
	e.unchanged(before)
}
