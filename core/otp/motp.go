package otp

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"time"
)

// MOTP returns the 6-hex-digit Mobile-OTP code at t: the first six hex
// digits of MD5(step in decimal || secret in lowercase hex || PIN), where
// step = floor(unix seconds / period). period < 1 means mOTP's 10 seconds.
// A step before 1970 is written with its minus sign.
func MOTP(key []byte, pin string, t time.Time, period int) string {
	step := int64(timeCounter(t, period, 10))
	var buf [256]byte // on the stack for keys up to ~115 bytes
	msg := strconv.AppendInt(buf[:0], step, 10)
	msg = hex.AppendEncode(msg, key)
	msg = append(msg, pin...)
	sum := md5.Sum(msg)
	return hex.EncodeToString(sum[:3])
}
