//go:build !windows

package cli

import (
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

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
