//go:build !windows

package ready

import (
	"fmt"
	"os"
	"syscall"
)

// sameVolume reports whether a and b are on the same filesystem.
func sameVolume(a, b string) (bool, error) {
	da, err := device(a)
	if err != nil {
		return false, err
	}
	db, err := device(b)
	if err != nil {
		return false, err
	}
	return da == db, nil
}

func device(path string) (uint64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, fmt.Errorf("no device number for %s", path)
	}
	return uint64(st.Dev), nil
}
