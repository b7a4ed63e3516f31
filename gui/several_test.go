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
	for _, want := range []string{"laptop — last change", "(this computer) — last change", "which no sync"} {
		if !strings.Contains(txt, want) {
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
	if !strings.Contains(visibleText(u), "kept in step by Syncthing") {
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
