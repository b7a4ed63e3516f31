package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

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
