package otp

import (
	"bytes"
	"crypto/hmac"
	"encoding/binary"
	"fmt"
	"testing"
)

var allAlgorithms = []Algorithm{SHA1, SHA256, SHA512, MD5, SHA224, SHA384}

// TestHMACMatchesStdlib holds the hand-written HMAC to crypto/hmac over
// Algorithm.New (pquerna's hash constructors) for keys around both block
// sizes, where the padding and the hash-the-long-key rule change.
func TestHMACMatchesStdlib(t *testing.T) {
	for _, alg := range allAlgorithms {
		for _, n := range []int{0, 1, 20, 63, 64, 65, 127, 128, 129, 300} {
			t.Run(fmt.Sprintf("%s/key%d", alg, n), func(t *testing.T) {
				key := bytes.Repeat([]byte{byte(n), 0x5c, 0x36, 0xff}, n)[:n]
				for _, c := range []uint64{0, 1, 1 << 40, ^uint64(0)} {
					var msg [8]byte
					binary.BigEndian.PutUint64(msg[:], c)
					m := hmac.New(alg.New(), key)
					m.Write(msg[:])
					want := m.Sum(nil)
					var out [maxDigest]byte
					if got := hmacCounter(alg, key, c, &out); !bytes.Equal(got, want) {
						t.Errorf("counter %d: hmac %x, crypto/hmac %x", c, got, want)
					}
				}
			})
		}
	}
}

// TestDigestMatchesNew holds digest's direct Sum calls to Algorithm.New,
// across the padding boundaries of both block sizes.
func TestDigestMatchesNew(t *testing.T) {
	for _, alg := range allAlgorithms {
		for _, n := range []int{0, 8, 55, 56, 64, 72, 111, 112, 128, 192, 500} {
			data := bytes.Repeat([]byte{0xa5, byte(n)}, n)[:n]
			h := alg.New()()
			h.Write(data)
			want := h.Sum(nil)
			var out [maxDigest]byte
			if got := digest(alg, data, &out); !bytes.Equal(got, want) {
				t.Errorf("%s of %d bytes: %x, want %x", alg, n, got, want)
			}
			if got := blockSize(alg); got != h.BlockSize() {
				t.Errorf("blockSize(%s) = %d, want %d", alg, got, h.BlockSize())
			}
		}
	}
}
