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
