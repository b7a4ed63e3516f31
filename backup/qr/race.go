//go:build race

package qr

// raceSlowdown stretches ScanBudget under the race detector, which runs
// gozxing ten to twenty times slower: the budget is set for normal
// builds, and a test under -race must read what a normal build reads.
const raceSlowdown = 20
