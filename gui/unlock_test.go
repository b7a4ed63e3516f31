package gui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/vault"
)

func TestFirstRunCreatesVault(t *testing.T) {
	dir := t.TempDir() + "/vault"
	u, _ := newTestUI(t, dir)
	u.Start()
	if u.Screen() != screenFirstRun {
		t.Fatalf("screen = %q, want first run", u.Screen())
	}
	tapButton(t, u, "Create a new vault")

	create := findButton(t, u, "Create vault")
	typeInto(t, u, "Password", "tr0ub4dor&3 horse")
	typeInto(t, u, "The same password again", "tr0ub4dor&3 hors")
	if !create.Disabled() {
		t.Error("Create vault is enabled while the passwords differ")
	}
	if !strings.Contains(visibleText(u), "The two passwords are different.") {
		t.Errorf("no mismatch message; text:\n%s", visibleText(u))
	}
	typeInto(t, u, "The same password again", "e")
	if create.Disabled() {
		t.Fatal("Create vault is disabled with two equal passwords")
	}
	test.Tap(create)
	u.Wait()
	if u.Screen() != screenRecovery {
		t.Fatalf("screen after create = %q, want recovery key; text:\n%s", u.Screen(), visibleText(u))
	}
	if !vault.Exists(dir) {
		t.Fatal("no vault on disk after Create")
	}

	// The recovery key is on screen; Continue waits for one group.
	key, group := shownRecoveryKey(t, u)
	cont := findButton(t, u, "Continue")
	if !cont.Disabled() {
		t.Fatal("Continue is enabled before the group is typed")
	}
	groups := strings.Split(key, "-")
	wrong := groups[(group)%len(groups)]
	if wrong == groups[group-1] {
		wrong = "ZZZZ"
	}
	typeInto(t, u, "XXXX", wrong)
	if !cont.Disabled() {
		t.Fatal("Continue is enabled after a wrong group")
	}
	e := findEntry(t, u, "XXXX")
	e.SetText(strings.ToLower(groups[group-1]))
	if cont.Disabled() {
		t.Fatalf("Continue is disabled after typing group %d in lower case", group)
	}
	test.Tap(cont)
	if u.Screen() != screenList {
		t.Fatalf("screen after Continue = %q, want the list", u.Screen())
	}
	if !strings.Contains(visibleText(u), "No accounts yet") {
		t.Errorf("a new vault does not show the empty state; text:\n%s", visibleText(u))
	}

	// What was shown opens the vault, and so does the password.
	rk, err := vault.ParseRecoveryKey(key)
	if err != nil {
		t.Fatalf("shown recovery key does not parse: %v", err)
	}
	v, err := vault.OpenRecoveryKey(dir, rk)
	if err != nil {
		t.Fatalf("shown recovery key does not open the vault: %v", err)
	}
	v.Drop()
	v, err = vault.OpenPassword(dir, "tr0ub4dor&3 horse")
	if err != nil {
		t.Fatalf("password does not open the new vault: %v", err)
	}
	v.Drop()
}

var groupRE = regexp.MustCompile(`type group (\d+) \(of 8\)`)

// shownRecoveryKey reads the recovery key and the group asked for.
func shownRecoveryKey(t *testing.T, u *UI) (key string, group int) {
	t.Helper()
	everything(u, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok {
			return
		}
		if l.TextStyle.Monospace {
			key = strings.NewReplacer(" - ", "-", "\n", "-").Replace(l.Text)
		}
		if m := groupRE.FindStringSubmatch(l.Text); m != nil {
			group, _ = strconv.Atoi(m[1])
		}
	})
	if key == "" || group == 0 {
		t.Fatalf("recovery key or group not found; text:\n%s", visibleText(u))
	}
	return key, group
}

func TestUnlock(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	rk := recoveryKeyOf(t, dir)
	for _, tc := range []struct {
		name, secret string
		recovery     bool
		wantScreen   string
		wantText     string
	}{
		{"right password", testPassword, false, screenList, "GitHub"},
		{"wrong password", "correct horse battery!", false, screenUnlock, "That password is not right."},
		{"empty password", "", false, screenUnlock, "The password is empty."},
		{"recovery key", rk, true, screenList, "GitHub"},
		{"recovery key lower case", strings.ToLower(rk), true, screenList, "GitHub"},
		{"recovery key typo", rk[:len(rk)-1] + flip(rk[len(rk)-1]), true, screenUnlock, "The recovery key has a typo."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newTestUI(t, dir)
			u.Start()
			u.Wait()
			if u.Screen() != screenUnlock {
				t.Fatalf("screen = %q, want unlock", u.Screen())
			}
			placeholder := "Password"
			if tc.recovery {
				tapButton(t, u, "Forgot it? Use the recovery key")
				placeholder = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
			}
			typeInto(t, u, placeholder, tc.secret)
			submit(t, u, placeholder)
			u.Wait()
			if u.Screen() != tc.wantScreen {
				t.Fatalf("screen = %q, want %q; text:\n%s", u.Screen(), tc.wantScreen, visibleText(u))
			}
			if got := visibleText(u); !strings.Contains(got, tc.wantText) {
				t.Errorf("screen does not say %q; text:\n%s", tc.wantText, got)
			}
			if tc.wantScreen == screenUnlock {
				if u.vault != nil {
					t.Error("a vault is open after a failed unlock")
				}
				if b := findButton(t, u, "Unlock"); b.Disabled() {
					t.Error("Unlock stays disabled after a failure: the person cannot try again")
				}
			}
		})
	}
}

func recoveryKeyOf(t *testing.T, dir string) string {
	t.Helper()
	_, rk := recoveryOf(t, reopen(t, dir))
	return rk.Reveal()
}

// flip changes a Crockford Base32 character into another valid one.
func flip(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

// TestWindowStays560Wide: no screen asks for more than the window's 560
// units, so opening one never widens the window (Settings did, to 570, and
// it stayed so).
func TestWindowStays560Wide(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
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
