//go:build !(linux || freebsd || openbsd || netbsd)

package qr

// displayProblem has nothing to add where capture needs no X display.
func displayProblem() error { return nil }
