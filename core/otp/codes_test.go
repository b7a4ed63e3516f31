package otp

import (
	"bytes"
	"crypto/hmac"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// rfc4226Key is the secret of RFC 4226 Appendix D and RFC 6238's SHA-1 seed.
var rfc4226Key = []byte("12345678901234567890")

// rfc4226 is RFC 4226 Appendix D: the 31-bit truncated value in decimal
// and the 6-digit HOTP for counters 0..9.
var rfc4226 = []struct {
	truncated uint32
	code      string
}{
	{1284755224, "755224"}, {1094287082, "287082"}, {137359152, "359152"},
	{1726969429, "969429"}, {1640338314, "338314"}, {868254676, "254676"},
	{1918287922, "287922"}, {82162583, "162583"}, {673399871, "399871"},
	{645520489, "520489"},
}

func TestHOTPRFC4226(t *testing.T) {
	for counter, tt := range rfc4226 {
		t.Run(strconv.Itoa(counter), func(t *testing.T) {
			if got := HOTP(rfc4226Key, uint64(counter), SHA1, 6); got != tt.code {
				t.Errorf("HOTP(counter %d, 6 digits) = %s, want %s", counter, got, tt.code)
			}
			// Ten digits is the whole truncated value, zero-padded.
			want := fmt.Sprintf("%010d", tt.truncated)
			if got := HOTP(rfc4226Key, uint64(counter), SHA1, 10); got != want {
				t.Errorf("HOTP(counter %d, 10 digits) = %s, want %s", counter, got, want)
			}
			for d := 1; d <= 9; d++ {
				if got := HOTP(rfc4226Key, uint64(counter), SHA1, d); got != want[10-d:] {
					t.Errorf("HOTP(counter %d, %d digits) = %s, want %s", counter, d, got, want[10-d:])
				}
			}
		})
	}
}

// rfc6238Seed is RFC 6238's seed for alg: "1234567890" repeated to the
// digest length of SHA-1, SHA-256 or SHA-512.
func rfc6238Seed(alg Algorithm) []byte {
	n := map[Algorithm]int{SHA1: 20, SHA256: 32, SHA512: 64}[alg]
	return []byte(strings.Repeat("1234567890", 7)[:n])
}

// rfc6238 is RFC 6238 Appendix B: 8 digits, 30-second steps.
var rfc6238 = []struct {
	unix  int64
	codes map[Algorithm]string
}{
	{59, map[Algorithm]string{SHA1: "94287082", SHA256: "46119246", SHA512: "90693936"}},
	{1111111109, map[Algorithm]string{SHA1: "07081804", SHA256: "68084774", SHA512: "25091201"}},
	{1111111111, map[Algorithm]string{SHA1: "14050471", SHA256: "67062674", SHA512: "99943326"}},
	{1234567890, map[Algorithm]string{SHA1: "89005924", SHA256: "91819424", SHA512: "93441116"}},
	{2000000000, map[Algorithm]string{SHA1: "69279037", SHA256: "90698825", SHA512: "38618901"}},
	{20000000000, map[Algorithm]string{SHA1: "65353130", SHA256: "77737706", SHA512: "47863826"}},
}

func TestTOTPRFC6238(t *testing.T) {
	for _, tt := range rfc6238 {
		for _, alg := range []Algorithm{SHA1, SHA256, SHA512} {
			t.Run(fmt.Sprintf("%d/%s", tt.unix, alg), func(t *testing.T) {
				got := TOTP(rfc6238Seed(alg), time.Unix(tt.unix, 0), 30, alg, 8)
				if want := tt.codes[alg]; got != want {
					t.Errorf("TOTP(%s, t=%d) = %s, want %s", alg, tt.unix, got, want)
				}
			})
		}
	}
}

func TestRFC6238SeedBase32(t *testing.T) {
	const want = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	if got := base32.StdEncoding.EncodeToString(rfc6238Seed(SHA1)); got != want {
		t.Fatalf("SHA-1 seed in Base32 = %s, want %s", got, want)
	}
}

func TestTimeCounter(t *testing.T) {
	tests := []struct {
		unix   int64
		period int
		want   int64
	}{
		{0, 30, 0},
		{29, 30, 0},
		{30, 30, 1},
		{59, 30, 1},
		{-1, 30, -1}, // floor, not Go's truncation toward zero
		{-30, 30, -1},
		{-31, 30, -2},
		{59, 0, 1}, // period < 1 means 30
		{59, -7, 1},
		{1_700_000_000, 1, 1_700_000_000},
		{86399, 86400, 0},
		{86400, 86400, 1},
		{-86400, 86400, -1},
		{20_000_000_000, 30, 666_666_666},
		{math.MaxInt64, 1, math.MaxInt64},
		{math.MinInt64, 1, math.MinInt64},
		{math.MinInt64, 7, math.MinInt64/7 - 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d", tt.unix, tt.period), func(t *testing.T) {
			if got := int64(timeCounter(time.Unix(tt.unix, 0), tt.period, 30)); got != tt.want {
				t.Errorf("step of t=%d period=%d = %d, want %d", tt.unix, tt.period, got, tt.want)
			}
		})
	}
}

