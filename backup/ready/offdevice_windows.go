//go:build windows

package ready

import (
	"path/filepath"
	"strings"
)

// sameVolume reports whether a and b are on the same volume: the same drive
// letter, or the same \\server\share (a network share is never this
// computer's own disk, so a UNC path differs from every drive letter).
func sameVolume(a, b string) (bool, error) {
	return strings.EqualFold(filepath.VolumeName(a), filepath.VolumeName(b)), nil
}
