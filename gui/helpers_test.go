package gui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

const testPassword = "correct horse battery"

func TestMain(m *testing.M) {
	// scrypt at its real work factor takes a second per unlock.
	vault.SetWorkFactor(10)
	// The window's tests build each readiness state from plain accounts;
	// the services table would add its sites' facts to every one of them
	// (backup/ready tests the check with the table).
	ready.Services = nil
	os.Exit(m.Run())
}

// testEpoch is a fixed time: 20 s into a 30 s period, so golden files
// and codes do not depend on when the tests run.
var testEpoch = time.Date(2026, 5, 4, 12, 0, 20, 0, time.UTC)

// newTestUI starts the UI on a fresh test app, for a vault in dir.
func newTestUI(t testing.TB, dir string) (*UI, *testkit.Clock) {
	t.Helper()
	a := test.NewTempApp(t)
	clk := testkit.NewClock(testEpoch)
	u := New(a, dir, clk)
	var mu sync.Mutex
	var queue []func()
	// What a timer does shows when Advance returns (see UI.doTimer).
	u.doTimer = func(f func()) { f() }
	u.do = func(f func()) {
		mu.Lock()
		queue = append(queue, f)
		mu.Unlock()
	}
	u.afterWait = func() {
		for {
			mu.Lock()
			q := queue
			queue = nil
			mu.Unlock()
			if len(q) == 0 {
				return
			}
			for _, f := range q {
				f()
			}
			u.bg.Wait() // what ran may have started more
		}
	}
	t.Cleanup(func() {
		u.Wait()
		u.stopWatch()
		u.stopTicker()
		if u.vault != nil {
			u.vault.Drop()
		}
	})
	return u, clk
}

// makeVault creates a vault in a temp dir with the given accounts.
func makeVault(t testing.TB, accs ...core.Account) string {
	t.Helper()
	return makeVaultIn(t, t.TempDir(), accs...)
}

// makeVaultIn is makeVault in dir.
func makeVaultIn(t testing.TB, dir string, accs ...core.Account) string {
	t.Helper()
	v, _, err := vault.Create(dir, testPassword, testEpoch)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accs {
		if _, err := v.Doc.Add(a, testEpoch); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Save(testEpoch); err != nil {
		t.Fatal(err)
	}
	v.Drop()
	return dir
}

// reopen reads the vault in dir back from disk with the test password, as
// the next start would; it is dropped when the test ends.
func reopen(t testing.TB, dir string) *vault.Vault {
	t.Helper()
	v, err := vault.OpenPassword(dir, testPassword)
	if err != nil {
		t.Fatalf("reopening the vault: %v", err)
	}
	t.Cleanup(v.Drop)
	return v
}

// recoveryOf is v's recovery recipient (what backups are encrypted to) and
// its recovery key.
func recoveryOf(t testing.TB, v *vault.Vault) (string, vault.RecoveryKey) {
	t.Helper()
	rr, errRR := v.RecoveryRecipient()
	rk, errRK := v.RecoveryKey()
	if err := errors.Join(errRR, errRK); err != nil {
		t.Fatal(err)
	}
	return rr, rk
}

// unlockedVault makes a vault with accs and returns a UI showing its list,
// the UI's clock and the vault's dir.
func unlockedVault(t testing.TB, accs ...core.Account) (*UI, *testkit.Clock, string) {
	t.Helper()
	dir := makeVault(t, accs...)
	u, clk := unlocked(t, dir)
	return u, clk, dir
}

// unlocked returns a UI showing the list of the vault in dir.
func unlocked(t testing.TB, dir string) (*UI, *testkit.Clock) {
	t.Helper()
	u, clk := newTestUI(t, dir)
	u.Start()
	u.Wait()
	typeInto(t, u, "Password", testPassword)
	tapButton(t, u, "Unlock")
	u.Wait()
	if u.Screen() != screenList {
		t.Fatalf("screen after unlocking = %q, want %q (%s)", u.Screen(), screenList, visibleText(u))
	}
	return u, clk
}

func totp(issuer, name, secret string) core.Account {
	s, err := core.ParseSecret(secret)
	if err != nil {
		panic(err)
	}
	a := core.Account{Type: core.TOTP, Issuer: issuer, Name: name, Secret: s}
	a.Defaults()
	return a
}

// walk visits o and everything inside it that is visible, through the
// widgets' cached renderers (test.LaidOutObjects would make new ones).
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walk(ch, visit)
		}
	case *fyne.Container:
		for _, ch := range c.Objects {
			walk(ch, visit)
		}
	}
}

// everything walks the window's content and its overlays (dialogs).
func everything(u *UI, visit func(fyne.CanvasObject)) {
	walk(u.win.Canvas().Content(), visit)
	for _, o := range u.win.Canvas().Overlays().List() {
		walk(o, visit)
	}
}

// visibleText is all text on screen, for assertions and failure messages.
func visibleText(u *UI) string {
	var b strings.Builder
	everything(u, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.Entry:
			if !x.Password {
				b.WriteString(x.Text + "\n")
			}
		}
	})
	return b.String()
}

func findButton(t testing.TB, u *UI, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	everything(u, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on screen %q; text:\n%s", text, u.Screen(), visibleText(u))
	}
	return found
}

func tapButton(t testing.TB, u *UI, text string) {
	t.Helper()
	b := findButton(t, u, text)
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
}

// findEntry finds an entry by its placeholder.
func findEntry(t testing.TB, u *UI, placeholder string) *widget.Entry {
	t.Helper()
	found := entryFor(u, placeholder)
	if found == nil {
		t.Fatalf("no entry %q on screen %q", placeholder, u.Screen())
	}
	return found
}

// hasEntry says whether an entry with this placeholder is on screen.
func hasEntry(u *UI, placeholder string) bool { return entryFor(u, placeholder) != nil }

// entryFor is the entry with this placeholder, nil if none.
func entryFor(u *UI, placeholder string) *widget.Entry {
	var found *widget.Entry
	everything(u, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			if e.PlaceHolder == placeholder {
				found = e
			}
		case *searchEntry:
			if e.PlaceHolder == placeholder {
				found = &e.Entry
			}
		case *keyEntry:
			if e.PlaceHolder == placeholder {
				found = &e.Entry
			}
		}
	})
	return found
}

func typeInto(t testing.TB, u *UI, placeholder, text string) {
	t.Helper()
	e := findEntry(t, u, placeholder)
	u.win.Canvas().Focus(e)
	test.Type(e, text)
}

// submit presses Enter in the entry.
func submit(t testing.TB, u *UI, placeholder string) {
	t.Helper()
	e := findEntry(t, u, placeholder)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

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
