package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const codesPlaceholder = "Paste or type recovery codes (spaces, commas or one per line)"

// iconButtons are the visible buttons showing icon, in screen order.
func iconButtons(u *UI, icon fyne.Resource) []*widget.Button {
	var out []*widget.Button
	everything(u, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == icon.Name() && b.Text == "" {
			out = append(out, b)
		}
	})
	return out
}

func TestCodesPanel(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.showCodes(0, u.showList)
	if u.Screen() != screenCodes {
		t.Fatalf("screen = %q", u.Screen())
	}

	typeInto(t, u, codesPlaceholder, "Your GitHub recovery codes\n1a2b3-c4d5e, 2a2b3-c4d5e\n3a2b3-c4d5e\n")
	tapButton(t, u, "Add codes")
	a := &u.vault.Doc.Accounts[0]
	if len(a.RecoveryCodes) != 3 {
		t.Fatalf("codes after adding = %d, want 3", len(a.RecoveryCodes))
	}
	if txt := visibleText(u); !strings.Contains(txt, "3 of 3 left") {
		t.Errorf("panel does not say 3 of 3 left:\n%s", txt)
	}

	t.Run("duplicate refused", func(t *testing.T) {
		typeInto(t, u, codesPlaceholder, "2A2B3C4D5E")
		tapButton(t, u, "Add codes")
		if n := len(u.vault.Doc.Accounts[0].RecoveryCodes); n != 3 {
			t.Errorf("codes after a duplicate = %d, want 3", n)
		}
		if !strings.Contains(visibleText(u), "already saved") {
			t.Errorf("no duplicate message:\n%s", visibleText(u))
		}
		u.closeOverlays()
		findEntry(t, u, codesPlaceholder).SetText("")
	})

	t.Run("mark used and unused", func(t *testing.T) {
		var first *widget.Button
		everything(u, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Mark used" && first == nil {
				first = b
			}
		})
		test.Tap(first)
		a := &u.vault.Doc.Accounts[0]
		if a.RecoveryCodes[0].UsedAt == nil {
			t.Fatal("first code not marked used")
		}
		txt := visibleText(u)
		if !strings.Contains(txt, "2 of 3 left") || !strings.Contains(txt, "used "+testEpoch.Local().Format("2 Jan 2006")) {
			t.Errorf("panel after marking:\n%s", txt)
		}
		tapButton(t, u, "Mark unused")
		if u.vault.Doc.Accounts[0].RecoveryCodes[0].UsedAt != nil {
			t.Error("first code still used after Mark unused")
		}
	})

	t.Run("copy", func(t *testing.T) {
		for _, markOnCopy := range []bool{false, true} {
			u.prefs.p.SetBool(prefMarkUsedOnCopy, markOnCopy)
			cps := iconButtons(u, theme.ContentCopyIcon())
			if len(cps) != 3 {
				t.Fatalf("copy buttons = %d, want 3", len(cps))
			}
			test.Tap(cps[1])
			if got := u.clipboard().Content(); got != "2a2b3-c4d5e" {
				t.Errorf("clipboard = %q", got)
			}
			used := u.vault.Doc.Accounts[0].RecoveryCodes[1].UsedAt != nil
			if used != markOnCopy {
				t.Errorf("mark on copy %v: used = %v", markOnCopy, used)
			}
		}
	})

	t.Run("delete with confirmation", func(t *testing.T) {
		dels := iconButtons(u, theme.DeleteIcon())
		test.Tap(dels[2])
		if n := len(u.vault.Doc.Accounts[0].RecoveryCodes); n != 3 {
			t.Fatalf("deleted before confirming: %d left", n)
		}
		tapButton(t, u, "Delete")
		if n := len(u.vault.Doc.Accounts[0].RecoveryCodes); n != 2 {
			t.Fatalf("codes after delete = %d, want 2", n)
		}
	})

	t.Run("low warning", func(t *testing.T) {
		w := u.vault.Doc.Accounts[0].RecoveryCodesWarning()
		// The label wraps: compare the start of the warning.
		if w == "" || !strings.Contains(visibleText(u), w[:20]) {
			t.Errorf("no low-codes warning with 2 codes:\n%s", visibleText(u))
		}
	})

	t.Run("saved", func(t *testing.T) {
		v := reopen(t, dir)
		a := v.Doc.Accounts[0]
		if len(a.RecoveryCodes) != 2 || string(a.RecoveryCodes[0].Code) != "1a2b3-c4d5e" || a.RecoveryCodes[1].UsedAt == nil {
			t.Errorf("codes on disk: %d codes, first %q", len(a.RecoveryCodes), a.RecoveryCodes[0].Code)
		}
		if got := codesHint(&a); !strings.HasPrefix(got, "1 of 2 left") {
			t.Errorf("hint = %q", got)
		}
	})
}

