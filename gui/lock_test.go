package gui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// codesOnScreen lists the codes of accs (now and next) that the window
// shows anywhere, in any grouping.
func codesOnScreen(u *UI, accs []core.Account, now time.Time) []string {
	text := strings.ReplaceAll(visibleText(u), " ", "")
	var found []string
	for i := range accs {
		for _, c := range []string{accs[i].Code(now), accs[i].Code(now.Add(30 * time.Second))} {
			if strings.Contains(text, c) {
				found = append(found, c)
			}
		}
	}
	return found
}

// pressShortcut does what Fyne's window does with a key combination: the
// main menu item with that shortcut runs, whatever widget has focus.
func pressShortcut(t *testing.T, u *UI, sc fyne.Shortcut) {
	t.Helper()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				if it.Disabled {
					t.Fatalf("menu item %q for %s is disabled", it.Label, sc.ShortcutName())
				}
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item for %s", sc.ShortcutName())
}

func TestLockHidesCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		lock func(u *UI, clk *testkit.Clock)
	}{
		{"Ctrl+L", func(u *UI, _ *testkit.Clock) { pressShortcut(t, u, scLock) }},
		{"idle for 5 minutes", func(u *UI, clk *testkit.Clock) { clk.Advance(5*time.Minute + time.Second) }},
		{"tray or button", func(u *UI, _ *testkit.Clock) { u.lock() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Google", "bob", "GEZDGNBVGY3TQOJQ"))
			accs := make([]core.Account, len(u.vault.Doc.Accounts))
			for i, a := range u.vault.Doc.Accounts {
				accs[i] = a.Clone()
			}
			if got := codesOnScreen(u, accs, clk.Now()); len(got) != 2 {
				t.Fatalf("before locking the window shows %d codes, want 2", len(got))
			}
			doc := u.vault.Doc
			u.list.list.Select(0) // a code on the clipboard
			tc.lock(u, clk)
			if u.Screen() != screenUnlock {
				t.Fatalf("screen = %q, want unlock", u.Screen())
			}
			if got := codesOnScreen(u, accs, clk.Now()); len(got) > 0 {
				t.Errorf("locked window still shows codes %v", got)
			}
			if u.vault != nil || len(doc.Accounts[0].Secret) > 0 && doc.Accounts[0].Secret[0] != 0 {
				t.Error("secrets still in memory after locking (vault.Drop not called)")
			}
			if u.clipboard().Content() != "" {
				t.Error("a copied code stays on the clipboard after locking")
			}
			// The ticker stopped: time passing does nothing.
			clk.Advance(time.Minute)
			if u.Screen() != screenUnlock {
				t.Errorf("screen changed to %q while locked", u.Screen())
			}
		})
	}
}

func TestIdleLockWaitsForActivity(t *testing.T) {
	u, clk := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	clk.Advance(4 * time.Minute)
	u.list.search.SetText("g") // typing is activity
	clk.Advance(4 * time.Minute)
	if u.Screen() != screenList {
		t.Fatalf("locked after 4 idle minutes (setting: 5)")
	}
	clk.Advance(time.Minute + time.Second)
	if u.Screen() != screenUnlock {
		t.Fatalf("not locked after 5 idle minutes")
	}
}

func TestHideCodesUntilClicked(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Google", "bob", "GEZDGNBVGY3TQOJQ"))
	u, clk := newTestUI(t, dir)
	u.prefs.hideCodes = true
	u.Start()
	u.Wait()
	typeInto(t, u, "Password", testPassword)
	submit(t, u, "Password")
	u.Wait()
	accs := []core.Account{u.vault.Doc.Accounts[0].Clone(), u.vault.Doc.Accounts[1].Clone()}
	if got := codesOnScreen(u, accs, clk.Now()); len(got) > 0 {
		t.Fatalf("hidden codes are on screen: %v", got)
	}
	if !strings.Contains(visibleText(u), "••• •••") {
		t.Errorf("no masked code shown; text:\n%s", visibleText(u))
	}
	u.list.list.Select(0)
	if got := codesOnScreen(u, accs, clk.Now()); len(got) != 1 {
		t.Errorf("after a click %d codes show, want just the clicked one", len(got))
	}
	if u.clipboard().Content() != accs[0].Code(clk.Now()) {
		t.Error("the click did not copy the code")
	}
	clk.Advance(31 * time.Second)
	if got := codesOnScreen(u, accs, clk.Now()); len(got) > 0 {
		t.Errorf("code still revealed after 30 s: %v", got)
	}
}

// TestHOTPNextAdvancesSavedCounter: the window gives HOTP codes as the CLI's
// `code` does: "Next code" (or a click on the row) gives the code at the
// stored counter, saves the counter moved on, shows and copies the code;
// the row shows the counter.
func TestHOTPNextAdvancesSavedCounter(t *testing.T) {
	h := totp("Bank", "alice", "JBSWY3DPEHPK3PXP")
	h.Type, h.Counter = core.HOTP, 7
	h.Defaults()
	u, clk, dir := unlockedVault(t, h)
	r := rowFor(t, u, "Bank")
	if r.hasRing || r.nextBtn.Hidden || r.nextBtn.Text != "Next code" {
		t.Fatal("an HOTP row shows a countdown instead of the “Next code” button")
	}
	if strings.ContainsAny(r.code.Text, "0123456789") || r.next.Text != "counter 7" {
		t.Fatalf("before any code is given the row shows %q, %q; want no code and the counter 7", r.code.Text, r.next.Text)
	}
	at := func(c uint64) string {
		a := h
		a.Counter = c
		return a.Code(clk.Now())
	}
	test.Tap(r.nextBtn)
	if got := reopen(t, dir).Doc.Accounts[0].Counter; got != 8 {
		t.Fatalf("saved counter = %d, want 8", got)
	}
	if got := strings.ReplaceAll(r.code.Text, " ", ""); got != at(7) || r.next.Text != "counter 8" {
		t.Errorf("row shows %q, %q; want the code given (counter 7) %q and counter 8", got, r.next.Text, at(7))
	}
	if got := u.clipboard().Content(); got != at(7) {
		t.Errorf("clipboard %q, want the code given %q", got, at(7))
	}
	// A click on the row asks for a code too: the next one, never the same.
	u.list.copyAt(0)
	if got := reopen(t, dir).Doc.Accounts[0].Counter; got != 9 {
		t.Errorf("saved counter after a click = %d, want 9", got)
	}
	if got := u.clipboard().Content(); got != at(8) {
		t.Errorf("clipboard after a click %q, want %q", got, at(8))
	}
}

