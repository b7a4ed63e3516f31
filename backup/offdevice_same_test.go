//go:build unix

package backup

import (
	"os"
	"syscall"
)

// same reports whether two files are on the same filesystem.
func same(a, b os.FileInfo) bool {
	return a.Sys().(*syscall.Stat_t).Dev == b.Sys().(*syscall.Stat_t).Dev
}