func TestCodesHintOnDetails(t *testing.T) {
	a := totp("GitLab", "bob", "JBSWY3DPEHPK3PXP")
	if err := a.AddRecoveryCodes(strings.Fields("aaaa1111 bbbb2222 cccc3333 dddd4444"), testEpoch); err != nil {
		t.Fatal(err)
	}
	a.MarkRecoveryCode(0, true, testEpoch)
	u, _ := unlocked(t, makeVault(t, a))
	u.showDetails(0)
	if txt := visibleText(u); !strings.Contains(txt, "3 of 4 left") {
		t.Errorf("details do not show 3 of 4 left:\n%s", txt)
	}
	tapButton(t, u, "Recovery codes…")
	if u.Screen() != screenCodes {
		t.Errorf("screen = %q, want %q", u.Screen(), screenCodes)
	}
}

// TestCodesPanelLayout: with a site's 16 codes the actions stay in sight
// at the top, the scroll bar covers no button, and a used code's row (its
// date, "Mark unused") lines its buttons up with the others.
func TestCodesPanelLayout(t *testing.T) {
	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	var codes []string
	for i := range 16 {
		codes = append(codes, strings.Repeat(string(rune('a'+i)), 5)+"-12345")
	}
	if err := a.AddRecoveryCodes(codes, testEpoch); err != nil {
		t.Fatal(err)
	}
	a.MarkRecoveryCode(1, true, testEpoch)
	u, _, _ := unlockedVault(t, a)
	u.showCodes(0, u.showList)
	d := fyne.CurrentApp().Driver()
	win := u.win.Canvas().Size()
	firstCode := d.AbsolutePositionForObject(iconButtons(u, theme.ContentCopyIcon())[0])
	for _, name := range []string{"Add codes", "Import file…", "Print these codes…"} {
		b := findButton(t, u, name)
		p := d.AbsolutePositionForObject(b)
		if p.Y+b.Size().Height > win.Height || p.Y >= firstCode.Y {
			t.Errorf("%q at %v: not at the top, above the codes (first at %v)", name, p, firstCode)
		}
	}
	var scroll *container.Scroll
	everything(u, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok {
			scroll = s
		}
	})
	barX := d.AbsolutePositionForObject(scroll).X + scroll.Size().Width - theme.ScrollBarSize()
	for _, icon := range []fyne.Resource{theme.ContentCopyIcon(), theme.DeleteIcon()} {
		bs := iconButtons(u, icon)
		if len(bs) != 16 {
			t.Fatalf("%d %s buttons, want 16", len(bs), icon.Name())
		}
		for i, b := range bs {
			p := d.AbsolutePositionForObject(b)
			if x0 := d.AbsolutePositionForObject(bs[0]).X; p.X != x0 {
				t.Errorf("%s button of code %d at x %v, the first's at %v", icon.Name(), i+1, p.X, x0)
			}
			if p.X+b.Size().Width > barX {
				t.Errorf("%s button of code %d reaches under the scroll bar (%v > %v)", icon.Name(), i+1, p.X+b.Size().Width, barX)
			}
		}
	}
}
