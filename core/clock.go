package core

import "time"

// Clock is a time source that can also call back later. The window's
// codes, countdowns, clipboard timeout and idle lock, and the automatic
// backups' debounce, all read one, so tests drive them with a fake clock
// (core/testkit) instead of sleeping.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine after d; stop cancels it and
	// reports whether it did, like time.Timer.Stop.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// SystemClock is the wall clock.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now() }

func (SystemClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}
