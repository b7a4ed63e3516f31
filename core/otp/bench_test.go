package otp

import (
	"encoding/base32"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

var benchSink string

// BenchmarkCode measures one code as a list refresh computes it: a
// 20-byte secret (the common 32-character Base32 one), SHA-1, 6 digits.
func BenchmarkCode(b *testing.B) {
	key := []byte("12345678901234567890")
	t := time.Unix(1111111109, 0)
	b.Run("totp", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = TOTP(key, t, 30, SHA1, 6)
		}
	})
	b.Run("hotp", func(b *testing.B) {
		b.ReportAllocs()
		var c uint64
		for b.Loop() {
			benchSink = HOTP(key, c, SHA1, 6)
			c++
		}
	})
	b.Run("steam", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSink = Steam(key, t)
		}
	})
	// pquerna/otp's generator on the same input, for the comparison in
	// codes.go.
	b.Run("pquerna-totp", func(b *testing.B) {
		b.ReportAllocs()
		b32 := base32.StdEncoding.EncodeToString(key)
		opts := totp.ValidateOpts{Period: 30, Digits: potp.DigitsSix, Algorithm: potp.AlgorithmSHA1}
		for b.Loop() {
			benchSink, _ = totp.GenerateCodeCustom(b32, t, opts)
		}
	})
}
