package gui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestWindowStays560Wide: no screen asks for more than the window's 560
// units, so opening one never widens the window (Settings did, to 570, and
// it stayed so).
func TestWindowStays560Wide(t *testing.T) {
	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	u, _, _ := unlockedVault(t, a)
	screens := []struct {
		name string
		show func()
	}{
		{"list", u.showList},
		{"settings", u.showSettings},
		{"backups", u.showBackupSettings},
		{"add", func() { u.showAdd("") }},
		{"add manual", u.showAddManual},
		{"details", func() { u.showDetails(0) }},
		{"edit", func() { u.showEdit(0, u.showList) }},
		{"recovery codes", func() { u.showCodes(0, u.showList) }},
		{"unlock", func() { u.showUnlock(false) }},
	}
	for _, s := range screens {
		s.show()
		u.Wait()
		if w := u.win.Content().MinSize().Width; w > 560 {
			t.Errorf("%s: the content asks for %v units, over the window's 560", s.name, w)
			walk(u.win.Content(), func(o fyne.CanvasObject) {
				if o.MinSize().Width > 500 {
					t.Logf("  %T %v", o, o.MinSize())
				}
			})
		}
		if got := u.win.Canvas().Size().Width; got != 560 {
			t.Errorf("%s: the window is %v wide, want 560", s.name, got)
		}
	}
}

// TestUnlockFormStaysPut: the unlock form's widgets keep their places while
// the spinner and a problem come and go (they used to jump as the centred
// column grew and shrank), a long problem (the keyring's) included.
func TestUnlockFormStaysPut(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u, _ := newTestUI(t, dir)
	u.showUnlock(false)
	d := fyne.CurrentApp().Driver()
	entry := findEntry(t, u, "Password")
	widgets := []fyne.CanvasObject{entry, findButton(t, u, "Unlock"), findButton(t, u, "Forgot it? Use the recovery key")}
	where := func() []fyne.Position {
		relayout(u)
		var ps []fyne.Position
		for _, w := range widgets {
			ps = append(ps, d.AbsolutePositionForObject(w))
		}
		return ps
	}
	idle := where()
	check := func(state string) {
		t.Helper()
		for i, p := range where() {
			if p != idle[i] {
				t.Errorf("%s: %T moved from %v to %v", state, widgets[i], idle[i], p)
			}
		}
	}
	typeInto(t, u, "Password", "not the password")
	submit(t, u, "Password")
	if !strings.Contains(visibleText(u), "Unlocking…") {
		t.Fatalf("no spinner while unlocking:\n%s", visibleText(u))
	}
	check("unlocking")
	u.Wait()
	if !strings.Contains(visibleText(u), "That password is not right.") {
		t.Fatalf("no problem shown:\n%s", visibleText(u))
	}
	check("wrong password")
	var problem *widget.Label
	walk(u.win.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance {
			problem = l
		}
	})
	typeInto(t, u, "Password", "x") // typing hides the problem
	if problem.Visible() {
		t.Fatal("typing did not hide the problem")
	}
	check("typing again")
	// The longest problem it shows: the keyring's.
	problem.SetText(message(&vault.KeyringError{Op: vault.KeyringOpRead}))
	problem.Show()
	check("the keyring's problem")
}

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
