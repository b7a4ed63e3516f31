package otp

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// yandexKeyLen is the key part of a Yandex Key secret: the 26 bytes its
// QR code carries are 16 bytes of key, then checksum and padding.
const yandexKeyLen = 16

// yandexModulus is 26⁸, eight letters' worth of code.
const yandexModulus = 26 * 26 * 26 * 26 * 26 * 26 * 26 * 26

// Yandex returns the 8-letter Yandex Key code at t, as Aegis computes it
// (YAOTP; its five test vectors are ours). Only the first 16 bytes of key
// count, so the whole decoded 26-byte secret may be passed; a shorter key
// is used as it is. Steps are 30 seconds.
//
// The HMAC key is SHA-256(PIN || key), less its first byte when that is
// zero (Aegis drops it; the vectors never reach that case). The
// HMAC-SHA256 of the step is truncated RFC 4226-style but to 63 bits
// (eight bytes at the offset, top bit cleared), reduced mod 26⁸ and spelt
// a–z, most significant letter first.
func Yandex(key []byte, pin string, t time.Time) string {
	if len(key) > yandexKeyLen {
		key = key[:yandexKeyLen]
	}
	var buf [64]byte
	kh := sha256.Sum256(append(append(buf[:0], pin...), key...))
	hkey := kh[:]
	if hkey[0] == 0 {
		hkey = hkey[1:]
	}

	var out [maxDigest]byte
	sum := hmacCounter(SHA256, hkey, timeCounter(t, 30, 30), &out)
	off := sum[len(sum)-1] & 0xf
	v := (binary.BigEndian.Uint64(sum[off:]) & (1<<63 - 1)) % yandexModulus

	var code [8]byte
	for i := len(code) - 1; i >= 0; i-- {
		code[i] = byte('a' + v%26)
		v /= 26
	}
	return string(code[:])
}
