package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestRestoreFreshSkipsWhatThePreviewSkips: a backup with an entry that
// has no secret and a second entry with an account's id makes a new vault
// with neither, and the window says so before the password is chosen.
func TestRestoreFreshSkipsWhatThePreviewSkips(t *testing.T) {
	src := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	v := reopen(t, src)
	bad := v.Doc.Accounts[0].Clone()
	bad.ID, bad.Issuer, bad.Secret = core.NewID(), "Broken", nil
	twin := v.Doc.Accounts[1].Clone()
	twin.Issuer, twin.Secret = "Twin", v.Doc.Accounts[0].Secret
	v.Doc.Accounts = append(v.Doc.Accounts, bad, twin)
	rr, rk := recoveryOf(t, v)
	path := filepath.Join(t.TempDir(), "forged.age")
	if err := backup.ExportFile(path, v.Doc, rr, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	dir := filepath.Join(t.TempDir(), "new")
	u, _ := newTestUI(t, dir)
	u.Start()
	u.startRestore(data, "forged.age", &rk)
	tapButton(t, u, "Open")
	u.Wait()
	if text := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(text, "The backup holds 2 accounts (it skips 2 more: invalid or a second copy).") {
		t.Errorf("the window does not say what it restores:\n%s", text)
	}
	typeInto(t, u, "New password", "a new long password")
	typeInto(t, u, "The same password again", "a new long password")
	tapButton(t, u, "Restore")
	u.Wait()
	u.lock()
	w, err := vault.OpenRecoveryKey(dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Drop()
	if got := labels(w.Doc.Accounts); got != "GitHub:alice,GitLab:bob" {
		t.Errorf("the new vault holds %s, want only what the preview adds", got)
	}
}
