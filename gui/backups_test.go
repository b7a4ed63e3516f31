package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

// TestBackupAfterChange: a change writes a backup once the debounce has
// passed, and not before.
func TestBackupAfterChange(t *testing.T) {
	u, clk, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	folder := filepath.Join(dir, backup.DefaultFolderName)
	count := func() int {
		files, err := backup.List(folder)
		if err != nil {
			return 0
		}
		n := 0
		for _, f := range files {
			if !f.Snapshot {
				n++
			}
		}
		return n
	}
	if !u.addAccounts([]core.Account{totp("GitLab", "bob", "KRSXG5CTMVRXEZLU")}) {
		t.Fatal("adding failed")
	}
	if n := count(); n != 0 {
		t.Fatalf("%d backups before the debounce, want 0", n)
	}
	clk.Advance(backup.DefaultDelay + time.Second)
	u.Wait()
	if n := count(); n != 1 {
		t.Fatalf("%d backups after the debounce, want 1", n)
	}
	if st := u.backups.status; st.LastBackup.IsZero() || st.Failure != nil {
		t.Errorf("status = %+v", st)
	}
}

// TestBackupFailureBanner: a backup folder that is gone shows the banner
// with the reason and a way to change the folder.
func TestBackupFailureBanner(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	s := backup.DefaultSettings()
	s.Folder = filepath.Join(t.TempDir(), "unplugged drive")
	if err := s.Store(u.vault.Doc); err != nil {
		t.Fatal(err)
	}
	if !u.save() {
		t.Fatal("save failed")
	}
	if text := visibleText(u); strings.Contains(text, "Changes not backed up") {
		t.Fatalf("banner before any attempt:\n%s", text)
	}
	clk.Advance(backup.DefaultDelay + time.Second)
	u.Wait()
	text := visibleText(u)
	if !strings.Contains(text, "Changes not backed up: the backup folder is missing") {
		t.Fatalf("no failure banner:\n%s", text)
	}
	tapButton(t, u, "Change folder")
	if u.Screen() != screenBackups {
		t.Fatalf("screen = %q, want the backup settings", u.Screen())
	}
	if text := visibleText(u); !strings.Contains(text, "unplugged drive") {
		t.Errorf("settings do not show the folder:\n%s", text)
	}
}

// TestBackUpNow writes a backup at once from the settings page.
func TestBackUpNow(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.showBackupSettings()
	tapButton(t, u, "Back up now")
	u.Wait()
	files, err := backup.List(filepath.Join(dir, backup.DefaultFolderName))
	if err != nil || len(files) != 1 {
		t.Fatalf("files = %v, %v; want one backup", files, err)
	}
	if n := u.notice.Text(); !strings.Contains(n, filepath.Base(files[0].Path)) {
		t.Errorf("notice = %q, want the file's name", n)
	}
}
