//go:build race

package cli

import (
	"os"
	"strings"
)

// Under go test -race the binary the tests drive is built with -race too,
// so that a data race in a command (or in the window of the smoke test)
// fails the test that ran it: the race detector prints "WARNING: DATA
// RACE" and the process exits with status 66. Its default second of sleep
// before exiting (atexit_sleep_ms) would add up to minutes over the
// hundreds of runs, so the binaries exit at once.
func init() {
	buildFlags = append(buildFlags, "-race")
	raceScale = 10
	os.Setenv("GORACE", strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
}
