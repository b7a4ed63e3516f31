package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// motpLink is an Aegis mOTP link: core reads it, and the window did not
// offer it (it only knew otpauth:// and otpauth-migration://).
const motpLink = "motp://Corp:alice?secret=e3152afee62599c8&issuer=Corp&pin=1234"

const pastePlaceholder = "otpauth://totp/Example:alice@example.com?secret=…&issuer=Example"

// TestSetupLinkEveryWayIn brings one mOTP link in each way the window takes
// a link: pasted into the add screen, offered from the clipboard, in a
// dropped text file, and dragged from a web page. Each ends with the
// account in the vault.
func TestSetupLinkEveryWayIn(t *testing.T) {
	for _, tc := range []struct {
		name string
		link string
		in   func(t *testing.T, u *UI, link string)
	}{
		{"pasted", motpLink, func(t *testing.T, u *UI, link string) {
			u.showAdd("")
			u.clipboard().SetContent(link) // copied now, so pasted, not picked up
			e := findEntry(t, u, pastePlaceholder)
			u.win.Canvas().Focus(e)
			e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.clipboard()})
		}},
		{"offered from the clipboard", "  " + strings.ToUpper("motp:") + "/Corp%3Aalice?secret=e3152afee62599c8&issuer=Corp&pin=1234\n", func(t *testing.T, u *UI, link string) {
			u.clipboard().SetContent(link)
			u.onForeground()
			if got := u.notice.Text(); got != "The clipboard holds a setup link." {
				t.Fatalf("notice = %q, want the offer", got)
			}
			tapButton(t, u, "Add it")
		}},
		{"dropped text file", motpLink, func(t *testing.T, u *UI, link string) {
			path := filepath.Join(t.TempDir(), "links.txt")
			if err := os.WriteFile(path, []byte(link+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
			u.Wait()
		}},
		{"dragged from a web page", motpLink, func(t *testing.T, u *UI, link string) {
			// What Fyne's GLFW driver makes of a dropped link.
			u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(link)})
			u.Wait()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := makeVault(t)
			u, _ := unlocked(t, dir)
			tc.in(t, u, tc.link)
			u.Wait()
			if u.Screen() != screenAdd {
				t.Fatalf("screen = %q, want add; text:\n%s", u.Screen(), visibleText(u))
			}
			if text := visibleText(u); !strings.Contains(text, "Ready to add 1 account:\n• Corp (alice) · mOTP,") {
				t.Fatalf("no preview of the mOTP account; text:\n%s", text)
			}
			tapButton(t, u, "Add")
			v := reopen(t, dir)
			if len(v.Doc.Accounts) != 1 || v.Doc.Accounts[0].Type != core.MOTP || v.Doc.Accounts[0].Issuer != "Corp" {
				t.Fatalf("vault holds %+v, want the mOTP account", v.Doc.Accounts)
			}
		})
	}
}

// TestNotALinkNotOffered keeps the clipboard offer to setup links: a web
// address, and text over backup.MaxLinksText, are not offered.
func TestNotALinkNotOffered(t *testing.T) {
	for _, text := range []string{
		"https://example.com/?secret=JBSWY3DPEHPK3PXP",
		"motp" + strings.Repeat("x", 10) + "://x",
		motpLink + strings.Repeat(" ", backup.MaxLinksText),
	} {
		u, _ := unlocked(t, makeVault(t))
		u.clipboard().SetContent(text)
		u.onForeground()
		if got := u.notice.Text(); got != "" {
			t.Errorf("%.40q offered: notice %q", text, got)
		}
	}
}

// TestDropTooLarge drops a file over backup.MaxDroppedFile: it is refused
// with the words the CLI uses too, and nothing else happens.
func TestDropTooLarge(t *testing.T) {
	dir := makeVault(t)
	u, _ := unlocked(t, dir)
	path := filepath.Join(t.TempDir(), "disk.img")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, backup.MaxDroppedFile+1); err != nil {
		t.Fatal(err)
	}
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	u.Wait()
	text := strings.Join(strings.Fields(visibleText(u)), " ")
	if !strings.Contains(text, "The file disk.img is over 64 MiB: too large to be a backup, an export or a picture; check that it is the right file") {
		t.Fatalf("no refusal on screen:\n%s", text)
	}
	if u.Screen() != screenList {
		t.Errorf("screen = %q, want the list", u.Screen())
	}
}

// TestPasteSkipsComments: a pasted block is read as every face reads one
// (core.SetupLinkLines): '#' comments, as in an exported list, are passed
// over instead of failing as "not a setup link", and a problem names its
// line as numbered in the paste.
func TestPasteSkipsComments(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	u.showAdd("# exported from Aegis\n" + motpLink + "\n\nhttps://example.com")
	text := strings.Join(strings.Fields(visibleText(u)), " ")
	for _, want := range []string{"Ready to add 1 account: • Corp (alice) · mOTP,", "Line 4: not a setup link"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on screen:\n%s", want, text)
		}
	}
}

