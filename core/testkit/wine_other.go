//go:build !windows

package testkit

// UnderWine is false: only a Windows program runs under Wine.
func UnderWine() bool { return false }
