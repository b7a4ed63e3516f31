package gui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestChangePassword(t *testing.T) {
	for _, tc := range []struct {
		name, current string
		wantOK        bool
		wantText      string
	}{
		{"right current password", testPassword, true, "Password changed"},
		{"wrong current password", "not it at all", false, "That password is not right."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _, dir := unlockedVault(t)
			u.showSettings()
			tapButton(t, u, "Change password…")
			test.Type(labelled[*widget.Entry](t, u, "Current password"), tc.current)
			test.Type(labelled[*widget.Entry](t, u, "New password"), "a brand new passphrase")
			test.Type(labelled[*widget.Entry](t, u, "New password again"), "a brand new passphrase")
			tapButton(t, u, "Change")
			u.Wait()
			text := visibleText(u) + u.notice.Text()
			if !strings.Contains(text, tc.wantText) {
				t.Errorf("no %q; text:\n%s", tc.wantText, text)
			}
			_, errNew := vault.OpenPassword(dir, "a brand new passphrase")
			_, errOld := vault.OpenPassword(dir, testPassword)
			if tc.wantOK && (errNew != nil || errOld == nil) {
				t.Errorf("after the change: new password %v, old password %v", errNew, errOld)
			}
			if !tc.wantOK && (errNew == nil || errOld != nil) {
				t.Errorf("a refused change changed the password: new %v, old %v", errNew, errOld)
			}
		})
	}
}

func TestShowRecoveryKeyNeedsPassword(t *testing.T) {
	dir := makeVault(t)
	want := recoveryKeyOf(t, dir)
	u, _ := unlocked(t, dir)
	u.showSettings()
	tapButton(t, u, "Show recovery key…")
	test.Type(labelled[*widget.Entry](t, u, "Password"), testPassword)
	tapButton(t, u, "Show")
	u.Wait()
	if u.Screen() != screenRecovery {
		t.Fatalf("screen %q, want the recovery key", u.Screen())
	}
	got := strings.ReplaceAll(strings.ReplaceAll(visibleText(u), " - ", "-"), "\n", "")
	for _, g := range strings.Split(want, "-") {
		if !strings.Contains(got, g) {
			t.Fatalf("group %s of the recovery key not shown", g)
		}
	}
	tapButton(t, u, "Done")
	if u.Screen() != screenSettings {
		t.Errorf("Done goes to %q, want settings", u.Screen())
	}
}

func TestSettingsPersist(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	u.showSettings()
	labelled[*widget.Select](t, u, "Lock").SetSelected("After 15 minutes")
	labelled[*widget.Select](t, u, "Clear copied codes").SetSelected("After 90 seconds")
	findCheck(u, "Hide codes until clicked").SetChecked(true)
	labelled[*widget.RadioGroup](t, u, "Theme").SetSelected("Dark")
	got := loadPrefs(u.app.Preferences())
	if got.autoLockMinutes != 15 || got.clipSeconds != 90 || !got.hideCodes || got.theme != themeDark {
		t.Errorf("saved settings %+v", got)
	}
	if v := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); v != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("dark theme not applied: background %v", v)
	}
	// The list, hidden while the theme changed, comes back in its colours.
	u.showList()
	if got, want := rowFor(t, u, "GitHub").code.Color, theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantDark); got != want {
		t.Errorf("code colour after switching to dark: %v, want %v", got, want)
	}
	// Nothing secret in the preferences.
	u.app.Preferences().RemoveValue("nothing") // make sure it is the real store
	for _, k := range []string{prefAutoLockMinutes, prefClipSeconds, prefHideCodes, prefTheme, prefCloseToTray, prefSort, prefGroup} {
		if s := u.app.Preferences().String(k); strings.Contains(s, testPassword) {
			t.Errorf("preference %s holds the password", k)
		}
	}
}

func TestDetailsQRAndSecret(t *testing.T) {
	a := totp("GitHub", "alice@example.com", "JBSWY3DPEHPK3PXP")
	u, _ := unlocked(t, makeVault(t, a))
	u.showDetails(0)
	if strings.Contains(visibleText(u), "JBSW") {
		t.Fatal("the secret shows before Reveal secret was clicked")
	}
	tapButton(t, u, "Reveal secret")
	if !strings.Contains(visibleText(u), "JBSW Y3DP EHPK 3PXP") {
		t.Errorf("Reveal secret did not show the grouped secret; text:\n%s", visibleText(u))
	}
	tapButton(t, u, "Show QR to move to a phone")
	var img *canvas.Image
	everything(u, func(o fyne.CanvasObject) {
		if i, ok := o.(*canvas.Image); ok && i.Image != nil && i.Image.Bounds().Dx() >= 256 {
			img = i
		}
	})
	if img == nil {
		t.Fatal("no QR image shown")
	}
	// Another reader must find the account in it.
	testkit.NeedTools(t, "zbarimg")
	path := filepath.Join(t.TempDir(), "qr.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img.Image); err != nil {
		t.Fatal(err)
	}
	f.Close()
	codes := testkit.ZBar(t, path)
	if len(codes) != 1 {
		t.Fatalf("zbarimg read %q, want one code", codes)
	}
	got, err := core.ParseURI(codes[0])
	if err != nil {
		t.Fatalf("QR holds %q: %v", codes[0], err)
	}
	if got.Issuer != "GitHub" || got.Name != "alice@example.com" || got.Secret.Base32() != "JBSWY3DPEHPK3PXP" {
		t.Errorf("QR holds %s / %s", got.Issuer, got.Name)
	}
}

