package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The window follows another computer's replica of a synced vault: a
// change saved there shows here within a second, and a change made here
// afterwards keeps it.
func TestWindowFollowsOtherComputer(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "other-computer"))
	addOnDisk(t, dir, totp("OtherComputer", "o", "KRSXG5CTMVRXEZLU"))
	took := waitFor(t, u, time.Second, "the list showing OtherComputer", func() bool {
		return strings.Contains(visibleText(u), "OtherComputer")
	})
	t.Logf("the list showed the other computer's change after %v", took)
	u.showAdd("otpauth://totp/Window:w?secret=GEZDGNBVGY3TQOJQ&issuer=Window")
	tapButton(t, u, "Add")
	if got := u.notice.Text(); got != "Added 1 account" {
		t.Fatalf("notice %q; screen %q:\n%s", got, u.Screen(), visibleText(u))
	}
	for _, l := range []string{"Alpha", "OtherComputer", "Window"} {
		if !strings.Contains(strings.Join(labelsOnDisk(t, dir), " "), l) {
			t.Errorf("on disk, as the other computer opens it, %s is missing: %v", l, labelsOnDisk(t, dir))
		}
	}
}

// A password changed on another computer: a window unlocked with the
// password holds the recovery key, so it follows at once and goes on
// saving. (One holding only the old vault key, the keyring's, locks and
// asks for the new password: reload.go, vault.NeedsNewKey.)
func TestWindowAfterPasswordChangeElsewhere(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	mine := os.Getenv("LIFELINE_DEVICE_DIR")
	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "other-computer"))
	o, err := vault.OpenPassword(dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.ChangePassword("a new password elsewhere"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LIFELINE_DEVICE_DIR", mine)
	u.showAdd("otpauth://totp/After:w?secret=GEZDGNBVGY3TQOJQ&issuer=After")
	tapButton(t, u, "Add")
	if got := u.notice.Text(); got != "Added 1 account" {
		t.Fatalf("notice %q; screen %q:\n%s", got, u.Screen(), visibleText(u))
	}
	w, err := vault.OpenPassword(dir, "a new password elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	if w.Doc.Index(u.vault.Doc.Accounts[len(u.vault.Doc.Accounts)-1].ID) < 0 {
		t.Error("the account added after the change elsewhere is not in the vault")
	}
}