// rowFor finds the bound row showing issuer.
func rowFor(t *testing.T, u *UI, issuer string) *row {
	t.Helper()
	for _, r := range u.list.rows {
		if a := r.account(); a != nil && a.Issuer == issuer {
			return r
		}
	}
	t.Fatalf("no row for %s", issuer)
	return nil
}

func TestDeleteWithUndo(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Google", "bob", "GEZDGNBVGY3TQOJQ"))
	i := u.vault.Doc.Index(u.vault.Doc.Accounts[0].ID)
	u.list.confirmDelete(i)
	tapButton(t, u, "Delete")
	if got := strings.Join(shownIssuers(u), ","); got != "Google" {
		t.Fatalf("after delete the list shows %s", got)
	}
	if n := len(reopen(t, dir).Doc.Accounts); n != 1 {
		t.Fatalf("vault on disk has %d accounts after delete", n)
	}
	if u.notice.Text() != "Deleted GitHub" {
		t.Errorf("notice %q", u.notice.Text())
	}
	tapButton(t, u, "Undo")
	v := reopen(t, dir)
	if len(v.Doc.Accounts) != 2 || v.Doc.Accounts[0].Issuer != "GitHub" || !v.Doc.Accounts[0].Created.Equal(testEpoch) {
		t.Fatalf("after Undo the vault holds %d accounts, first %q", len(v.Doc.Accounts), v.Doc.Accounts[0].Issuer)
	}
	if len(v.Doc.Tombstones) != 0 {
		t.Error("Undo left a tombstone: a merge would delete the account again")
	}
}

// Undo brings back an account over a limit Add refuses (one an older
// Lifeline wrote, with more recovery codes than are kept today): a delete
// is never made permanent by its own Undo.
func TestUndoDeleteOverLimit(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Google", "bob", "GEZDGNBVGY3TQOJQ"))
	v := reopen(t, dir)
	for i := range core.MaxRecoveryCodes + 1 {
		v.Doc.Accounts[0].RecoveryCodes = append(v.Doc.Accounts[0].RecoveryCodes, core.RecoveryCode{Code: core.Sensitive(fmt.Sprintf("code-%04d", i))})
	}
	if err := v.Save(testEpoch); err != nil {
		t.Fatal(err)
	}
	v.Drop()
	u, _ := unlocked(t, dir)
	u.list.confirmDelete(0)
	tapButton(t, u, "Delete")
	tapButton(t, u, "Undo")
	if strings.Contains(visibleText(u), "Could not") {
		t.Fatalf("Undo failed:\n%s", visibleText(u))
	}
	w := reopen(t, dir)
	if len(w.Doc.Accounts) != 2 || w.Doc.Accounts[0].Issuer != "GitHub" || len(w.Doc.Accounts[0].RecoveryCodes) != core.MaxRecoveryCodes+1 {
		t.Fatalf("after Undo the vault holds %d accounts, first %q", len(w.Doc.Accounts), w.Doc.Accounts[0].Issuer)
	}
	if got := strings.Join(shownIssuers(u), ","); got != "GitHub,Google" {
		t.Errorf("after Undo the list shows %s", got)
	}
}

func TestShortcuts(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	pressShortcut(t, u, scNew)
	if u.Screen() != screenAdd {
		t.Errorf("Ctrl+N shows %q", u.Screen())
	}
	pressShortcut(t, u, scFind)
	if u.Screen() != screenList || u.win.Canvas().Focused() != u.list.search {
		t.Errorf("Ctrl+F: screen %q, focus %T", u.Screen(), u.win.Canvas().Focused())
	}
	pressShortcut(t, u, scLock)
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.Shortcut != nil && it.Shortcut.ShortcutName() != scQuit.ShortcutName() && !it.Disabled {
			t.Errorf("menu item %q is enabled while locked", it.Label)
		}
	}
	if u.shortcutHandler(scNew) != nil {
		t.Error("Ctrl+N does something while locked")
	}
}

func TestCloseWindow(t *testing.T) {
	for _, tc := range []struct {
		name              string
		closeToTray, tray bool
		wantHidden        bool
	}{
		{"quits by default", false, true, false},
		{"hides to the tray", true, true, true},
		{"quits when the desktop has no tray", true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
			u.prefs.closeToTray, u.hasTray = tc.closeToTray, tc.tray
			u.list.list.Select(0)
			u.onClose()
			if tc.wantHidden {
				if u.visible || u.vault == nil {
					t.Errorf("visible %v, vault open %v; want hidden and still unlocked", u.visible, u.vault != nil)
				}
				return
			}
			if u.vault != nil {
				t.Error("quitting left the vault open in memory")
			}
			if u.clipboard().Content() != "" {
				t.Error("quitting left a code on the clipboard")
			}
		})
	}
}
