package testkit

import "testing"

// SkipUnderWine skips the test when it runs as a Windows program under
// Wine (which make test does), for a behaviour where Wine is not Windows;
// why says how. On real Windows and elsewhere it does nothing.
func SkipUnderWine(t testing.TB, why string) {
	t.Helper()
	if UnderWine() {
		t.Skip("under Wine: " + why)
	}
}
