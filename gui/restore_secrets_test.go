package gui

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// changedBackup writes a backup of the vault in dir in which the first
// account has another secret and a group, dated a minute after the vault's
// copy (within the device's clock): a newer copy that changes the code.
func changedBackup(t *testing.T, dir, secret string) string {
	t.Helper()
	v := reopen(t, dir)
	a := &v.Doc.Accounts[0]
	s, err := core.ParseSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	a.Secret, a.Groups, a.Updated = s, []string{"work"}, testEpoch.Add(time.Minute)
	rr, _ := recoveryOf(t, v)
	path := filepath.Join(t.TempDir(), "changed.age")
	if err := backup.ExportFile(path, v.Doc, rr, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	return path
}

// secretCheck is the preview's checkbox for a secret change.
func secretCheck(t *testing.T, u *UI) *widget.Check {
	t.Helper()
	var found *widget.Check
	everything(u, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Take the backup’s secret") {
			found = c
		}
	})
	if found == nil {
		t.Fatalf("no checkbox for the secret change:\n%s", visibleText(u))
	}
	return found
}

// TestSecretChangeNeedsTick: the preview lists a newer secret as a secret
// change with a checkbox that starts off; Apply then merges the group and
// keeps the secret, and only a ticked box takes the backup's secret.
func TestSecretChangeNeedsTick(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path := changedBackup(t, dir, "MFRGGZDFMZTWQ2LK")
	u, _ := unlocked(t, dir)
	mine := u.vault.Doc.Accounts[0].Secret

	restore := func() {
		u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
		u.Wait()
		tapButton(t, u, "Open")
		u.Wait()
	}
	restore()
	text := visibleText(u)
	if !strings.Contains(text, "Secret change — GitHub:alice (secret, groups)") {
		t.Fatalf("the preview does not list the secret change:\n%s", text)
	}
	if c := secretCheck(t, u); c.Checked {
		t.Fatal("the secret change is ticked before the person ticked it")
	}
	tapButton(t, u, "Apply")
	u.Wait()
	a := u.vault.Doc.Accounts[0]
	if !bytes.Equal(a.Secret, mine) {
		t.Fatal("Apply with the box off changed the secret")
	}
	if strings.Join(a.Groups, ",") != "work" {
		t.Errorf("groups = %v, want the backup's merged", a.Groups)
	}

	restore()
	if text := visibleText(u); !strings.Contains(text, "The vault stays as it is: the backup has another secret for 1 account") {
		t.Errorf("the preview does not say the secret is kept:\n%s", text)
	}
	test.Tap(secretCheck(t, u))
	tapButton(t, u, "Apply")
	u.Wait()
	want, _ := core.ParseSecret("MFRGGZDFMZTWQ2LK")
	if got := u.vault.Doc.Accounts[0].Secret; !bytes.Equal(got, want) {
		t.Fatal("a ticked box did not take the backup's secret")
	}
	v := reopen(t, dir)
	if !bytes.Equal(v.Doc.Accounts[0].Secret, want) {
		t.Error("the new secret is not saved")
	}
}

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

	// Dropped on the first-run screen, opened with the key, the password
	// typed twice and Enter.
	dir := filepath.Join(t.TempDir(), "new")
	u, _ := newTestUI(t, dir)
	u.Start()
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	typeInto(t, u, "Recovery key", rk.Reveal())
	tapButton(t, u, "Open")
	u.Wait()
	if text := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(text, "The backup holds 2 accounts (it skips 2 more: invalid or a second copy).") {
		t.Errorf("the window does not say what it restores:\n%s", text)
	}
	for _, entry := range []string{"New password", "The same password again"} {
		typeInto(t, u, entry, "a new long password")
	}
	submit(t, u, "The same password again")
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
