package ready_test

import (
	"fmt"
	"testing"

	"github.com/lifelineauth/lifeline/backup/ready"
)

// BenchmarkCheck is `lifeline check` after the unlock: the vault is open,
// backed up to a Syncthing folder, with a kit and a tested key; every
// account is looked up in the real services table (backup/services), as
// `lifeline check` does.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, _ := allReady(b, n)
			b.ResetTimer()
			for range b.N {
				r, err := ready.Check(v, now, ready.Options{})
				if err != nil || len(r.Accounts) != n {
					b.Fatal(err, len(r.Accounts))
				}
			}
		})
	}
}
