package gui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestImportAegisEncrypted drops Aegis's encrypted export: a wrong
// password asks again saying so, the right one ("test") shows the
// preview, and Apply merges the accounts.
func TestImportAegisEncrypted(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	path, err := filepath.Abs(testkit.Peer(t, "aegis_encrypted.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := testkit.PeerCount(t, "aegis_encrypted.json")
	u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(path)})
	u.Wait()
	u.Wait()
	typeInto(t, u, "Password of the export", "not it")
	tapButton(t, u, "Open")
	u.Wait()
	if text := visibleText(u); !strings.Contains(text, "That password does not open the file") {
		t.Fatalf("no wrong-password message:\n%s", text)
	}
	typeInto(t, u, "Password of the export", "test")
	tapButton(t, u, "Open")
	u.Wait()
	text := visibleText(u)
	if !strings.Contains(text, "New — Deno:") {
		t.Fatalf("preview does not list Deno as new:\n%s", text)
	}
	before := len(u.vault.Doc.Accounts)
	tapButton(t, u, "Apply")
	u.Wait()
	added := len(u.vault.Doc.Accounts) - before
	if added != want {
		t.Fatalf("%d accounts imported, expected.json lists %d; accounts: %s", added, want, labels(u.vault.Doc.Accounts))
	}
	if n := u.notice.Text(); !strings.Contains(n, fmt.Sprintf("%d added", want)) {
		t.Errorf("notice %q does not say %d added", n, want)
	}
	if n := len(reopen(t, u.dir).Doc.Accounts); n != before+want {
		t.Errorf("%d accounts on disk after the import, want %d", n, before+want)
	}
	if !strings.Contains(labels(u.vault.Doc.Accounts), "Deno:") {
		t.Errorf("Deno missing: %s", labels(u.vault.Doc.Accounts))
	}
	if !strings.Contains(labels(u.vault.Doc.Accounts), "GitHub:alice") {
		t.Errorf("the vault's own account was dropped")
	}
}

// TestImportNeedsVault: on first run, import explains that a vault comes
// first instead of failing.
func TestImportNeedsVault(t *testing.T) {
	u, _ := newTestUI(t, filepath.Join(t.TempDir(), "none"))
	u.Start()
	u.startImport("x.json", []byte(`{}`))
	if text := visibleText(u); !strings.Contains(text, "create it first") {
		t.Fatalf("no explanation:\n%s", text)
	}
}
