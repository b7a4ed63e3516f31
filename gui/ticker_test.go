package gui

import (
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

func TestTickerRefreshesOnlyWhatChanged(t *testing.T) {
	steam := totp("Steam", "gamer", "GEZDGNBVGY3TQOJQ")
	steam.Type = core.Steam
	steam.Defaults()
	short := totp("Short", "x", "MFRGGZDFMZTWQ2LK")
	short.Period = 15
	u, clk := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), steam, short))
	if n := u.list.updateRows(clk.Now()); n != 0 {
		t.Errorf("a tick in the same second changed %d rows, want 0", n)
	}
	gh, st, sh := rowFor(t, u, "GitHub"), rowFor(t, u, "Steam"), rowFor(t, u, "Short")
	// testEpoch is 20 s into a 30 s period and 5 s into a 15 s one.
	if gh.secs != 10 || sh.secs != 10 {
		t.Errorf("countdowns %d and %d, want 10 and 10", gh.secs, sh.secs)
	}
	if !isSteamCode(st.code.Text) {
		t.Errorf("Steam code %q is not 5 characters of Steam's alphabet, ungrouped", st.code.Text)
	}
	// Ticks come just after each whole second (tickSlack).
	clk.Advance(5*time.Second + tickSlack) // 5 s left: warning, next code beside
	a := gh.account()
	if !gh.warn || gh.ring.FillColor != u.app.Settings().Theme().Color("warning", u.app.Settings().ThemeVariant()) {
		t.Error("countdown not in the warning colour with 5 s left")
	}
	if got, want := strings.ReplaceAll(strings.TrimPrefix(gh.next.Text, "next "), " ", ""), a.Code(clk.Now().Add(a.Remaining(clk.Now()))); got != want {
		t.Errorf("next code shown %q, want %q", got, want)
	}
	before := gh.code.Text
	clk.Advance(5 * time.Second) // period rolls over
	if gh.code.Text == before || strings.ReplaceAll(gh.code.Text, " ", "") != a.Code(clk.Now()) {
		t.Errorf("code did not roll over: %q → %q", before, gh.code.Text)
	}
	if gh.warn || gh.next.Text != "" {
		t.Error("warning or next code still shown after the rollover")
	}
}

// TestTickerSlowsWhenIdle: without input the rings step every 5 s, but a
// code with a 7 s period still rolls over on time; input brings the
// seconds back at once.
func TestTickerSlowsWhenIdle(t *testing.T) {
	odd := totp("Odd", "x", "MFRGGZDFMZTWQ2LK")
	odd.Period = 7
	u, clk := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), odd))
	gh, od := rowFor(t, u, "GitHub"), rowFor(t, u, "Odd")
	clk.Advance(activeWindow + 2*time.Second)
	if !u.tick.slow || gh.secsText.Visible() {
		t.Fatalf("after %v without input: slow %v, seconds shown %v", activeWindow, u.tick.slow, gh.secsText.Visible())
	}
	// Every rollover of the 7 s code in the next minute shows on time
	// (ticks come tickSlack after the second).
	clk.Advance(tickSlack)
	for range 60 {
		clk.Advance(time.Second)
		a := od.account()
		if got := strings.ReplaceAll(od.code.Text, " ", ""); got != a.Code(clk.Now()) {
			t.Fatalf("at %v the 7 s row shows %s, want %s", clk.Now().Sub(testEpoch), got, a.Code(clk.Now()))
		}
		if want := a.Remaining(clk.Now()) <= warnSeconds*time.Second; od.warn != want {
			t.Fatalf("at %v warning %v, want %v", clk.Now().Sub(testEpoch), od.warn, want)
		}
	}
	// The 30 s ring moved only on 5 s steps, rollovers and its warning.
	if gh.secs%slowStep != 0 && gh.secs > warnSeconds {
		t.Errorf("slow ticker left the 30 s ring at %d s", gh.secs)
	}
	u.list.search.SetText("") // input
	u.list.search.SetText("g")
	if u.tick.slow || !gh.secsText.Visible() {
		t.Errorf("after input: slow %v, seconds shown %v", u.tick.slow, gh.secsText.Visible())
	}
}

func isSteamCode(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("23456789BCDFGHJKMNPQRTVWXY", r) {
			return false
		}
	}
	return len(s) == 5
}