func TestRecoveryUnlockOffersNewPassword(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	rk := recoveryKeyOf(t, dir)
	u, _ := newTestUI(t, dir)
	u.Start()
	u.Wait()
	tapButton(t, u, "Forgot it? Use the recovery key")
	typeInto(t, u, "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", rk)
	tapButton(t, u, "Unlock")
	u.Wait()
	if u.Screen() != screenList {
		t.Fatalf("screen %q, want the list under a new-password dialog", u.Screen())
	}
	test.Type(labelled[*widget.Entry](t, u, "New password"), "my new long password")
	test.Type(labelled[*widget.Entry](t, u, "Again"), "my new long password")
	tapButton(t, u, "Set password")
	u.Wait()
	v, err := vault.OpenPassword(dir, "my new long password")
	if err != nil {
		t.Fatalf("new password does not open the vault: %v", err)
	}
	v.Drop()
}

// Settings → About says the version FyneApp.toml gives, as --version does.
func TestSettingsAbout(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := core.SetVersion(data); err != nil {
		t.Fatal(err)
	}
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	u.showSettings()
	if want := "Lifeline " + core.Version() + " ·"; !strings.Contains(visibleText(u), want) {
		t.Fatalf("Settings does not say %q:\n%s", want, visibleText(u))
	}
}

// tapBack taps the screen's back button (the arrow at the top left).
func tapBack(t *testing.T, u *UI) {
	t.Helper()
	var back *widget.Button
	walk(u.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && back == nil && b.Text == "" && b.Icon == theme.NavigateBackIcon() {
			back = b
		}
	})
	if back == nil {
		t.Fatalf("no back button on %q", u.Screen())
	}
	test.Tap(back)
	u.Wait()
}

// TestBackReturnsWhereItCameFrom: every screen opened from more than one
// place goes back to the one it was opened from, not to a page the person
// never saw (Recovery codes from a row's menu went back to Details).
func TestBackReturnsWhereItCameFrom(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	menu := func(item string) func() {
		return func() {
			u.list.showRowMenu(0, u.list.rows[0].menuBtn)
			var hit fyne.Tappable // the deepest: the item, not the pop-up around it
			walk(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
				tp, ok := o.(fyne.Tappable)
				if !ok {
					return
				}
				walk(o, func(in fyne.CanvasObject) {
					if txt, ok := in.(*canvas.Text); ok && txt.Text == item {
						hit = tp
					}
				})
			})
			if hit != nil {
				hit.Tapped(&fyne.PointEvent{})
				return
			}
			t.Fatalf("no %q in the row menu", item)
		}
	}
	fromDetails := func(button string) func() {
		return func() {
			menu("Details and QR code…")()
			tapButton(t, u, button)
		}
	}
	for _, tc := range []struct {
		name   string
		open   func()
		screen string
		back   string // the screen back returns to
	}{
		{"recovery codes from the row menu", menu("Recovery codes…"), screenCodes, screenList},
		{"recovery codes from details", fromDetails("Recovery codes…"), screenCodes, screenDetails},
		{"edit from the row menu", menu("Edit…"), screenEdit, screenList},
		{"edit from details", fromDetails("Edit"), screenEdit, screenDetails},
		{"details from the row menu", menu("Details and QR code…"), screenDetails, screenList},
		{"backups from settings", func() { u.showSettings(); tapButton(t, u, "Backups…") }, screenBackups, screenSettings},
		{"backups from the banner", func() { u.showBackups(u.showList) }, screenBackups, screenList},
		{"QR export from settings", func() {
			u.showSettings()
			tapButton(t, u, "Export QR codes…")
			tapButton(t, u, "Show codes")
		}, screenQRExport, screenSettings},
		{"QR export from the menu", func() { u.askExportQR(u.showList); tapButton(t, u, "Show codes") }, screenQRExport, screenList},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u.closeOverlays()
			u.showList()
			tc.open()
			u.Wait()
			if u.Screen() != tc.screen {
				t.Fatalf("opened %q, want %q", u.Screen(), tc.screen)
			}
			tapBack(t, u)
			if u.Screen() != tc.back {
				t.Errorf("back went to %q, want %q", u.Screen(), tc.back)
			}
		})
	}
	// Cancel on the edit form opened from Details goes back there too.
	u.showList()
	fromDetails("Edit")()
	tapButton(t, u, "Cancel")
	if u.Screen() != screenDetails {
		t.Errorf("Cancel on edit from details went to %q", u.Screen())
	}
}
