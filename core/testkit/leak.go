package testkit

import (
	"strings"
	"unicode"
)

// Leak returns the first piece of secret found in text ("" when none): the
// whole of it, any of its 4-character groups (as a recovery key prints
// them), or any 8 characters in a row, compared without case and with the
// separators (spaces, dashes) dropped from both, so "ABCD-EFGH" found as
// "abcdefgh" counts. For checking that an error never echoes a secret.
func Leak(text, secret string) string {
	bare := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || unicode.IsSpace(r) {
				return -1
			}
			return unicode.ToUpper(r)
		}, s)
	}
	t, s := bare(text), bare(secret)
	if s == "" {
		return ""
	}
	if strings.Contains(t, s) {
		return secret
	}
	for _, g := range strings.FieldsFunc(strings.ToUpper(secret), func(r rune) bool { return r == '-' || r == ' ' }) {
		if len(g) >= 4 && strings.Contains(t, g) {
			return g
		}
	}
	for i := 0; i+8 <= len(s); i++ {
		if strings.Contains(t, s[i:i+8]) {
			return s[i : i+8]
		}
	}
	return ""
}
