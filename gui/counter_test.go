package gui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/lifelineauth/lifeline/core"
)

// TestHOTPNextRefusesCounterWrap: at the largest counter the next button
// says why it cannot go on, and neither the saved counter nor the code
// shown wraps to 0.
func TestHOTPNextRefusesCounterWrap(t *testing.T) {
	h := core.Account{Issuer: "Bank", Name: "alice", Type: core.HOTP, Counter: math.MaxUint64, Secret: core.Secret("12345678901234567890")}
	h.Defaults()
	u, clk, dir := unlockedVault(t, h)
	r := rowFor(t, u, "Bank")
	shown := strings.ReplaceAll(r.code.Text, " ", "")
	test.Tap(r.nextBtn)
	if got := visibleText(u); !strings.Contains(got, "counter has reached its largest value") ||
		!strings.Contains(got, "new secret from the site") {
		t.Errorf("no message about the counter; text:\n%s", got)
	}
	if got := reopen(t, dir).Doc.Accounts[0].Counter; got != math.MaxUint64 {
		t.Fatalf("saved counter = %d, want it left at %d", got, uint64(math.MaxUint64))
	}
	if got := u.vault.Doc.Accounts[0].Counter; got != math.MaxUint64 {
		t.Fatalf("counter in memory = %d", got)
	}
	wrapped := h
	wrapped.Counter = 0
	if got := strings.ReplaceAll(r.code.Text, " ", ""); got != shown || got == wrapped.Code(clk.Now()) {
		t.Errorf("row shows %q, was %q (counter 0 gives %q)", got, shown, wrapped.Code(clk.Now()))
	}
}

// TestRowShowsRecoveryCodesLeft: the list says how many recovery codes an
// account has left, as `lifeline list` does, in the warning colour at
// core.LowRecoveryCodes or fewer; an account without codes says nothing.
func TestRowShowsRecoveryCodesLeft(t *testing.T) {
	now := testEpoch
	var codes []string
	for i := range 16 {
		codes = append(codes, fmt.Sprintf("code-%04d", i))
	}
	many := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	if err := many.AddRecoveryCodes(codes, now); err != nil {
		t.Fatal(err)
	}
	many.MarkRecoveryCode(0, true, now)
	few := totp("Bank", "bob", "GEZDGNBVGY3TQOJQ")
	if err := few.AddRecoveryCodes(codes[:3], now); err != nil {
		t.Fatal(err)
	}
	few.MarkRecoveryCode(0, true, now)
	none := totp("Mail", "carol", "KRSXG5CTMVRXEZLU")
	u, _, _ := unlockedVault(t, many, few, none)
	for _, tc := range []struct {
		issuer, text string
		colour       fyne.ThemeColorName
	}{
		{"GitHub", "15 of 16 codes left", theme.ColorNamePlaceHolder},
		{"Bank", "2 of 3 codes left", theme.ColorNameWarning},
		{"Mail", "", ""},
	} {
		r := rowFor(t, u, tc.issuer)
		if r.codes.Text != tc.text {
			t.Errorf("%s: row says %q, want %q", tc.issuer, r.codes.Text, tc.text)
		}
		if tc.colour != "" && r.codes.Color != theme.Color(tc.colour) {
			t.Errorf("%s: %q in %v, want %s", tc.issuer, r.codes.Text, r.codes.Color, tc.colour)
		}
		if tc.text != "" && !strings.Contains(visibleText(u), tc.text) {
			t.Errorf("%s: %q not on screen", tc.issuer, tc.text)
		}
	}
}
