// Package otp computes one-time passwords: HOTP (RFC 4226), TOTP (RFC 6238),
// Steam Guard, Yandex Key and mOTP. Every function is pure: the key, the
// counter or the time come in, the code goes out.
package otp
