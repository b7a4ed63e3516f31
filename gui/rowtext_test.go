package gui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lifelineauth/lifeline/core"
)

func TestGroupCode(t *testing.T) {
	for _, tc := range []struct {
		code string
		typ  core.Type
		want string
	}{
		{"123456", core.TOTP, "123 456"},
		{"1234567", core.TOTP, "123 4567"},
		{"12345678", core.TOTP, "1234 5678"},
		{"123456789", core.TOTP, "123 456 789"},
		{"1234567890", core.TOTP, "12345 67890"},
		{"T7F9T", core.Steam, "T7F9T"},
		{"12345", core.TOTP, "12345"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			if got := groupCode(tc.code, tc.typ); got != tc.want {
				t.Errorf("groupCode(%q) = %q, want %q", tc.code, got, tc.want)
			}
		})
	}
}

func TestMaskCode(t *testing.T) {
	for _, tc := range []struct {
		a    core.Account
		want string
	}{
		{core.Account{Type: core.TOTP, Digits: 6}, "••• •••"},
		{core.Account{Type: core.TOTP, Digits: 8}, "•••• ••••"},
		{core.Account{Type: core.Steam, Digits: 5}, "•••••"},
	} {
		if got := maskCode(&tc.a); got != tc.want {
			t.Errorf("maskCode(%s, %d) = %q, want %q", tc.a.Type, tc.a.Digits, got, tc.want)
		}
	}
}

func TestAvatar(t *testing.T) {
	for _, tc := range []struct{ issuer, want string }{
		{"GitHub", "G"}, {"  amazon", "A"}, {"1Password", "1"}, {"ümlaut", "Ü"}, {"", "?"}, {"@@", "?"},
	} {
		if got := initial(tc.issuer); got != tc.want {
			t.Errorf("initial(%q) = %q, want %q", tc.issuer, got, tc.want)
		}
	}
	// Same issuer, same colour, whatever the case; white text stays readable.
	if avatarColor("GitHub") != avatarColor("github ") {
		t.Error("avatar colour depends on case or spaces")
	}
	seen := map[color.Color]bool{}
	for _, s := range benchIssuers {
		c := avatarColor(s).(color.NRGBA)
		seen[c] = true
		if lum := 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B); lum > 160 {
			t.Errorf("%s: colour %v too light for white text", s, c)
		}
	}
	if len(seen) < len(benchIssuers)/2 {
		t.Errorf("only %d colours for %d issuers", len(seen), len(benchIssuers))
	}
}

func TestEllipsize(t *testing.T) {
	test.NewTempApp(t)
	style := fyne.TextStyle{}
	long := "alice.smith.with.a.very.long.address@example.com"
	for _, w := range []float32{40, 120, 300, 2000} {
		got := ellipsize(long, w, 13, style)
		if width := fyne.MeasureText(got, 13, style).Width; width > w && len([]rune(got)) > 1 {
			t.Errorf("width %v: %q is %v wide", w, got, width)
		}
		if w == 2000 && got != long {
			t.Errorf("text that fits was changed to %q", got)
		}
	}
}

func TestStrength(t *testing.T) {
	prev := -1
	for _, pw := range []string{"", "abc", "password", "Tr0ub4dor", "correct horse", "correct horse battery staple"} {
		score, hint := strength(pw)
		if hint == "" {
			t.Errorf("%q: no hint", pw)
		}
		if pw == "password" && score != 0 {
			t.Errorf("a very common password scores %d", score)
		}
		if pw != "password" {
			if score < prev {
				t.Errorf("%q scores %d, less than a weaker password's %d", pw, score, prev)
			}
			prev = score
		}
	}
	if s, _ := strength("correct horse battery staple"); s != 4 {
		t.Errorf("four words score %d, want 4", s)
	}
}