// TestTOTPBefore1970 pins the documented meaning of a negative step: its
// two's complement is the HMAC message.
func TestTOTPBefore1970(t *testing.T) {
	for _, unix := range []int64{-1, -30, -31, -1e12} {
		step := unix / 30
		if unix%30 != 0 {
			step--
		}
		got := TOTP(rfc4226Key, time.Unix(unix, 0), 30, SHA1, 6)
		if want := HOTP(rfc4226Key, uint64(step), SHA1, 6); got != want {
			t.Errorf("TOTP(t=%d) = %s, want HOTP(step %d) = %s", unix, got, step, want)
		}
	}
}

func TestHOTPOddInputs(t *testing.T) {
	long := bytes.Repeat([]byte{0xa5}, 300)
	tests := []struct {
		name   string
		key    []byte
		alg    Algorithm
		digits int
		length int
	}{
		{"nil key", nil, SHA1, 6, 6},
		{"empty key", []byte{}, SHA256, 8, 8},
		{"key longer than SHA-512 block", long, SHA512, 6, 6},
		{"zero digits", rfc4226Key, SHA1, 0, 1},
		{"negative digits", rfc4226Key, SHA1, -3, 1},
		{"eleven digits", rfc4226Key, SHA1, 11, 10},
		{"huge digits", rfc4226Key, SHA1, math.MaxInt, 10},
		{"MD5", rfc4226Key, MD5, 6, 6},
		{"SHA224", rfc4226Key, SHA224, 7, 7},
		{"SHA384", rfc4226Key, SHA384, 9, 9},
		{"invalid algorithm", rfc4226Key, Algorithm(6), 6, 0},
		{"invalid algorithm 255", rfc4226Key, Algorithm(255), 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []uint64{0, 1, math.MaxUint64} {
				got := HOTP(tt.key, c, tt.alg, tt.digits)
				if len(got) != tt.length || strings.Trim(got, "0123456789") != "" {
					t.Errorf("HOTP(counter %d, %s, %d digits) = %q, want %d decimal digits",
						c, tt.alg, tt.digits, got, tt.length)
				}
			}
		})
	}
	// HMAC pads a short key with zeros, so a nil key is the same key as 20
	// zero bytes (Steam's counter vectors use those): nil is a key, not an
	// error.
	if got, want := HOTP(nil, 0, SHA1, 6), HOTP(make([]byte, 20), 0, SHA1, 6); got != want {
		t.Errorf("HOTP(nil key) = %s, want %s as for 20 zero bytes", got, want)
	}
}

