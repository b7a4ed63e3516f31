package otp

import (
	"encoding/binary"
	"time"
)

// HOTP and TOTP are computed here rather than with pquerna/otp's
// hotp.GenerateCodeCustom / totp.GenerateCodeCustom. Those take the secret
// as Base32 text and decode it again on every call, build the HMAC with
// hmac.New and format with fmt.Sprintf: 676 ns a code in the first
// measurement, 1.2–1.6 µs and 11 allocations in BenchmarkCode/pquerna-totp
// on this 2-core machine, against our budget of 400 ns (a list refresh
// computes hundreds; ours is ≈ 340 ns, 1 allocation). Their dynamic
// truncation also reads past the end of a 16-byte MD5 digest and panics for
// 3 offsets in 16. pquerna's hash constructors (Algorithm.New) are the
// reference our direct Sum calls are tested against (hmac_test.go), and its
// generator is an independent cross-check in the tests.

// MaxDigits is the longest decimal code: the truncated value is below 2³¹,
// which has 10 digits, so more digits would only add leading zeros.
const MaxDigits = 10

// HOTP returns the RFC 4226 code for counter, digits long, zero-padded.
// digits outside 1..MaxDigits is clamped to that range. An algorithm that
// is not Valid gives "" rather than a code from some other hash. An empty
// key is allowed (HMAC pads it) and gives a code like any other key.
func HOTP(key []byte, counter uint64, alg Algorithm, digits int) string {
	if !alg.Valid() {
		return ""
	}
	digits = min(max(digits, 1), MaxDigits)
	v := truncate(key, counter, alg)
	var buf [MaxDigits]byte
	for i := digits - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return string(buf[:digits])
}

// TOTP returns the RFC 6238 code for the time step that holds t:
// counter = floor(unix seconds / period). period < 1 means 30.
func TOTP(key []byte, t time.Time, period int, alg Algorithm, digits int) string {
	return HOTP(key, timeCounter(t, period, 30), alg, digits)
}

// timeCounter is floor(t / period) in Unix seconds. Floor rather than Go's
// truncating division so that the step before 1970 is -1, not a second
// step 0; a negative step goes into the HMAC as its 64-bit two's
// complement, the bytes Java's putLong writes for it.
func timeCounter(t time.Time, period, fallback int) uint64 {
	if period < 1 {
		period = fallback
	}
	s, p := t.Unix(), int64(period)
	c := s / p
	if s%p < 0 {
		c--
	}
	return uint64(c)
}

// truncate is RFC 4226's dynamic truncation of HMAC(key, counter): 31 bits
// read at the offset the low nibble of the last byte names.
//
// The RFC was written for 20-byte SHA-1 digests; a 16-byte MD5 digest has
// no bytes 16..18 for offsets 13..15. Those offsets read the last four bytes
// instead, so the code matches every implementation that works at all with
// MD5 (offsets 0..12) and nothing panics.
func truncate(key []byte, counter uint64, alg Algorithm) uint32 {
	var out [maxDigest]byte
	sum := hmacCounter(alg, key, counter, &out)
	off := min(int(sum[len(sum)-1]&0xf), len(sum)-4)
	return binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
}
