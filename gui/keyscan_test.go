package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// picks makes the open-file dialog answer with the files at paths, one
// per time it is asked, in order.
func picks(t *testing.T, paths ...string) {
	t.Helper()
	old := pickOpenFile
	pickOpenFile = func(_ *UI, in backup.Input, _ []string, done func(string, []byte)) {
		if len(paths) == 0 {
			t.Fatal("asked for a file once too often")
		}
		p := paths[0]
		paths = paths[1:]
		data, err := in.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		done(filepath.Base(p), data)
	}
	t.Cleanup(func() { pickOpenFile = old })
}

// tapMenuItem chooses label in the pop-up menu on show.
func tapMenuItem(t *testing.T, u *UI, label string) {
	t.Helper()
	var item fyne.Tappable
	for _, o := range u.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			tap, ok := o.(fyne.Tappable)
			if !ok || fmt.Sprintf("%T", o) != "*widget.menuItem" {
				return
			}
			walk(o, func(x fyne.CanvasObject) {
				if txt, ok := x.(*canvas.Text); ok && txt.Text == label {
					item = tap
				}
			})
		})
	}
	if item == nil {
		t.Fatalf("no menu item %q; text:\n%s", label, visibleText(u))
	}
	test.Tap(item)
}

// kitPNG is a picture of the kit's QR code for rk, in a file.
func kitPNG(t *testing.T, rk vault.RecoveryKey) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kit-photo.png")
	if err := os.WriteFile(p, qrPNG(t, kit.KeyQRText(rk)), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// oneLine is s with its line breaks (Fyne's wrapping) made spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// freshDevice is a window on a computer with no vault yet, and a backup
// of another computer's vault with the key that opens it.
func freshDevice(t *testing.T) (*UI, string, vault.RecoveryKey, string) {
	t.Helper()
	src := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, rk := backupOf(t, src, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	dir := filepath.Join(t.TempDir(), "new")
	u, _ := newTestUI(t, dir)
	u.Start()
	u.Wait()
	return u, path, rk, dir
}

// The bad day, through the window: first run says the kit's steps and
// what can be dropped; "Restore from a backup" picks the file; the key
// comes from a photo of the kit's QR code ("Scan the kit's QR code", an
// image file); the new password is checked in the words of "Create a new
// vault"; and the vault opens with the backup's accounts.
func TestRestoreScanKitFromFile(t *testing.T) {
	u, path, rk, dir := freshDevice(t)
	text := oneLine(visibleText(u))
	for _, want := range append([]string{droppable}, kit.RestoreSteps[1:]...) {
		if !strings.Contains(text, oneLine(want)) {
			t.Errorf("first run lacks %q:\n%s", want, text)
		}
	}
	picks(t, path, kitPNG(t, rk))
	tapButton(t, u, kit.RestoreButton)
	if !strings.Contains(oneLine(visibleText(u)), "The key uses no I, L or O: if you read one, type 1 or 0.") {
		t.Errorf("the key form does not say how to type the key:\n%s", visibleText(u))
	}
	tapButton(t, u, kit.ScanButton)
	tapMenuItem(t, u, "From an image file (a photo or scan of the kit)…")
	u.Wait()
	u.Wait()
	findEntry(t, u, "New password") // the key opened the backup

	restore := findButton(t, u, "Restore")
	steps := []struct{ pw, again, says string }{
		{"short", "", "Too short: use at least 8 characters."},
		{"a new long password", "a new long passwort", "The two passwords are different."},
	}
	for _, s := range steps {
		findEntry(t, u, "New password").SetText(s.pw)
		findEntry(t, u, "The same password again").SetText(s.again)
		if !strings.Contains(visibleText(u), s.says) || !restore.Disabled() {
			t.Errorf("password %q/%q: Restore enabled %v, want disabled and %q:\n%s", s.pw, s.again, !restore.Disabled(), s.says, visibleText(u))
		}
	}
	findEntry(t, u, "The same password again").SetText("a new long password")
	if restore.Disabled() {
		t.Fatal("Restore stays disabled with a good password typed twice")
	}
	submit(t, u, "The same password again")
	u.Wait()
	if u.Screen() != screenList {
		t.Fatalf("screen = %q, want the list:\n%s", u.Screen(), visibleText(u))
	}
	u.lock()
	v, err := vault.OpenRecoveryKey(dir, rk)
	if err != nil {
		t.Fatalf("the kit's key does not open the new vault: %v", err)
	}
	defer v.Drop()
	if got := labels(v.Doc.Accounts); got != "GitHub:alice,GitLab:bob" {
		t.Errorf("accounts = %s", got)
	}
}

// The kit's QR code first, from first run: the backup is asked for next,
// and the key found fills the key field. Enter in the field opens.
func TestFirstRunScanKitThenBackup(t *testing.T) {
	u, path, rk, _ := freshDevice(t)
	picks(t, kitPNG(t, rk), path)
	tapButton(t, u, kit.ScanButton)
	tapMenuItem(t, u, "From an image file (a photo or scan of the kit)…")
	u.Wait()
	if got := findEntry(t, u, "Recovery key").Text; got != rk.Reveal() {
		t.Fatalf("key field = %q, want the kit's key", got)
	}
	submit(t, u, "Recovery key")
	u.Wait()
	findEntry(t, u, "New password")
}

// A picture of the kit dropped onto the window while the restore asks for
// the key fills it and opens the backup; a picture of something else says
// that it holds no recovery key, and the form stays.
func TestRestoreDropKitPhoto(t *testing.T) {
	u, path, rk, _ := freshDevice(t)
	picks(t, path)
	tapButton(t, u, kit.RestoreButton)
	other := filepath.Join(t.TempDir(), "web.png")
	if err := os.WriteFile(other, qrPNG(t, "https://example.com/"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(other)})
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, "No Lifeline recovery key in web.png") {
		t.Fatalf("a dropped web address QR code: no message saying so:\n%s", txt)
	}
	findEntry(t, u, "Recovery key")
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(kitPNG(t, rk))})
	u.Wait()
	findEntry(t, u, "New password")
}

// Ctrl+V in the key field with a copied picture of the kit (no text on the
// clipboard) reads its QR code: the picture comes from the real X
// clipboard.
func TestRestorePasteKitImage(t *testing.T) {
	testkit.NeedDisplay(t)
	testkit.NeedTools(t, "xclip")
	u, path, rk, _ := freshDevice(t)
	xclipServe(t, "image/png", qrPNG(t, kit.KeyQRText(rk)))
	u.clipboard().SetContent("")
	picks(t, path)
	tapButton(t, u, kit.RestoreButton)
	var field *keyEntry
	everything(u, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok {
			field = e
		}
	})
	if field == nil {
		t.Fatal("no recovery key field")
	}
	field.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.clipboard()})
	u.Wait()
	findEntry(t, u, "New password")
}

// The unlock screen's recovery mode scans the kit too: a dropped picture
// of its QR code unlocks.
func TestUnlockWithKitPhoto(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	_, rk := recoveryOf(t, reopen(t, dir))
	u, _ := newTestUI(t, dir)
	u.Start()
	u.Wait()
	tapButton(t, u, "Forgot it? Use the recovery key")
	findButton(t, u, kit.ScanButton)
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(kitPNG(t, rk))})
	u.Wait()
	if u.vault == nil {
		t.Fatalf("not unlocked:\n%s", visibleText(u))
	}
}