// TestPquernaAgreement compares with pquerna/otp's generator, an
// independent implementation, for random keys, counters and times.
func TestPquernaAgreement(t *testing.T) {
	const seed = 4226
	r := rand.New(rand.NewPCG(seed, 0))
	algs := map[Algorithm]potp.Algorithm{SHA1: potp.AlgorithmSHA1, SHA256: potp.AlgorithmSHA256, SHA512: potp.AlgorithmSHA512}
	for i := range 300 {
		key := make([]byte, 1+r.IntN(100))
		for j := range key {
			key[j] = byte(r.Uint32())
		}
		alg := Algorithm(r.IntN(3)) // SHA1, SHA256, SHA512
		digits := 6 + r.IntN(5)     // 6..10: pquerna formats every width right
		b32 := base32.StdEncoding.EncodeToString(key)
		counter := r.Uint64()
		want, err := hotp.GenerateCodeCustom(b32, counter, hotp.ValidateOpts{Digits: potp.Digits(digits), Algorithm: algs[alg]})
		if err != nil {
			t.Fatal(err)
		}
		if got := HOTP(key, counter, alg, digits); got != want {
			t.Errorf("seed %d case %d: HOTP(%x, %d, %s, %d) = %s, pquerna %s", seed, i, key, counter, alg, digits, got, want)
		}
		tm := time.Unix(r.Int64N(4e9), 0)
		period := 1 + r.IntN(300)
		want, err = totp.GenerateCodeCustom(b32, tm, totp.ValidateOpts{Period: uint(period), Digits: potp.Digits(digits), Algorithm: algs[alg]})
		if err != nil {
			t.Fatal(err)
		}
		if got := TOTP(key, tm, period, alg, digits); got != want {
			t.Errorf("seed %d case %d: TOTP(%x, %d, %ds, %s, %d) = %s, pquerna %s", seed, i, key, tm.Unix(), period, alg, digits, got, want)
		}
	}
}

// TestMD5Truncation checks HMAC-MD5 codes against crypto/hmac: the RFC's
// truncation where the offset fits the 16-byte digest, the last four bytes
// where it does not (pquerna panics there).
func TestMD5Truncation(t *testing.T) {
	var clamped int
	for c := range uint64(400) {
		var msg [8]byte
		binary.BigEndian.PutUint64(msg[:], c)
		m := hmac.New(MD5.New(), rfc4226Key)
		m.Write(msg[:])
		sum := m.Sum(nil)
		off := int(sum[15] & 0xf)
		if off > 12 {
			off = 12
			clamped++
		}
		v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
		want := fmt.Sprintf("%010d", v)[4:]
		if got := HOTP(rfc4226Key, c, MD5, 6); got != want {
			t.Errorf("HOTP MD5 counter %d = %s, want %s", c, got, want)
		}
	}
	if clamped == 0 {
		t.Fatal("no counter exercised offsets 13..15")
	}
}

// FuzzHOTP checks that no input panics and every code has the clamped
// length, and that shorter codes are the tails of the 10-digit one.
func FuzzHOTP(f *testing.F) {
	for c := range rfc4226 {
		f.Add(rfc4226Key, uint64(c), uint8(SHA1), 6)
	}
	for _, tt := range rfc6238 {
		for alg := range tt.codes {
			f.Add(rfc6238Seed(alg), uint64(tt.unix/30), uint8(alg), 8)
		}
	}
	f.Add([]byte{}, uint64(math.MaxUint64), uint8(MD5), 0)
	f.Add(bytes.Repeat([]byte{1}, 129), uint64(7), uint8(SHA384), 11)
	f.Add([]byte{1}, uint64(7), uint8(200), 6)
	f.Fuzz(func(t *testing.T, key []byte, counter uint64, algByte uint8, digits int) {
		alg := Algorithm(algByte)
		got := HOTP(key, counter, alg, digits)
		if !alg.Valid() {
			if got != "" {
				t.Fatalf("invalid algorithm %d gave %q, want \"\"", algByte, got)
			}
			return
		}
		want := min(max(digits, 1), MaxDigits)
		if len(got) != want || strings.Trim(got, "0123456789") != "" {
			t.Fatalf("HOTP(%d digits) = %q, want %d decimal digits", digits, got, want)
		}
		if full := HOTP(key, counter, alg, MaxDigits); !strings.HasSuffix(full, got) {
			t.Fatalf("%d-digit code %s is not the tail of %s", want, got, full)
		}
	})
}
