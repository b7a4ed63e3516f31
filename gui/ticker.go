package gui

import (
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// One ticker drives every countdown. It fires just after a whole second
// (codes roll over on whole seconds) and asks each row the list created —
// only the visible ones, the list being virtualised — to refresh what
// changed: its ring and seconds, and the code when its period rolled over.
// It also runs the idle lock.
//
// Each change makes Fyne repaint the whole window, which costs about one
// percent of a core per second under a software renderer. So the ticker
// ticks every second only while the person is using the window (input or
// the pointer over the list in the last activeWindow, window focused); otherwise it ticks on 5-second
// boundaries and at each visible row's rollover and warning start, and the
// rings move in 5-second steps without their seconds. Codes still change
// exactly on time.
//
// Rows refresh their own canvas objects instead of calling
// widget.List.RefreshItem: in Fyne 2.7.1 RefreshItem starts with a full
// BaseWidget.Refresh of the list, which re-creates the item template and
// re-binds every visible row, so N RefreshItem calls cost N full refreshes.
type tickState struct {
	gen       int // bumped by stop, so a timer already in flight does nothing
	stop      func() bool
	slow      bool // ticking in 5-second steps
	unfocused bool // the window lost focus
}

const (
	activeWindow = 30 * time.Second
	slowStep     = 5 // seconds
)

// tickSlack puts the tick a little after the second boundary, so a timer
// that fires a hair early still sees the new second.
const tickSlack = 5 * time.Millisecond

func (u *UI) startTicker() {
	u.stopTicker()
	u.scheduleTick(u.tick.gen)
}

func (u *UI) stopTicker() {
	u.tick.gen++
	if u.tick.stop != nil {
		u.tick.stop()
		u.tick.stop = nil
	}
}

func (u *UI) scheduleTick(gen int) {
	now := u.clock.Now()
	u.tick.slow = !u.busyHuman(now)
	next := now.Truncate(time.Second).Add(time.Second)
	if u.tick.slow {
		next = u.nextSlowTick(now)
	}
	d := next.Sub(now) + tickSlack
	u.tick.stop = u.after(d, func() {
		if gen != u.tick.gen {
			return
		}
		u.onTick()
		if gen == u.tick.gen { // onTick may have locked
			u.scheduleTick(gen)
		}
	})
}

// busyHuman reports whether the person is using the window now.
func (u *UI) busyHuman(now time.Time) bool {
	return !u.tick.unfocused && now.Sub(u.lastInput) < activeWindow
}

// nextSlowTick is the next 5-second boundary, or an earlier rollover or
// warning start of a visible row (periods need not be multiples of 5).
func (u *UI) nextSlowTick(now time.Time) time.Time {
	t := now.Unix()
	next := (t/slowStep + 1) * slowStep
	if u.list != nil {
		for _, r := range u.list.rows {
			a := r.account()
			if a == nil || a.Type == core.HOTP || a.Period <= 0 {
				continue
			}
			p := int64(a.Period)
			roll := (t/p + 1) * p
			for _, at := range []int64{roll - warnSeconds, roll} {
				if at > t && at < next {
					next = at
				}
			}
		}
	}
	return time.Unix(next, 0)
}

// wake goes back to ticking every second at once, after input.
func (u *UI) wake() {
	if !u.tick.slow || u.vault == nil || u.list == nil {
		return
	}
	u.startTicker()
	u.onTick()
}

// onTick is one tick, on the UI goroutine.
func (u *UI) onTick() {
	now := u.clock.Now()
	if u.idleExpired(now) {
		u.lock()
		return
	}
	if u.list == nil || u.screen != screenList || !u.visible {
		return
	}
	for id, until := range u.list.revealed {
		if !now.Before(until) {
			delete(u.list.revealed, id)
		}
	}
	u.list.fine = u.busyHuman(now)
	u.list.updateRows(now)
}

// idleExpired reports whether the auto-lock time has passed without the
// person doing anything in the window.
func (u *UI) idleExpired(now time.Time) bool {
	m := u.prefs.autoLockMinutes
	return m > 0 && u.vault != nil && now.Sub(u.lastActive) >= time.Duration(m)*time.Minute
}
