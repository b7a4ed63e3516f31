package gui

import (
	"math"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// strength is a rough guess of how hard a password is to guess, written by
// hand: a zxcvbn port would be a large dependency for a hint. It counts the
// character classes used and the length, and punishes repeats and very
// common choices. It returns 0 (very weak) to 4 (strong) and a hint.
func strength(pw string) (score int, hint string) {
	if pw == "" {
		return 0, "Choose a password you do not use anywhere else."
	}
	if isCommonPassword(pw) {
		return 0, "Very weak: this is one of the most common passwords."
	}
	var lower, upper, digit, other bool
	distinct := map[rune]bool{}
	n := 0
	for _, r := range pw {
		n++
		distinct[r] = true
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	pool := 0
	for _, c := range []struct {
		on   bool
		size int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}} {
		if c.on {
			pool += c.size
		}
	}
	// Repeated characters add little: count distinct ones at full weight
	// and the rest at a quarter.
	eff := float64(len(distinct)) + float64(n-len(distinct))/4
	bits := eff * math.Log2(float64(pool))
	switch {
	case bits < 28:
		return 0, "Very weak: use a longer password, for example four random words."
	case bits < 36:
		return 1, "Weak: add more words or characters."
	case bits < 60:
		return 2, "Fair: a few more words would make it strong."
	case bits < 80:
		return 3, "Good."
	}
	return 4, "Strong."
}

func isCommonPassword(pw string) bool {
	switch strings.ToLower(pw) {
	case "password", "password1", "123456", "12345678", "123456789", "1234567890",
		"qwerty", "qwertyuiop", "letmein", "iloveyou", "admin", "welcome",
		"monkey", "dragon", "abc123", "111111", "000000", "passw0rd", "lifeline":
		return true
	}
	return false
}

// strengthMeter is four short bars under the password field, filled and
// coloured by the strength score.
type strengthMeter struct {
	bars [4]*canvas.Rectangle
	box  *fyne.Container
}

func newStrengthMeter() *strengthMeter {
	m := &strengthMeter{}
	objs := make([]fyne.CanvasObject, len(m.bars))
	for i := range m.bars {
		m.bars[i] = canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
		m.bars[i].CornerRadius = 2
		m.bars[i].SetMinSize(fyne.NewSize(20, 5))
		objs[i] = m.bars[i]
	}
	m.box = container.NewGridWithColumns(len(m.bars), objs...)
	return m
}

// set shows score 0–4; an empty password shows no bars.
func (m *strengthMeter) set(score int, empty bool) {
	colors := [...]fyne.ThemeColorName{theme.ColorNameError, theme.ColorNameError, theme.ColorNameWarning, theme.ColorNamePrimary, theme.ColorNameSuccess}
	for i, b := range m.bars {
		c := theme.Color(theme.ColorNameSeparator)
		if !empty && i <= max(score-1, 0) {
			c = theme.Color(colors[score])
		}
		b.FillColor = c
		b.Refresh()
	}
}
