package gui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/services/icons"
	"github.com/lifelineauth/lifeline/core"
)

// TestRowIcons: a site with a brand icon shows it on its plate, one
// without shows the letter, and a person's choice of the letter wins.
func TestRowIcons(t *testing.T) {
	letter := totp("GitLab", "carol", "GEZDGNBVGY3TQOJQ")
	letter.Icon = core.IconLetter
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Acme", "bob", "JBSWY3DPEHPK3PXQ"), letter)
	for _, c := range []struct {
		name  string
		icon  bool
		glyph string
	}{{"GitHub", true, "github"}, {"Acme", false, "A"}, {"GitLab", false, "G"}} {
		r := rowFor(t, u, c.name)
		switch {
		case c.icon && (!r.avatarIcon.Visible() || r.avatarText.Visible() || r.iconSlug != c.glyph || r.avatarIcon.Image == nil):
			t.Errorf("%s: icon shown %v (%q), letter shown %v; want the icon %s", c.name, r.avatarIcon.Visible(), r.iconSlug, r.avatarText.Visible(), c.glyph)
		case !c.icon && (r.avatarIcon.Visible() || !r.avatarText.Visible() || r.avatarText.Text != c.glyph):
			t.Errorf("%s: icon shown %v, letter %q shown %v; want the letter %s", c.name, r.avatarIcon.Visible(), r.avatarText.Text, r.avatarText.Visible(), c.glyph)
		}
	}
}

// TestEditIcon: the edit screen picks another icon or the letter, saves
// it on the account, and the row shows it.
func TestEditIcon(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	for _, c := range []struct{ pick, want, glyph string }{
		{"GitLab", "gitlab", "gitlab"}, {iconLetter, core.IconLetter, ""}, {iconAutomatic, "", "github"},
	} {
		u.showEdit(0, u.showList)
		var pick *widget.Select
		everything(u, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok && len(s.Options) > 2 && s.Options[0] == iconAutomatic {
				pick = s
			}
		})
		if pick == nil {
			t.Fatal("the edit screen has no icon picker")
		}
		pick.SetSelected(c.pick)
		test.Tap(findButton(t, u, "Save"))
		if got := reopen(t, dir).Doc.Accounts[0].Icon; got != c.want {
			t.Errorf("picked %s: saved icon %q, want %q", c.pick, got, c.want)
		}
		r := rowFor(t, u, "GitHub")
		if shown := r.avatarIcon.Visible() && r.avatarIcon.Image != nil; shown != (c.glyph != "") || r.iconSlug != c.glyph {
			t.Errorf("picked %s: row shows icon %v (%q), want %q", c.pick, shown, r.iconSlug, c.glyph)
		}
	}
}

func TestPlateFor(t *testing.T) {
	if plateFor("000000") != lightPlate || plateFor("CCFF00") != darkPlate || plateFor("FFFFFF") != darkPlate || plateFor("5865F2") != lightPlate {
		t.Error("plates: want light behind dark glyphs and dark behind light ones")
	}
}

// TestEveryIconDraws rasterises every brand icon as the rows do and wants
// ink in it: an SVG Fyne cannot read comes out blank, not as an error.
func TestEveryIconDraws(t *testing.T) {
	test.NewTempApp(t)
	img := &canvas.Image{FillMode: canvas.ImageFillContain}
	w := test.NewTempWindow(t, img)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(32, 32))
	for _, ic := range icons.All() {
		img.Resource = fyne.NewStaticResource("draws-"+ic.Slug+".svg", ic.SVGIn("000000"))
		img.Refresh()
		ink := inkIn(w.Canvas().Capture())
		if ink < 10 {
			t.Errorf("%s draws %d dark pixels: Fyne cannot read its SVG", ic.Slug, ink)
		}
		if img := drawSVG(ic.SVGIn("000000"), glyphPixels); img == nil || inkIn(img) < 40 {
			t.Errorf("%s: the rows draw it blank", ic.Slug)
		}
	}
}

// inkIn counts the dark, opaque pixels of img.
func inkIn(img image.Image) int {
	ink := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, a := img.At(x, y).RGBA(); a > 0x8000 && r+g+bl < 3*0x4000 {
				ink++
			}
		}
	}
	return ink
}
