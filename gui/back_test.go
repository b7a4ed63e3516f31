package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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
