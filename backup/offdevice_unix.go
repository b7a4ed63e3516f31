//go:build unix

package backup

import (
	"os"
	"strconv"
	"syscall"
)

// volumeOf names the filesystem that holds path: its device number.
func volumeOf(path string) (string, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return "device " + strconv.FormatUint(uint64(sys.Dev), 10), true
}
