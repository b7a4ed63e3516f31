package gui

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

var benchIssuers = []string{"GitHub", "Google", "Amazon", "Dropbox", "Slack", "Microsoft", "Proton", "Cloudflare", "Discord", "Reddit", "PayPal", "Stripe", "GitLab", "Twitter", "Facebook", "Apple", "Steam", "Bank", "Heroku", "DigitalOcean"}

// benchUI is an unlocked UI over n accounts. The accounts go straight into
// the document: Document.Add checks for duplicates, O(n²) for 10,000.
func benchUI(b *testing.B, n int) (*UI, *testkit.Clock) {
	b.Helper()
	dir := b.TempDir()
	v, _, err := vault.Create(dir, testPassword, testEpoch)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		a := totp(benchIssuers[i%len(benchIssuers)], "user"+strconv.Itoa(i)+"@example.com", "JBSWY3DPEHPK3PXP")
		a.Secret = core.Secret(fmt.Sprintf("bench-secret-%08d", i))
		a.ID = core.NewID()
		if i%7 == 0 {
			a.Groups = []string{"Work"}
		}
		if i%10 == 3 {
			a.Note = "backup codes in the safe"
		}
		v.Doc.Accounts = append(v.Doc.Accounts, a)
	}
	u, clk := newTestUI(b, dir)
	u.prefs.autoLockMinutes = 0
	u.opened(v)
	u.stopTicker() // the benchmark ticks by hand
	return u, clk
}

// BenchmarkListRefresh is one tick of the countdown with n accounts: the
// rows the list created (those on screen) update their ring, and their code
// when it rolls over. Every 30th iteration crosses a period boundary.
func BenchmarkListRefresh(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			u, clk := benchUI(b, n)
			now := clk.Now()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				now = now.Add(time.Second)
				clk.Set(now)
				u.onTick()
			}
			b.ReportMetric(float64(len(u.list.rows)), "rows")
		})
	}
	// For comparison: the same tick through widget.List.RefreshItem, which
	// in Fyne 2.7.1 re-binds every visible row per call (ticker.go).
	b.Run("1000-RefreshItem", func(b *testing.B) {
		u, clk := benchUI(b, 1000)
		now := clk.Now()
		for b.Loop() {
			now = now.Add(time.Second)
			clk.Set(now)
			for _, r := range u.list.rows {
				if a := r.account(); a != nil {
					for id, i := range u.list.view {
						if i == r.idx {
							u.list.list.RefreshItem(id)
							break
						}
					}
				}
			}
		}
	})
}

// BenchmarkSearch is one keystroke in the search field over 10,000
// accounts: filter, then refresh the list. Target: ≤ 5 ms.
func BenchmarkSearch(b *testing.B) {
	b.Run("10000", func(b *testing.B) {
		u, _ := benchUI(b, 10000)
		queries := []string{"git", "gith", "work", "safe", "user12", ""}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			u.list.search.SetText(queries[i%len(queries)])
			i++
		}
	})
}

// BenchmarkListScroll scrolls the list of n accounts by a screenful per
// iteration, down to the end and back to the top: the rows that come into
// view are bound (avatar or icon, texts, code) as they would be under a
// person's wheel.
func BenchmarkListScroll(b *testing.B) {
	for _, n := range []int{1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			u, _ := benchUI(b, n)
			l := u.list.list
			page := l.Size().Height
			end := float32(n*rowHeight) - page
			y := float32(0)
			b.ReportAllocs()
			for b.Loop() {
				if y += page; y > end {
					y = 0
				}
				l.ScrollToOffset(y)
			}
		})
	}
}
