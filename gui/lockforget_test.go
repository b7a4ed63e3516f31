package gui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

// TestLockWhileRestoreDecrypts: a lock that lands while a backup decrypts
// cancels the restore. It used to take the closed vault for a fresh device
// and offer to restore a new vault over the existing one.
func TestLockWhileRestoreDecrypts(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, _ := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u.startRestore(data, "my backup.age", nil)
	tapButton(t, u, "Open") // decrypts in a goroutine; its result waits for u.Wait
	u.lock()
	u.Wait()
	if u.Screen() != screenUnlock {
		t.Fatalf("screen after a lock during the restore = %q, want unlock; text:\n%s", u.Screen(), visibleText(u))
	}
	if txt := visibleText(u); strings.Contains(txt, "Choose the password") || strings.Contains(txt, "Apply") {
		t.Errorf("the restore went on after the lock:\n%s", txt)
	}
}

// TestLockForgetsMigrationBatches: half a Google Authenticator export
// scanned before a lock is gone after it: the next unlock starts counting
// again.
func TestLockForgetsMigrationBatches(t *testing.T) {
	var accs []core.Account
	for i := range 25 {
		accs = append(accs, totp(fmt.Sprintf("Site%02d", i), "me", "JBSWY3DPEHPK3PXP"))
	}
	exp, err := qr.MigrationImages(accs)
	if err != nil || len(exp.Batches) != 3 {
		t.Fatalf("export: %v, %d batches", err, len(exp.Batches))
	}
	dir := makeVault(t)
	u, _ := unlocked(t, dir)
	u.scanImageData(exp.Batches[0].Name, exp.Batches[0].PNG)
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, "1 of 3 scanned") {
		t.Fatalf("first scan:\n%s", txt)
	}
	u.lock()
	if n := len(u.scan.batches.Exports()); n != 0 {
		t.Fatalf("after the lock the window still holds %d half-scanned exports", n)
	}
	typeInto(t, u, "Password", testPassword)
	tapButton(t, u, "Unlock")
	u.Wait()
	u.scanImageData(exp.Batches[1].Name, exp.Batches[1].PNG)
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, "1 of 3 scanned") {
		t.Errorf("after lock and unlock the export still counts the batch scanned before:\n%s", txt)
	}
}
