//go:build lifelinetest

package vault

// Binaries built with -tags lifelinetest (the CLI's end-to-end tests) wrap
// passwords with a cheap scrypt, so a test run does not spend a second per
// unlock. Opening still accepts up to MaxWorkFactor (scrypt.go).
func init() { workFactor = 10 }
