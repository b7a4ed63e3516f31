package gui

import (
	"bytes"
	"image"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"

	"github.com/lifelineauth/lifeline/backup/services/icons"
	"github.com/lifelineauth/lifeline/core"
)

// brandIcon is what a row's avatar shows for an account with an icon: the
// glyph in its brand colour on a plate that keeps it readable. The glyph
// is drawn once, as pixels: a canvas.Image given an SVG resource parses
// the SVG again on every Refresh, which is every row bound as the list
// scrolls.
type brandIcon struct {
	slug  string
	img   image.Image // nil if the SVG could not be drawn: the letter shows
	plate color.Color
}

// glyphPixels is the size brand glyphs are drawn at: the avatar's glyph
// is 24 units, so this stays sharp up to a scale of 2.5.
const glyphPixels = 64

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
			b = &brandIcon{slug: ic.Slug, img: drawSVG(ic.SVG(), glyphPixels), plate: plateFor(ic.Hex)}
			c.bySlug[ic.Slug] = b
		}
		if b.img == nil {
			b = nil
		}
	}
	c.byKey[key] = b
	return b
}

// drawSVG rasterises an SVG into a px × px image, or nil if it cannot.
func drawSVG(svg []byte, px int) image.Image {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg))
	if err != nil {
		fyne.LogError("brand icon", err)
		return nil
	}
	icon.SetTarget(0, 0, float64(px), float64(px))
	img := image.NewNRGBA(image.Rect(0, 0, px, px))
	icon.Draw(rasterx.NewDasher(px, px, rasterx.NewScannerGV(px, px, img, img.Bounds())), 1)
	return img
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
