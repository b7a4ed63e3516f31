package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/core/vault"
)

// A merging restore applied after another process saved is planned again
// on the vault as it now is: the backup's account and the other's both
// end up on disk, and the notice says so only then.
func TestRestoreAfterChangeOnDisk(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, _ := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	u, _ := unlocked(t, dir)
	u.stopWatch() // Apply must find the disk changed

	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait() // the file is read off the UI goroutine
	tapButton(t, u, "Open")
	u.Wait()
	addOnDisk(t, dir, totp("FromCLI", "c", "GEZDGNBVGY3TQOJQ"))
	tapButton(t, u, "Apply")
	u.Wait()
	if n := u.notice.Text(); !strings.Contains(n, "1 added") {
		t.Fatalf("notice = %q, want the restore done:\n%s", n, visibleText(u))
	}
	if got, want := labels(reopen(t, dir).Doc.Accounts), "GitHub:alice,FromCLI:c,GitLab:bob"; got != want {
		t.Fatalf("on disk %s, want %s", got, want)
	}
}

// A password change that finds the vault changed on disk reloads and
// changes it then, keeping the other process's change.
func TestChangePasswordAfterChangeOnDisk(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.stopWatch()
	addOnDisk(t, dir, totp("FromCLI", "c", "GEZDGNBVGY3TQOJQ"))
	u.changePassword("", "a new password")
	u.Wait()
	if n := u.notice.Text(); n != "Password changed" {
		t.Fatalf("notice = %q:\n%s", n, visibleText(u))
	}
	v, err := vault.OpenPassword(dir, "a new password")
	if err != nil {
		t.Fatal(err)
	}
	defer v.Drop()
	if got, want := labels(v.Doc.Accounts), "GitHub:alice,FromCLI:c"; got != want {
		t.Fatalf("on disk %s, want %s", got, want)
	}
}

// An Add whose save failed for another reason (here vault.age was away)
// is saved by the next Add, which finds the account already there.
func TestAddAgainAfterFailedSaveIsSaved(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	u.stopWatch()
	file := filepath.Join(dir, vault.VaultFile)
	if err := os.Rename(file, file+".away"); err != nil {
		t.Fatal(err)
	}
	link := "otpauth://totp/Window:w?secret=GEZDGNBVGY3TQOJQ&issuer=Window"
	u.showAdd(link)
	tapButton(t, u, "Add")
	if u.Screen() != screenAdd || u.notice.Text() != "" {
		t.Fatalf("a failed save: screen %q, notice %q; want the add screen and no notice", u.Screen(), u.notice.Text())
	}
	u.closeOverlays()
	if err := os.Rename(file+".away", file); err != nil {
		t.Fatal(err)
	}
	tapButton(t, u, "Add")
	if got := labels(reopen(t, dir).Doc.Accounts); got != "Alpha:a,Window:w" {
		t.Fatalf("on disk after the second Add: %s (notice %q)", got, u.notice.Text())
	}
}