// TestPasteTooLarge: a paste over backup.MaxLinksText is refused in words,
// not parsed line by line as it is typed. (parseLinks directly: an entry
// holding a megabyte is too slow to lay out in a test.)
func TestPasteTooLarge(t *testing.T) {
	accs, err := parseLinks(motpLink + strings.Repeat("\n", backup.MaxLinksText))
	if accs != nil || err == nil || message(err) != "The pasted text is over 1 MiB: too large to be a list of setup links." {
		t.Errorf("parseLinks = %d accounts, %v", len(accs), err)
	}
	if accs, err := parseLinks(motpLink + strings.Repeat("\n", backup.MaxLinksText-len(motpLink))); err != nil || len(accs) != 1 {
		t.Errorf("at the limit: %d accounts, %v", len(accs), err)
	}
}

// The limits of core/limits.go in the window: the add, edit and codes
// screens say what is over which limit, and vault.age stays as it was.

func vaultBytes(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, vault.VaultFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameVault(t *testing.T, dir string, before []byte) {
	t.Helper()
	if string(vaultBytes(t, dir)) != string(before) {
		t.Error("vault.age changed")
	}
}

func TestAddScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	long := strings.Repeat("i", core.MaxLabelLen+44)

	u.showAdd("")
	findEntry(t, u, pastePlaceholder).SetText("otpauth://totp/" + long + ":bob?secret=KRSXG5CTMVRXEZLU")
	if txt := visibleText(u); !strings.Contains(txt, "Line 1: issuer: 300 characters given, at most 256 characters are kept; shorten it") {
		t.Errorf("the paste tab does not say what is over the limit:\n%.2000s", txt)
	}
	if findButton(t, u, "Add").Disabled() == false {
		t.Error("Add is enabled for an over-limit link")
	}

	u.showAddManual()
	findEntry(t, u, "Your user name or e-mail").SetText(long)
	findEntry(t, u, "JBSW Y3DP EHPK 3PXP").SetText("KRSXG5CTMVRXEZLU")
	if txt := visibleText(u); !strings.Contains(txt, "Name: 300 characters given, at most 256 characters are kept") {
		t.Errorf("the form does not say what is over the limit:\n%.2000s", txt)
	}
	sameVault(t, dir, before)
}

func TestEditScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	u.showEdit(0, u.showList)
	var note *widget.Entry
	everything(u, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			note = e
		}
	})
	note.SetText(strings.Repeat("n", core.MaxNoteBytes+1))
	if u.Screen() != screenEdit || !strings.Contains(visibleText(u), "Note: 10241 bytes given, at most 10240 bytes are kept; shorten the note") {
		t.Errorf("screen %q; the edit screen does not say the note is too long", u.Screen())
	}
	if !findButton(t, u, "Save").Disabled() {
		t.Error("Save is enabled for an over-limit note")
	}
	sameVault(t, dir, before)
	note.SetText(strings.Repeat("n", core.MaxNoteBytes))
	test.Tap(findButton(t, u, "Save"))
	if got := reopen(t, dir).Doc.Accounts[0].Note; len(got) != core.MaxNoteBytes {
		t.Errorf("a note at the limit was not saved: %d bytes", len(got))
	}
}

func TestCodesScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	u.showCodes(0, u.showList)
	var b strings.Builder
	for i := range core.MaxRecoveryCodes + 50 {
		fmt.Fprintf(&b, "%05x-%05x\n", i, i*7)
	}
	findEntry(t, u, codesPlaceholder).SetText(b.String())
	tapButton(t, u, "Add codes")
	if n := len(u.vault.Doc.Accounts[0].RecoveryCodes); n != 0 {
		t.Errorf("%d codes kept after a refusal", n)
	}
	if txt := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(txt, "Recovery codes: 150 given, at most 100 per account are kept; no site hands out that many: this is not a list of recovery codes.") {
		t.Errorf("no limit message:\n%.3000s", txt)
	}
	sameVault(t, dir, before)
}

// TestAddPastMaxAccounts: a batch that would take the vault past
// core.MaxAccounts is refused whole, and none of it stays in the document.
func TestAddPastMaxAccounts(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	pad := make([]core.Account, core.MaxAccounts-2)
	for i := range pad {
		pad[i] = core.Account{ID: core.NewID(), Issuer: "Pad"}
	}
	u.vault.Doc.Accounts = append(u.vault.Doc.Accounts, pad...) // in memory only
	if u.addAccounts([]core.Account{totp("A", "a", "KRSXG5CTMVRXEZLU"), totp("B", "b", "MFRGGZDFMZTWQ2LK")}) {
		t.Fatal("a batch past the limit was added")
	}
	if n := len(u.vault.Doc.Accounts); n != core.MaxAccounts-1 {
		t.Errorf("the document holds %d accounts, want %d", n, core.MaxAccounts-1)
	}
	if txt := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(txt, "Accounts: 100001 given, at most 100000 per vault are kept") {
		t.Errorf("no limit message:\n%.2000s", txt)
	}
	sameVault(t, dir, before)
}
