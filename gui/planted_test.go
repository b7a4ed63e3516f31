package gui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// plantedBackup is what anyone who read lifeline.json can make: a document
// naming the vault in dir, with their own vault identity and an extra
// backup recipient, encrypted to the vault's public recovery recipient.
// It returns the file and the attacker's identity.
func plantedBackup(t *testing.T, dir string) (string, *age.X25519Identity) {
	t.Helper()
	v := reopen(t, dir)
	rr, _ := recoveryOf(t, v)
	evil, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	doc := &vault.Document{
		Format: vault.FormatVersion, VaultID: v.Doc.VaultID, Created: testEpoch, Updated: testEpoch,
		Accounts: append(v.Doc.Accounts[:0:0], totp("Planted", "evil", "MFRGGZDFMZTWQ2LK")),
		Keys:     &vault.Keys{VaultIdentity: evil.String(), RecoveryRecipient: rr},
		Settings: map[string]json.RawMessage{backup.SettingsKey: json.RawMessage(`{"keep":10,"recipients":["` + evil.Recipient().String() + `"]}`)},
	}
	pt, err := vault.EncodeDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := age.ParseX25519Recipient(rr)
	path := filepath.Join(t.TempDir(), "planted.age")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := age.Encrypt(f, r)
	w.Write(pt)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path, evil
}

// labelText is the full text of every visible label (wrapping splits a
// label's text over several canvas texts).
func labelText(u *UI) string {
	var b strings.Builder
	everything(u, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func findCheck(u *UI, text string) *widget.Check {
	var found *widget.Check
	everything(u, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == text {
			found = c
		}
	})
	return found
}

// A planted backup restored on a new computer with the printed key: the
// screen says it was not made by this vault and lists its backup settings
// with a box that starts off; the new vault keeps the typed key, gets a
// new identity and none of the file's settings unless the box is ticked.
func TestRestorePlantedFreshDevice(t *testing.T) {
	for _, adopt := range []bool{false, true} {
		src := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
		path, evil := plantedBackup(t, src)
		data, _ := os.ReadFile(path)
		dir := filepath.Join(t.TempDir(), "new")
		u, _ := newTestUI(t, dir)
		u.Start()
		_, rk := recoveryOf(t, reopen(t, src)) // the printed key
		u.startRestore(data, "planted.age", &rk)
		tapButton(t, u, "Open")
		u.Wait()
		text := labelText(u)
		for _, want := range []string{"Not made by this vault: review every change", "backups also encrypted to " + evil.Recipient().String(), "They are not taken unless you choose to"} {
			if !strings.Contains(text, want) {
				t.Fatalf("fresh restore screen lacks %q:\n%s", want, text)
			}
		}
		box := findCheck(u, "Take these backup settings")
		if box == nil || box.Checked {
			t.Fatalf("settings opt-in box = %v, want one that starts off", box)
		}
		if adopt {
			test.Tap(box)
		}
		typeInto(t, u, "New password", "a new long password")
		typeInto(t, u, "The same password again", "a new long password")
		tapButton(t, u, "Restore")
		u.Wait()
		u.lock()
		v, err := vault.OpenRecoveryKey(dir, rk)
		if err != nil {
			t.Fatalf("the typed key does not open the new vault: %v", err)
		}
		if id, _ := v.OwnIdentity(); id == nil || id.String() == evil.String() {
			t.Fatal("the new vault's identity is the file's")
		}
		s, _ := backup.LoadSettings(v.Doc)
		if got := len(s.Recipients) > 0; got != adopt {
			t.Errorf("adopt %v: settings taken = %v (%v)", adopt, got, s.Recipients)
		}
		v.Drop()
	}
}

// Restoring into the open vault, the preview says who made the file: its
// own backup is "made by this vault", a planted one naming its id is not.
func TestPreviewSaysWhoMadeIt(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	genuine, _ := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	planted, _ := plantedBackup(t, dir)
	u, _ := unlocked(t, dir)
	for _, c := range []struct{ path, want, not string }{
		{genuine, "Made by this vault.", "Not made by this vault"},
		{planted, "Not made by this vault: review every change", "from this vault"},
	} {
		u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(c.path)})
		u.Wait()
		tapButton(t, u, "Open")
		u.Wait()
		text := labelText(u)
		if !strings.Contains(text, c.want) || strings.Contains(text, c.not) {
			t.Errorf("%s: preview should say %q, not %q:\n%s", filepath.Base(c.path), c.want, c.not, text)
		}
		tapButton(t, u, "Cancel")
	}
}
