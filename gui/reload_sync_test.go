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

// Settings → Use on several computers shows every computer that wrote
// the vault, with when it did; moving the vault into a synced folder
// locks the window, which then unlocks from the new folder.
func TestUseOnSeveralComputers(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	mine := os.Getenv("LIFELINE_DEVICE_DIR")
	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "laptop"))
	if _, err := vault.RenameDevice("laptop"); err != nil {
		t.Fatal(err)
	}
	addOnDisk(t, dir, totp("FromLaptop", "l", "KRSXG5CTMVRXEZLU"))
	t.Setenv("LIFELINE_DEVICE_DIR", mine)
	waitFor(t, u, time.Second, "the laptop's account", func() bool { return strings.Contains(visibleText(u), "FromLaptop") })

	u.showSettings()
	tapButton(t, u, "Use on several computers…")
	if u.Screen() != screenSeveral {
		t.Fatalf("screen %q", u.Screen())
	}
	txt := visibleText(u)
	// Without spaces or line breaks: a long path wraps the label even
	// inside a word.
	flat := strings.Join(strings.Fields(txt), "")
	for _, want := range []string{"laptop — last change", "(this computer) — last change", "No sync engine seems to keep the vault's folder"} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), "")) {
			t.Errorf("the page lacks %q:\n%s", want, txt)
		}
	}

	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "this-computer-moved"))
	synced := filepath.Join(testkit.TempDir(t), "Sync")
	os.MkdirAll(filepath.Join(synced, ".stfolder"), 0o700)
	dst := filepath.Join(synced, "lifeline")
	u.moveVault(dst)
	u.Wait()
	if u.Screen() != screenUnlock || u.dir != dst || !vault.Exists(dst) || vault.Exists(dir) {
		t.Fatalf("after the move: screen %q, folder %s (vault there %v, still at the old place %v)", u.Screen(), u.dir, vault.Exists(dst), vault.Exists(dir))
	}
	if d, _ := vault.DefaultDir(); os.Getenv("LIFELINE_VAULT") == "" && d != dst {
		t.Errorf("this computer opens %s by default, want %s", d, dst)
	}
	typeInto(t, u, "Password", testPassword)
	tapButton(t, u, "Unlock")
	u.Wait()
	if !strings.Contains(visibleText(u), "FromLaptop") {
		t.Errorf("unlocked from the synced folder:\n%s", visibleText(u))
	}
	u.showSeveral()
	if !strings.Contains(visibleText(u), "Syncthing keeps the vault's folder in step") {
		t.Errorf("the page does not say Syncthing keeps the folder:\n%s", visibleText(u))
	}
}

// First run's "Open a vault from a synced folder" takes the synced folder
// (or the lifeline folder in it) and unlocks the vault there.
func TestFirstRunOpensSyncedVault(t *testing.T) {
	dir := makeVault(t, totp("Synced", "s", "JBSWY3DPEHPK3PXP"))
	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "new-computer"))
	parent := testkit.TempDir(t)
	if err := os.Rename(dir, filepath.Join(parent, "lifeline")); err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, filepath.Join(testkit.TempDir(t), "nothing-here"))
	u.Start()
	u.Wait()
	if u.Screen() != screenFirstRun || !strings.Contains(visibleText(u), "Open a vault from a synced folder") {
		t.Fatalf("first run:\n%s", visibleText(u))
	}
	u.openSynced(testkit.TempDir(t))
	if u.Screen() != screenFirstRun {
		t.Errorf("a folder without a vault: screen %q", u.Screen())
	}
	u.closeOverlays()
	u.openSynced(parent)
	u.Wait()
	if u.Screen() != screenUnlock {
		t.Fatalf("screen %q:\n%s", u.Screen(), visibleText(u))
	}
	typeInto(t, u, "Password", testPassword)
	tapButton(t, u, "Unlock")
	u.Wait()
	if !strings.Contains(visibleText(u), "Synced") {
		t.Errorf("after unlocking:\n%s", visibleText(u))
	}
}
