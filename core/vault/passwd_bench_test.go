package vault

import (
	"fmt"
	"testing"

	"filippo.io/age"
)

// BenchmarkPasswd is a whole password change: new keys, the scrypt wrap,
// vault.age written twice (both pairs, then the new one) and password.age
// and lifeline.json once, each with its fsyncs. Tests run scrypt at 2^10;
// BenchmarkPasswordWrap is that part alone, to subtract.
func BenchmarkPasswd(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, _ := benchVault(b, n)
			pw := []string{"bench one", "bench two"}
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				if err := v.ChangePassword(pw[i%2]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPasswordWrap(b *testing.B) {
	id, _ := age.GenerateX25519Identity()
	pwID, _ := age.GenerateX25519Identity()
	for b.Loop() {
		if _, err := wrapIdentities(id.String(), pwID.String(), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
