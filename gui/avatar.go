package gui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"

	"github.com/lifelineauth/lifeline/backup/services/icons"
	"github.com/lifelineauth/lifeline/core"
)

// brandIcon is what a row's avatar shows for an account with an icon: the
// glyph in its brand colour on a plate that keeps it readable.
type brandIcon struct {
	res   fyne.Resource
	plate color.Color
}

// Plates behind brand glyphs: light for dark brand colours (GitHub's
// black), dark for light ones (Robinhood's lime), in either theme.
var (
	lightPlate = color.NRGBA{R: 0xF2, G: 0xF2, B: 0xF2, A: 0xFF}
	darkPlate  = color.NRGBA{R: 0x26, G: 0x26, B: 0x26, A: 0xFF}
)

// avatars remembers each account's icon by what decides it (issuer, name,
// choice), so binding a row as the list scrolls does no matching. UI
// goroutine only.
type avatars struct {
	byKey  map[string]*brandIcon // nil value: the letter
	bySlug map[string]*brandIcon // one resource per icon, so Fyne rasterises it once per size
}

// of is the account's brand icon, or nil for the letter avatar.
func (c *avatars) of(a *core.Account) *brandIcon {
	key := a.Issuer + "\x00" + a.Name + "\x00" + a.Icon
	if b, ok := c.byKey[key]; ok {
		return b
	}
	if c.byKey == nil {
		c.byKey, c.bySlug = map[string]*brandIcon{}, map[string]*brandIcon{}
	}
	var b *brandIcon
	if ic, ok := icons.For(a); ok {
		if b = c.bySlug[ic.Slug]; b == nil {
			b = &brandIcon{res: fyne.NewStaticResource("brand-"+ic.Slug+".svg", ic.SVG()), plate: plateFor(ic.Hex)}
			c.bySlug[ic.Slug] = b
		}
	}
	c.byKey[key] = b
	return b
}

// plateFor picks the plate a glyph of colour hex (RRGGBB) reads best on,
// by its relative luminance.
func plateFor(hex string) color.Color {
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return lightPlate
	}
	r, g, b := float64(v>>16&0xFF), float64(v>>8&0xFF), float64(v&0xFF)
	if (0.2126*r+0.7152*g+0.0722*b)/255 > 0.6 {
		return darkPlate
	}
	return lightPlate
}
