//go:build !race

package qr

// raceSlowdown is 1 in normal builds (race.go has the race detector's).
const raceSlowdown = 1
