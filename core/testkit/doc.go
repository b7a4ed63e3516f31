// Package testkit holds what the tests of several packages share: a fake
// clock, the check for an external tool (oathtool, age, zbarimg...), the
// checks for an X display and a D-Bus session, a realistic account
// fixture, and the other apps' exports in testdata/peers with the account
// counts their expected.json gives.
//
// It is imported by tests only. It lives under core/ because gui/, cli/
// and backup/ all use it (an internal package there would be out of their
// reach), and it imports nothing but the standard library and core, so it
// builds wherever core does and never pulls in Fyne. core's own package
// tests cannot import it (that would be a cycle); core/otp's tests can
// from package otp_test.
//
// Missing tools and services skip a test, unless the run demands them:
// LIFELINE_REQUIRE_TOOLS=1 (make test) turns a missing tool or display
// into a failure, LIFELINE_REQUIRE_KEYRING=1 a missing Secret Service.
package testkit
