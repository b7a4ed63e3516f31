package gui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/fsnotify/fsnotify"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// changeOnDisk changes the vault in dir as another process would: a Vault
// of its own, opened with the password, changed and saved.
func changeOnDisk(t testing.TB, dir string, change func(d *vault.Document, now time.Time)) {
	t.Helper()
	v, err := vault.OpenPassword(dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Drop()
	now := testEpoch.Add(time.Second)
	change(v.Doc, now)
	if err := v.Save(now); err != nil {
		t.Fatal(err)
	}
}

func addOnDisk(t testing.TB, dir string, a core.Account) {
	t.Helper()
	changeOnDisk(t, dir, func(d *vault.Document, now time.Time) {
		if _, err := d.Add(a, now); err != nil {
			t.Fatal(err)
		}
	})
}

// labelsOnDisk are the vault's account labels as the next unlock finds
// them, sorted.
func labelsOnDisk(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for _, a := range reopen(t, dir).Doc.Accounts {
		out = append(out, a.Label())
	}
	slices.Sort(out)
	return out
}

// waitFor runs the UI's queue (what the watcher handed over) until ok or
// the deadline, and returns how long it took.
func waitFor(t testing.TB, u *UI, within time.Duration, what string, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		u.Wait()
		if ok() {
			return time.Since(start)
		}
		if time.Since(start) > within {
			t.Fatalf("after %v: %s never happened; screen %q:\n%s", within, what, u.Screen(), visibleText(u))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Issue 12 §1: an Add after another process saved used to fail with
// ErrChangedOnDisk; a second Add then said "Added 0 accounts (1 already
// there)", showed the account, and never saved it.
func TestAddAfterChangeOnDiskIsSaved(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	addOnDisk(t, dir, totp("FromCLI", "c", "KRSXG5CTMVRXEZLU"))

	u.showAdd("otpauth://totp/Window:w?secret=GEZDGNBVGY3TQOJQ&issuer=Window")
	tapButton(t, u, "Add")
	if got := u.notice.Text(); got != "Added 1 account" {
		t.Fatalf("notice %q, want %q; screen %q:\n%s", got, "Added 1 account", u.Screen(), visibleText(u))
	}
	want := []string{"Alpha:a", "FromCLI:c", "Window:w"}
	if got := labelsOnDisk(t, dir); !slices.Equal(got, want) {
		t.Fatalf("on disk after Add: %v, want %v", got, want)
	}
	u.lock()
	u2, _ := unlocked(t, dir)
	for _, l := range []string{"Alpha", "FromCLI", "Window"} {
		if !strings.Contains(visibleText(u2), l) {
			t.Errorf("after lock and unlock the list lacks %s:\n%s", l, visibleText(u2))
		}
	}
}

// The window notices a change on disk within a second and shows it.
func TestWindowFollowsDisk(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	addOnDisk(t, dir, totp("FromCLI", "c", "KRSXG5CTMVRXEZLU"))
	took := waitFor(t, u, time.Second, "the list showing FromCLI", func() bool {
		return strings.Contains(visibleText(u), "FromCLI")
	})
	t.Logf("the list showed the change after %v", took)
}

// Where notifications fail, the watcher polls the file's hash.
func TestWatchFallsBackToPolling(t *testing.T) {
	old := newWatcher
	newWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("no notifications here") }
	t.Cleanup(func() { newWatcher = old })
	oldPoll := pollFallback
	pollFallback = 50 * time.Millisecond
	t.Cleanup(func() { pollFallback = oldPoll })

	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	addOnDisk(t, dir, totp("FromCLI", "c", "KRSXG5CTMVRXEZLU"))
	waitFor(t, u, time.Second, "the list showing FromCLI (polling)", func() bool {
		return strings.Contains(visibleText(u), "FromCLI")
	})
}

// A reload keeps the search text, the list's scroll position, and an open
// edit form with what was typed into it; saving the form then keeps the
// other process's change too.
func TestReloadKeepsSearchScrollAndEditForm(t *testing.T) {
	var accs []core.Account
	for i := range 60 {
		accs = append(accs, totp("Site", "user"+string(rune('A'+i/26))+string(rune('a'+i%26)), "JBSWY3DPEHPK3PXP"))
		accs[i].Secret = core.Secret("secret-" + accs[i].Name)
	}
	u, _, dir := unlockedVault(t, accs...)
	typeInto(t, u, searchPlaceholder, "user")
	u.list.list.ScrollToOffset(400)
	offset := u.list.list.GetScrollOffset()
	if offset == 0 {
		t.Fatal("the list did not scroll")
	}
	addOnDisk(t, dir, totp("Site", "userZZ", "KRSXG5CTMVRXEZLU"))
	waitFor(t, u, time.Second, "the list holding 61 accounts", func() bool { return len(u.list.view) == 61 })
	if got := findEntry(t, u, searchPlaceholder).Text; got != "user" {
		t.Errorf("search text after reload %q, want %q", got, "user")
	}
	if got := u.list.list.GetScrollOffset(); got != offset {
		t.Errorf("scroll offset after reload %v, want %v", got, offset)
	}

	u.showEdit(0, u.showList)
	issuer := entryWithText(t, u, "Site")
	issuer.SetText("Edited here")
	changeOnDisk(t, dir, func(d *vault.Document, now time.Time) {
		d.Accounts[1].Note = "noted elsewhere"
		d.Touch(1, now)
	})
	waitFor(t, u, time.Second, "the reload", func() bool { return u.vault.Doc.Accounts[1].Note != "" })
	if u.Screen() != screenEdit || issuer.Text != "Edited here" {
		t.Fatalf("after reload: screen %q, issuer %q; want the edit form with what was typed", u.Screen(), issuer.Text)
	}
	tapButton(t, u, "Save")
	d := reopen(t, dir).Doc
	if d.Accounts[0].Issuer != "Edited here" || d.Accounts[1].Note != "noted elsewhere" {
		t.Fatalf("on disk: issuer %q, note %q; want both changes", d.Accounts[0].Issuer, d.Accounts[1].Note)
	}
}

// A secret changed here and elsewhere at once keeps both copies and asks
// which stays.
func TestSecretChangedOnBothSidesIsAsked(t *testing.T) {
	u, clk, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	u.stopWatch() // the save below must find the disk changed
	changeOnDisk(t, dir, func(d *vault.Document, now time.Time) {
		d.Accounts[0].Secret = core.Secret("disk secret")
		d.Touch(0, now)
	})
	clk.Advance(2 * time.Second)
	u.vault.Doc.Accounts[0].Secret = core.Secret("window secret")
	u.vault.Doc.Touch(0, clk.Now())
	if !u.save() {
		t.Fatalf("save failed: %s", visibleText(u))
	}
	d := reopen(t, dir).Doc
	secrets := []string{}
	for _, a := range d.Accounts {
		secrets = append(secrets, string(a.Secret))
	}
	slices.Sort(secrets)
	if !slices.Equal(secrets, []string{"disk secret", "window secret"}) {
		t.Fatalf("on disk: secrets %q, want both copies", secrets)
	}
	if !strings.Contains(visibleText(u), "changed in this window and elsewhere") {
		t.Fatalf("no question:\n%s", visibleText(u))
	}
	codeWith := func(secret string) string {
		for _, a := range u.vault.Doc.Accounts {
			if string(a.Secret) == secret {
				return groupCode(a.Code(clk.Now()), a.Type)
			}
		}
		return "none"
	}
	// Each button names its copy's code, so the person can tell them apart.
	assertDialogButtons(t, u, "Keep both", "The other one · "+codeWith("disk secret"), "This window’s · "+codeWith("window secret"))
	tapButton(t, u, "This window’s · "+codeWith("window secret"))
	d = reopen(t, dir).Doc
	if len(d.Accounts) != 1 || string(d.Accounts[0].Secret) != "window secret" {
		t.Fatalf("after choosing: %d accounts, want the window's copy only", len(d.Accounts))
	}
}

// entryWithText finds the entry showing text.
func entryWithText(t testing.TB, u *UI, text string) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	everything(u, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == text && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatalf("no entry holding %q on screen %q", text, u.Screen())
	}
	return found
}

const searchPlaceholder = "Search  (Ctrl+F)"
