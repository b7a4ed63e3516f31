package gui

import (
	"fmt"
	"hash/fnv"
	"image/color"
	"math"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"

	"github.com/lifelineauth/lifeline/core"
)

// How a row writes things: grouped codes, masks, avatars, ellipses.

// groupCode spaces a numeric code for reading: 123 456, 1234 5678,
// 123 4567, 123 456 789. Steam's letters stay as they are.
func groupCode(code string, t core.Type) string {
	if t == core.Steam || len(code) < 6 {
		return code
	}
	var parts []string
	switch n := len(code); {
	case n%3 == 0:
		for i := 0; i < n; i += 3 {
			parts = append(parts, code[i:i+3])
		}
	case n%2 == 0:
		parts = []string{code[:n/2], code[n/2:]}
	default:
		parts = []string{code[:3], code[3:]}
	}
	return strings.Join(parts, " ")
}

// maskCode is what a hidden code shows: dots in the code's shape.
func maskCode(a *core.Account) string {
	n := a.Digits
	if a.Type == core.Steam {
		n = 5
	}
	if a.Type == core.Steam {
		return strings.Repeat("•", n)
	}
	return strings.ReplaceAll(groupCode(strings.Repeat("0", n), core.TOTP), "0", "•")
}

// initial is the first letter of the issuer, upper-cased, or "?".
func initial(s string) string {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return string(unicode.ToUpper(r))
		}
	}
	return "?"
}

// avatarColor derives a stable colour from the issuer: the same site gets
// the same colour on every machine. Hue from an FNV hash, with saturation
// and lightness fixed so white text stays readable on all of them.
func avatarColor(issuer string) color.Color {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(issuer))))
	hue := float64(h.Sum32()%360) / 360
	return hsl(hue, 0.55, 0.42)
}

func hsl(h, s, l float64) color.NRGBA {
	q := l * (1 + s)
	if l >= 0.5 {
		q = l + s - l*s
	}
	p := 2*l - q
	f := func(t float64) uint8 {
		t -= math.Floor(t)
		var v float64
		switch {
		case t < 1.0/6:
			v = p + (q-p)*6*t
		case t < 0.5:
			v = q
		case t < 2.0/3:
			v = p + (q-p)*(2.0/3-t)*6
		default:
			v = p
		}
		return uint8(math.Round(v * 255))
	}
	return color.NRGBA{R: f(h + 1.0/3), G: f(h), B: f(h - 1.0/3), A: 255}
}

// ellipsize shortens s with "…" to fit width w.
func ellipsize(s string, w, size float32, style fyne.TextStyle) string {
	if s == "" || fyne.MeasureText(s, size, style).Width <= w {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return strings.TrimRight(string(runes[:lo]), " ") + "…"
}

// codesOnlyText is what a recovery-codes-only entry shows instead of a
// code: how many of its codes are unused.
func codesOnlyText(a *core.Account) string {
	left, _ := a.RecoveryCodesLeft()
	switch left {
	case 0:
		return "no codes left"
	case 1:
		return "1 code left"
	}
	return fmt.Sprintf("%d codes left", left)
}
