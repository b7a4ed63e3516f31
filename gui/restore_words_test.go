package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

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
	u.showPreview(backup.Plan(doc, in), "Restore my backup.age", nil)
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
	if text := visibleText(u); !strings.Contains(text, "Nothing to import: the vault is already up to date with links.txt.") {
		t.Errorf("no nothing-to-do line:\n%s", text)
	}
}
