package vault

import (
	"fmt"
	"testing"
)

// benchVault is a saved vault with n realistic accounts (testkit.Account mixes
// TOTP, HOTP, Steam, notes, groups and recovery codes).
func benchVault(b *testing.B, n int) (*Vault, RecoveryKey) {
	v, rk := newTestVault(b)
	addAccounts(b, v, n)
	if err := v.Save(testNow); err != nil {
		b.Fatal(err)
	}
	return v, rk
}

// BenchmarkVaultOpen opens with the recovery key: an X25519 unwrap, no KDF,
// so what is measured is reading, decrypting and parsing.
func BenchmarkVaultOpen(b *testing.B) {
	benchEachSize(b, func(v *Vault, rk RecoveryKey) error {
		_, err := OpenRecoveryKey(v.Dir, rk)
		return err
	})
}

// BenchmarkVaultSave includes the lock, the on-disk hash check, encoding,
// encryption and the atomic write with its two fsyncs.
func BenchmarkVaultSave(b *testing.B) {
	benchEachSize(b, func(v *Vault, _ RecoveryKey) error { return v.Save(testNow) })
}

// benchEachSize runs op in a loop on a saved vault of 100 and of 10000
// accounts, as sub-benchmarks named by the size.
func benchEachSize(b *testing.B, op func(*Vault, RecoveryKey) error) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, rk := benchVault(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := op(v, rk); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDocumentEncode and BenchmarkDocumentDecode isolate the JSON part.
func BenchmarkDocumentEncode(b *testing.B) {
	v, _ := benchVault(b, 10000)
	b.Run("10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeDocument(v.Doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDocumentDecode(b *testing.B) {
	v, _ := benchVault(b, 10000)
	data, _ := encodeDocument(v.Doc)
	b.Run("10000", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeDocument(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
