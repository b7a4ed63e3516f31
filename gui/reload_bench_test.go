package gui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// BenchmarkReload is the window following a change another process saved
// to a vault of n accounts: from the watcher's call (onDiskChanged) until
// the list shows the renamed account. Each iteration's other save is not
// timed.
func BenchmarkReload(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			u, _ := benchUI(b, n)
			u.stopWatch() // the benchmark calls what the watcher would
			if err := u.vault.Save(testEpoch); err != nil {
				b.Fatal(err)
			}
			other, err := vault.OpenPassword(u.dir, testPassword)
			if err != nil {
				b.Fatal(err)
			}
			defer other.Drop()
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				name := fmt.Sprintf("AAA changed %06d", 999999-i) // sorts first: on screen
				other.Doc.Accounts[i%n].Issuer = name
				other.Doc.Touch(i%n, testEpoch.Add(time.Duration(i)*time.Second))
				if err := other.Save(testEpoch.Add(time.Duration(i) * time.Second)); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				u.onDiskChanged()
				if !strings.Contains(visibleText(u), name) {
					b.Fatalf("the list does not show %q", name)
				}
			}
		})
	}
}
