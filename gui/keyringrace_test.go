package gui

import (
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestKeyringToggleWhileSaving: turning "Remember on this device" on and
// off while the person keeps editing (a save on the UI goroutine, which
// reads v.Meta) is no data race: only the keyring call runs off the UI
// goroutine. Run it with -race; without it, it checks the toggle works.
func TestKeyringToggleWhileSaving(t *testing.T) {
	testkit.NeedSession(t)
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.showSettings()
	for _, on := range []bool{true, false} {
		everythingCheck(t, u, rememberText)
		u.vault.Doc.Accounts[0].Uses++ // an edit saved while the keyring answers
		if !u.save() {
			t.Fatal("save failed")
		}
		u.Wait()
		if got := visibleText(u); u.vault.Meta.Keyring != on {
			t.Fatalf("Meta.Keyring = %v after turning it %v; text:\n%s", u.vault.Meta.Keyring, on, got)
		}
		v, err := vault.OpenKeyring(dir)
		if on {
			if err != nil {
				testkit.MissingKeyring(t, "OpenKeyring after turning the keyring on: %v", err)
			}
			v.Drop()
		} else if err != vault.ErrNotInKeyring {
			t.Errorf("OpenKeyring after turning the keyring off = %v, want ErrNotInKeyring", err)
		}
	}
}
