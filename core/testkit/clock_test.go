package testkit

import (
	"slices"
	"sync"
	"testing"
	"time"
)

var start = time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)

// Timers run in time order, each seeing its own moment, and only once due.
func TestClockAdvanceRunsDueTimersInOrder(t *testing.T) {
	c := NewClock(start)
	var got []string
	at := func(name string) func() {
		return func() { got = append(got, name+"@"+c.Now().Sub(start).String()) }
	}
	c.AfterFunc(3*time.Second, at("c"))
	c.AfterFunc(time.Second, at("a"))
	c.AfterFunc(3*time.Second, at("d")) // same moment as c: made after it
	c.AfterFunc(2*time.Second, func() {
		at("b")()
		c.AfterFunc(0, at("b2")) // made while firing: due now
	})
	c.AfterFunc(10*time.Second, at("late"))
	c.Advance(time.Second - 1)
	if len(got) != 0 {
		t.Fatalf("ran before due: %v", got)
	}
	c.Advance(5 * time.Second)
	want := []string{"a@1s", "b@2s", "b2@2s", "c@3s", "d@3s"}
	if !slices.Equal(got, want) {
		t.Errorf("ran %v, want %v", got, want)
	}
	if n := c.Now().Sub(start); n != 6*time.Second-1 {
		t.Errorf("Now after Advance = start+%v", n)
	}
}

func TestClockStop(t *testing.T) {
	c := NewClock(start)
	ran := 0
	stop := c.AfterFunc(time.Second, func() { ran++ })
	if !stop() {
		t.Error("stop of a pending timer = false")
	}
	if stop() {
		t.Error("second stop = true")
	}
	stop2 := c.AfterFunc(time.Second, func() { ran++ })
	c.Advance(time.Second)
	if ran != 1 {
		t.Fatalf("ran %d times, want 1", ran)
	}
	if stop2() {
		t.Error("stop after firing = true")
	}
	c.Advance(time.Hour)
	if ran != 1 {
		t.Errorf("a timer ran again: %d", ran)
	}
}

// Set jumps without running timers; the next Advance runs what is due.
func TestClockSet(t *testing.T) {
	c := NewClock(start)
	var at time.Time
	c.AfterFunc(time.Minute, func() { at = c.Now() })
	c.Set(start.Add(time.Hour))
	if !at.IsZero() || !c.Now().Equal(start.Add(time.Hour)) {
		t.Fatalf("Set ran a timer (%v) or Now = %v", at, c.Now())
	}
	c.Advance(0)
	if !at.Equal(start.Add(time.Hour)) {
		t.Errorf("overdue timer saw %v, want the time Set put", at)
	}
	c.Set(start)
	if !c.Now().Equal(start) {
		t.Errorf("Set back: Now = %v", c.Now())
	}
}

// Timers made and stopped from other goroutines while Advance runs: the
// race detector checks it, and every timer runs once or is stopped.
func TestClockConcurrent(t *testing.T) {
	c := NewClock(start)
	var mu sync.Mutex
	ran, stopped := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range 100 {
				stop := c.AfterFunc(time.Duration(i)*time.Millisecond, func() {
					mu.Lock()
					ran++
					mu.Unlock()
				})
				if i%3 == 0 && stop() {
					mu.Lock()
					stopped++
					mu.Unlock()
				}
				_ = c.Now()
			}
		})
	}
	for range 50 {
		c.Advance(time.Millisecond)
	}
	wg.Wait()
	c.Advance(time.Hour)
	if ran+stopped != 800 {
		t.Errorf("ran %d + stopped %d, want 800", ran, stopped)
	}
}
