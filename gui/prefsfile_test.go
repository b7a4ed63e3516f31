package gui

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestPrefsFileIsOwnersAlone: the preferences file Fyne writes (the last
// folder a kit was saved in, the settings) is 0600 like every file of
// Lifeline's: made so before Fyne writes it, whose os.Create keeps the mode
// of a file that exists, and an older 0644 one is narrowed.
func TestPrefsFileIsOwnersAlone(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no file modes to check")
	}
	dir := t.TempDir()
	fresh := filepath.Join(dir, "new", "preferences.json")
	if err := securePrefsFile(fresh); err != nil {
		t.Fatal(err)
	}
	testkit.WantMode(t, fresh, 0o600)
	f, err := os.Create(fresh) // what Fyne's preferences writer does
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"kitFolder":"/home/me/Documents"}`)
	f.Close()
	testkit.WantMode(t, fresh, 0o600)
	old := filepath.Join(dir, "old.json")
	if err := os.WriteFile(old, []byte(`{"theme":"dark"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := securePrefsFile(old); err != nil {
		t.Fatal(err)
	}
	testkit.WantMode(t, old, 0o600)
	if b, _ := os.ReadFile(old); string(b) != `{"theme":"dark"}` {
		t.Errorf("the preferences changed: %s", b)
	}
}
