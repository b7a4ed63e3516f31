package kit

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// The fonts cover Latin (with every European accent), Greek and Cyrillic,
// so names print as people typed them. fpdf embeds only the glyphs used.
// They are copies of Fyne's theme fonts (fonts/README.md): backup/ must not
// import Fyne.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	sansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	sansBold []byte
	//go:embed fonts/DejaVuSansMono-Powerline.ttf
	monoRegular []byte
)

// Font families registered in every kit.
const (
	sans = "Sans"
	mono = "Mono"
)

// coverage answers whether a font has a glyph for a rune. fpdf does not
// say: it indexes a 65,536-entry width table with the rune (an emoji
// panics) and prints nothing for a missing glyph, so text is checked first.
type coverage struct {
	data []byte
	once sync.Once
	font *sfnt.Font
	buf  sfnt.Buffer
	mu   sync.Mutex
}

var covers = map[string]*coverage{sans: {data: sansRegular}, mono: {data: monoRegular}}

func (c *coverage) has(r rune) bool {
	c.once.Do(func() {
		// The fonts are our own embedded files; a parse failure leaves
		// font nil and every rune outside ASCII replaced.
		c.font, _ = sfnt.Parse(c.data)
	})
	if r < 0x80 {
		return r >= 0x20
	}
	if c.font == nil || r > 0xFFFF {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	g, err := c.font.GlyphIndex(&c.buf, r)
	return err == nil && g != 0
}

// printable returns s as family can draw it: line breaks kept, other
// control characters as spaces, and characters the font lacks (emoji,
// Chinese…) as "?", so the reader sees that something was there.
func printable(family, s string) string {
	c := covers[family]
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case unicode.IsControl(r):
			return ' '
		case c.has(r):
			return r
		}
		return '?'
	}, s)
}
