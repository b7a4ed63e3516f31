package otp

import "time"

// steamAlphabet is Steam Guard's 26 symbols: digits and capitals without
// the look-alikes 0, 1, A, E, I, L, O, S, U and Z.
const steamAlphabet = "23456789BCDFGHJKMNPQRTVWXY"

// Steam returns the 5-character Steam Guard code at t: HMAC-SHA1 TOTP with
// 30-second steps, its 31-bit truncation spelt in base 26, least
// significant symbol first.
func Steam(key []byte, t time.Time) string {
	return SteamCounter(key, timeCounter(t, 30, 30))
}

// SteamCounter is Steam for a raw step counter.
func SteamCounter(key []byte, counter uint64) string {
	v := truncate(key, counter, SHA1)
	var buf [5]byte
	for i := range buf {
		buf[i] = steamAlphabet[v%26]
		v /= 26
	}
	return string(buf[:])
}
