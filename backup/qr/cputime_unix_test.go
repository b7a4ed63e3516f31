//go:build unix

package qr

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, user and system: the
// measure of a scan's own work, which other programs loading the machine
// do not stretch as they stretch the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
