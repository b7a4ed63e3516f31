package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

// TestKitRendersOffTheUIGoroutine: "Save…" in the kit dialog shows that
// the kit is being made and returns; the PDF is rendered in a goroutine
// and only its result comes back to the UI goroutine (u.Wait runs it
// here), which then saves it.
func TestKitRendersOffTheUIGoroutine(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	out := filepath.Join(t.TempDir(), "codes.pdf")
	savesTo(t, out)
	u.askSaveKit(u.vault.Doc.Accounts[0].ID)
	tapButton(t, u, "Save…")
	if txt := visibleText(u); !strings.Contains(txt, "Making the Recovery Kit…") {
		t.Errorf("no working indicator while the kit renders:\n%s", txt)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("the kit was rendered and saved on the UI goroutine (stat: %v)", err)
	}
	u.Wait()
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("kit: %v", err)
	}
	if txt := visibleText(u); strings.Contains(txt, "Making the Recovery Kit…") {
		t.Errorf("the working indicator stays after the kit was saved:\n%s", txt)
	}
}

// TestLockWritesTheLastBackupOffTheUIGoroutine: a lock with a backup still
// waiting shows the unlock screen at once, says the last backup is being
// written, and writes it in a goroutine; the notice goes when it is done.
func TestLockWritesTheLastBackupOffTheUIGoroutine(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	settings, _ := backup.LoadSettings(u.vault.Doc)
	folder := settings.FolderFor(dir)
	if !u.addAccounts([]core.Account{totp("GitLab", "bob", "KRSXG5CTMVRXEZLU")}) {
		t.Fatal("adding failed")
	}
	u.lock() // before the backup's delay ran out
	if u.Screen() != screenUnlock {
		t.Fatalf("screen after lock = %q", u.Screen())
	}
	if got := u.notice.Text(); got != "Writing the last automatic backup…" {
		t.Errorf("notice while the last backup is written = %q", got)
	}
	u.Wait()
	files, err := backup.List(folder)
	if err != nil || len(files) == 0 {
		t.Fatalf("no backup written at the lock: %d files (%v)", len(files), err)
	}
	if got := u.notice.Text(); got != "" {
		t.Errorf("notice after the backup was written = %q, want none", got)
	}
}
