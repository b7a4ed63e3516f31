package gui

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// backupOf writes a backup of the vault in dir holding its accounts plus
// extra (added in memory only), encrypted to its recovery key, and
// returns the file's path and the vault's recovery key.
func backupOf(t *testing.T, dir string, extra ...core.Account) (string, vault.RecoveryKey) {
	t.Helper()
	v := reopen(t, dir)
	for _, a := range extra {
		if _, err := v.Doc.Add(a, testEpoch); err != nil {
			t.Fatal(err)
		}
	}
	rr, rk := recoveryOf(t, v)
	path := filepath.Join(t.TempDir(), "my backup.age")
	if err := backup.ExportFile(path, v.Doc, rr, backup.Options{}); err != nil {
		t.Fatal(err)
	}
	return path, rk
}

func labels(accs []core.Account) string {
	var out []string
	for _, a := range accs {
		out = append(out, a.Issuer+":"+a.Name)
	}
	return strings.Join(out, ",")
}

func fileHash(t *testing.T, dir string) [32]byte {
	t.Helper()
	var all []byte
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			all = append(append(all, e.Name()...), b...)
		}
	}
	return sha256.Sum256(all)
}

// TestDropBackupRestores drags a backup onto the window: the key field
// holds the vault's own key, the preview names the new account, and Apply
// merges it and says where the before-restore copy is.
func TestDropBackupRestores(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, rk := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	u, _ := unlocked(t, dir)

	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	if got := findEntry(t, u, "Recovery key").Text; got != "" {
		t.Fatalf("key field = %q, want it empty (the vault's key is used, not shown)", got)
	}
	if strings.Contains(visibleText(u), rk.Reveal()) {
		t.Fatal("the recovery key is on screen")
	}
	tapButton(t, u, "Open")
	u.Wait()
	text := visibleText(u)
	for _, want := range []string{"1 new", "1 identical", "New — GitLab:bob"} {
		if !strings.Contains(text, want) {
			t.Fatalf("preview lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "GitHub:alice") {
		t.Errorf("preview lists the identical account:\n%s", text)
	}
	tapButton(t, u, "Apply")
	u.Wait()
	if got, want := labels(u.vault.Doc.Accounts), "GitHub:alice,GitLab:bob"; got != want {
		t.Fatalf("accounts after merge = %s, want %s", got, want)
	}
	if n := u.notice.Text(); !strings.Contains(n, "1 added") || !strings.Contains(n, "lifeline-before-restore-") {
		t.Errorf("notice = %q, want the count and the snapshot's name", n)
	}
	u.lock()
	v := reopen(t, dir)
	if got := labels(v.Doc.Accounts); got != "GitHub:alice,GitLab:bob" {
		t.Errorf("accounts on disk = %s", got)
	}
}

// TestRestoreWrongKey drops another vault's backup: the key offered does
// not open it, the form comes back saying so, and the vault is unchanged.
func TestRestoreWrongKey(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	other := makeVault(t, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	path, _ := backupOf(t, other)
	u, _ := unlocked(t, dir)
	before := fileHash(t, dir)

	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	tapButton(t, u, "Open")
	u.Wait()
	text := visibleText(u)
	if !strings.Contains(text, "This key does not open the backup") {
		t.Fatalf("no wrong-key message:\n%s", text)
	}
	findEntry(t, u, "Recovery key") // asked again
	if fileHash(t, dir) != before {
		t.Error("the vault directory changed")
	}
	if got := labels(u.vault.Doc.Accounts); got != "GitHub:alice" {
		t.Errorf("accounts = %s", got)
	}
}

// TestRestoreFreshDevice restores with no vault: a new password makes the
// vault, with the backup's accounts and its recovery key.
func TestRestoreFreshDevice(t *testing.T) {
	src := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, rk := backupOf(t, src, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new")
	u, clk := newTestUI(t, dir)
	u.Start()
	u.startRestore(data, "my backup.age", &rk)
	tapButton(t, u, "Open")
	u.Wait()
	if b := findButton(t, u, "Restore"); !b.Disabled() {
		t.Fatal("Restore is enabled before a password is typed")
	}
	typeInto(t, u, "New password", "a new long password")
	typeInto(t, u, "The same password again", "a new long password")
	tapButton(t, u, "Restore")
	restoredWithKey(t, u, clk, dir, rk)
}

// restoredWithKey checks the end of a fresh-device restore with the
// printed key rk: the list shows; a first backup is written and verified
// at once, before any change; the kit is not asked for (the key, and so
// the kit, stayed the same); and rk opens the vault with the backup's
// accounts.
func restoredWithKey(t *testing.T, u *UI, clk *testkit.Clock, dir string, rk vault.RecoveryKey) {
	t.Helper()
	u.Wait()
	if u.Screen() != screenList {
		t.Fatalf("screen = %q, want the list:\n%s", u.Screen(), visibleText(u))
	}
	st, err := backup.ReadStatus(u.vault)
	if err != nil || st.LastBackup.IsZero() || st.Pending {
		t.Errorf("right after the restore: %q (%v); want a verified backup already", st.Summary(), err)
	}
	if n := u.notice.Text(); !strings.Contains(n, "First backup made and checked.") {
		t.Errorf("notice %q does not say the first backup is made", n)
	}
	u.notice.hide()
	clk.Advance(2 * kitNagDelay)
	u.Wait()
	if n := u.notice.Text(); n == "Print your Recovery Kit" {
		t.Error("the kit is asked for although the restore kept its key")
	}
	u.lock()
	v, err := vault.OpenRecoveryKey(dir, rk)
	if err != nil {
		t.Fatalf("the backup's recovery key does not open the new vault: %v", err)
	}
	defer v.Drop()
	if got := labels(v.Doc.Accounts); got != "GitHub:alice,GitLab:bob" {
		t.Errorf("accounts = %s", got)
	}
}

func TestDropKind(t *testing.T) {
	age := []byte("age-encryption.org/v1\n-> X25519 abc\n")
	tests := []struct {
		name string
		data []byte
		want dropContent
	}{
		{"backup", age, dropBackup},
		{"cut backup", age[:10], dropBackup},
		{"png", []byte("\x89PNG\r\n\x1a\nrest"), dropImage},
		{"jpeg", []byte("\xff\xd8\xff\xe0rest"), dropImage},
		{"gif", []byte("GIF89a..."), dropImage},
		{"webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 "), dropImage},
		{"kit pdf", []byte("%PDF-1.3\n%\xe2\xe3"), dropImage},
		{"links", []byte("  otpauth://totp/X?secret=JBSWY3DPEHPK3PXP\n"), dropLinks},
		{"aegis json", []byte(`{"version":1,"header":{},"db":{}}`), dropImport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniffDrop(tt.data); got != tt.want {
				t.Errorf("sniffDrop = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestRestoreReplaceAndUndo: Replace asks first and says how many
// accounts go; Undo in the notice brings the vault back.
func TestRestoreReplaceAndUndo(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, _ := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	u, _ := unlocked(t, dir)
	if !u.addAccounts([]core.Account{totp("Proton", "carol", "MFRGGZDFMZTWQ2LK")}) {
		t.Fatal("adding failed")
	}
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	tapButton(t, u, "Open")
	u.Wait()
	var mode *widget.RadioGroup
	everything(u, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == 2 && strings.HasPrefix(r.Options[1], "Replace") {
			mode = r
		}
	})
	if mode == nil {
		t.Fatalf("no Merge/Replace choice:\n%s", visibleText(u))
	}
	mode.SetSelected(mode.Options[1])
	tapButton(t, u, "Apply")
	if text := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(text, "1 account will be removed") {
		t.Fatalf("no confirmation naming the removal:\n%s", text)
	}
	if got := labels(u.vault.Doc.Accounts); got != "GitHub:alice,Proton:carol" {
		t.Fatalf("changed before the confirmation: %s", got)
	}
	tapButton(t, u, "Yes")
	u.Wait()
	if got := labels(u.vault.Doc.Accounts); got != "GitHub:alice,GitLab:bob" {
		t.Fatalf("after Replace = %s, want the backup's accounts", got)
	}
	tapButton(t, u, "Undo")
	u.Wait()
	if got := labels(u.vault.Doc.Accounts); got != "GitHub:alice,Proton:carol" {
		t.Fatalf("after Undo = %s, want the vault as before", got)
	}
}

// modeChoice is the preview's Merge/Replace radio group.
func modeChoice(t *testing.T, u *UI) *widget.RadioGroup {
	t.Helper()
	var mode *widget.RadioGroup
	everything(u, func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok && len(r.Options) == 2 {
			mode = r
		}
	})
	if mode == nil {
		t.Fatalf("no Merge/Replace choice:\n%s", visibleText(u))
	}
	return mode
}

// TestPreviewFollowsMode: the preview says what the CLI says
// (backup.Preview's words), and choosing Replace shows what it removes,
// which the window's preview used to leave out.
func TestPreviewFollowsMode(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Proton", "carol", "MFRGGZDFMZTWQ2LK")))
	doc := u.vault.Doc
	in := backup.Incoming{Source: "my backup.age", VaultID: doc.VaultID, Saved: doc.Updated,
		Accounts: []core.Account{doc.Accounts[0], totp("GitLab", "bob", "KRSXG5CTMVRXEZLU")}}
	u.showPreview(backup.Plan(doc, in, testEpoch), "Restore my backup.age", nil)
	text := visibleText(u)
	for _, want := range []string{"my backup.age: 2 accounts from this vault, saved ", "Merge: 1 new, 1 identical, 1 only here.",
		"New — GitLab:bob → add", "Merge (keeps everything in this vault)"} {
		if !strings.Contains(text, want) {
			t.Errorf("merge preview lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Proton:carol") {
		t.Errorf("merge preview names an account it keeps:\n%s", text)
	}
	mode := modeChoice(t, u)
	mode.SetSelected(mode.Options[1])
	text = visibleText(u)
	for _, want := range []string{"Replace: 1 new, 1 identical, 1 only here.", "Only here — Proton:carol → remove"} {
		if !strings.Contains(text, want) {
			t.Errorf("replace preview lacks %q:\n%s", want, text)
		}
	}
}

// TestImportSaysImported: the notice after an import says "Imported", not
// "Restored" as it did, and the preview of a file with nothing new says so.
func TestImportSaysImported(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	links := filepath.Join(t.TempDir(), "links.txt")
	if err := os.WriteFile(links, []byte("# mine\notpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(links)})
	u.Wait()
	u.Wait()
	if text := visibleText(u); !strings.Contains(text, "links.txt: 1 account.") || !strings.Contains(text, "New — GitHub:alice → add") {
		t.Fatalf("no import preview:\n%s", text)
	}
	tapButton(t, u, "Apply")
	u.Wait()
	if n := u.notice.Text(); !strings.HasPrefix(n, "Imported: 1 added.") {
		t.Errorf("notice = %q", n)
	}
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(links)})
	u.Wait()
	u.Wait()
	if text := visibleText(u); !strings.Contains(text, "Nothing to import: the vault is already up to date with links.txt.") {
		t.Errorf("no nothing-to-do line:\n%s", text)
	}
	// It lists what it looked at and would do, and there is nothing to apply.
	if text := visibleText(u); !strings.Contains(text, "Identical — GitHub:alice → keep") {
		t.Errorf("the preview lists nothing:\n%s", text)
	}
	if !findButton(t, u, "Apply").Disabled() {
		t.Error("Apply is enabled with nothing to apply")
	}
}

// TestRestoreMistypedKey: a recovery key cut short brings the key form
// back saying what is wrong, with what was typed still in the field to
// correct, and nothing opened or changed; the corrected key then opens
// the preview.
func TestRestoreMistypedKey(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, rk := backupOf(t, dir, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	u, _ := unlocked(t, dir)
	before := fileHash(t, dir)

	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	typed := rk.Reveal()[:len(rk.Reveal())-1] // the last character left out
	typeInto(t, u, "Recovery key", typed)
	tapButton(t, u, "Open")
	u.Wait()
	if got := findEntry(t, u, "Recovery key").Text; got != typed {
		t.Fatalf("key field after the mistake = %q, want what was typed, %q", got, typed)
	}
	text := strings.Join(strings.Fields(visibleText(u)), " ")
	if !strings.Contains(text, "Recovery key has 31 characters, want 32") {
		t.Fatalf("no word on what is wrong with the key:\n%s", text)
	}
	if strings.Contains(text, "GitLab:bob") {
		t.Fatalf("a preview with a mistyped key:\n%s", text)
	}

	findEntry(t, u, "Recovery key").SetText(rk.Reveal())
	tapButton(t, u, "Open")
	u.Wait()
	if text := visibleText(u); !strings.Contains(text, "New — GitLab:bob") {
		t.Fatalf("the corrected key opens no preview:\n%s", text)
	}
	if fileHash(t, dir) != before {
		t.Error("the vault directory changed before Apply")
	}
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
func freshDevice(t *testing.T) (*UI, *testkit.Clock, string, vault.RecoveryKey, string) {
	t.Helper()
	src := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	path, rk := backupOf(t, src, totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	dir := filepath.Join(t.TempDir(), "new")
	u, clk := newTestUI(t, dir)
	u.Start()
	u.Wait()
	return u, clk, path, rk, dir
}

// The bad day, through the window: first run says the kit's steps and
// what can be dropped; "Restore from a backup" picks the file; the key
// comes from a photo of the kit's QR code ("Scan the kit's QR code", an
// image file); the new password is checked in the words of "Create a new
// vault"; and the vault opens with the backup's accounts.
func TestRestoreScanKitFromFile(t *testing.T) {
	u, clk, path, rk, dir := freshDevice(t)
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
	tapMenuItem(t, u, "From a file (the kit’s PDF, or a photo or scan of it)…")
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
	restoredWithKey(t, u, clk, dir, rk)
}

// The kit's QR code first, from first run: the backup is asked for next,
// and the key found fills the key field. Enter in the field opens.
func TestFirstRunScanKitThenBackup(t *testing.T) {
	u, _, path, rk, _ := freshDevice(t)
	picks(t, kitPNG(t, rk), path)
	tapButton(t, u, kit.ScanButton)
	tapMenuItem(t, u, "From a file (the kit’s PDF, or a photo or scan of it)…")
	u.Wait()
	if n := u.notice.Text(); !strings.Contains(n, "Now choose the backup it opens") {
		t.Errorf("notice %q: the key read is not acknowledged", n)
	}
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
	u, _, path, rk, _ := freshDevice(t)
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
	u, _, path, rk, _ := freshDevice(t)
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

// kitPDF is the Recovery Kit for rk, as the window saves it.
func kitPDF(t *testing.T, rk vault.RecoveryKey) string {
	t.Helper()
	doc := &vault.Document{Format: vault.FormatVersion, VaultID: core.NewID(), Created: testEpoch,
		Keys: &vault.Keys{RecoveryKey: rk.Reveal(), RecoveryKeyCreated: testEpoch}}
	var b bytes.Buffer
	if _, err := kit.Write(&b, doc, rk, kit.Options{Now: testEpoch}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "Lifeline Recovery Kit.pdf")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// scannedKitPDF is the kit printed and scanned back: its first page a
// JPEG in a PDF, made by poppler and img2pdf.
func scannedKitPDF(t *testing.T, rk vault.RecoveryKey) string {
	t.Helper()
	dir := t.TempDir()
	testkit.Run(t, "", testkit.NeedTool(t, "pdftoppm"), "-r", "150", "-jpeg", "-f", "1", "-l", "1", kitPDF(t, rk), filepath.Join(dir, "page"))
	p := filepath.Join(dir, "scan.pdf")
	testkit.Run(t, "", testkit.NeedTool(t, "img2pdf"), filepath.Join(dir, "page-1.jpg"), "-o", p)
	return p
}

// The kit's PDF file dropped on first run, the way it is found on a USB
// stick after the computer is gone, gives the key; the backup chosen next
// opens with it. A scan of the printed kit, picked through "Scan the
// kit's QR code", does the same.
func TestFirstRunKitPDF(t *testing.T) {
	u, _, path, rk, _ := freshDevice(t)
	picks(t, path) // the backup, asked for once the key is read
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(kitPDF(t, rk))})
	u.Wait()
	u.Wait()
	if n := u.notice.Text(); !strings.Contains(n, "Now choose the backup it opens") {
		t.Errorf("notice %q after dropping the kit PDF", n)
	}
	if got := findEntry(t, u, "Recovery key").Text; got != rk.Reveal() {
		t.Fatalf("key field = %q, want the kit's key", got)
	}

	u, _, path, rk, _ = freshDevice(t)
	picks(t, path)
	tapButton(t, u, kit.RestoreButton)
	picks(t, scannedKitPDF(t, rk))
	tapButton(t, u, kit.ScanButton)
	tapMenuItem(t, u, "From a file (the kit’s PDF, or a photo or scan of it)…")
	u.Wait()
	u.Wait()
	findEntry(t, u, "New password")
}

// "Scan the kit's QR code", "From the screen": the kit open on the screen
// (here a picture of its QR code, shown by ImageMagick on an X server of
// the test's own) fills the key and opens the backup.
func TestRestoreScanKitFromScreen(t *testing.T) {
	disp := testkit.StartXvfb(t)
	u, _, path, rk, _ := freshDevice(t)
	testkit.ShowImage(t, disp, kitPNG(t, rk), 300, 200)
	t.Setenv("DISPLAY", disp)
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("XAUTHORITY", "")
	picks(t, path)
	tapButton(t, u, kit.RestoreButton)
	// display may take a moment to show the picture: scan until it is there.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		tapButton(t, u, kit.ScanButton)
		tapMenuItem(t, u, "From the screen")
		u.Wait()
		u.Wait()
		if hasEntry(u, "New password") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the key on the screen was not read:\n%s", visibleText(u))
		}
	}
}
