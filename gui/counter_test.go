package gui

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
