package testkit

import (
	"sync"
	"time"
)

// Clock is a core.Clock whose time moves only when the test says so.
// Advance and Set run the timers that come due in time order (those due at
// the same moment in the order they were made), on the calling goroutine,
// so their effects are visible when the call returns. It is safe for
// concurrent use: timers may be made and stopped from any goroutine,
// including from inside a firing timer.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*timer // not yet fired nor stopped
}

type timer struct {
	at time.Time
	f  func()
}

// NewClock returns a fake clock that reads start.
func NewClock(start time.Time) *Clock { return &Clock{now: start} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc arranges for f to run when the clock has moved on by d. The
// stop function cancels it and reports whether it did (false once f ran
// or was already stopped).
func (c *Clock) AfterFunc(d time.Duration, f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &timer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, x := range c.timers {
			if x == t {
				c.timers = append(c.timers[:i], c.timers[i+1:]...)
				return true
			}
		}
		return false
	}
}

// Advance moves the clock on by d, running each timer due by then at its
// own time: a timer sees Now() equal to the moment it was due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	c.runUntil(end)
}

// Set puts the clock at t, forward or back, and runs no timer: one due
// by then runs at the next Advance (seeing Now() = t). Benchmarks use it to
// drive a handler by hand; tests use it for a clock that jumps.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *Clock) runUntil(end time.Time) {
	for {
		c.mu.Lock()
		next := -1
		for i, t := range c.timers {
			if !t.at.After(end) && (next < 0 || t.at.Before(c.timers[next].at)) {
				next = i
			}
		}
		if next < 0 {
			if end.After(c.now) {
				c.now = end
			}
			c.mu.Unlock()
			return
		}
		t := c.timers[next]
		c.timers = append(c.timers[:next], c.timers[next+1:]...)
		if t.at.After(c.now) {
			c.now = t.at
		}
		c.mu.Unlock()
		t.f()
	}
}
