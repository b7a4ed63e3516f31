package backup

import (
	"path/filepath"
	"strings"
)

// otherVolume reports whether dir is on another drive than the vault
// folder: another volume name (E: for a USB stick, \\server\share).
func otherVolume(dir, vaultDir string) (bool, string) {
	a, errA := filepath.Abs(dir)
	b, errB := filepath.Abs(vaultDir)
	if errA != nil || errB != nil {
		return false, ""
	}
	va, vb := filepath.VolumeName(a), filepath.VolumeName(b)
	if strings.EqualFold(va, vb) {
		return false, ""
	}
	return true, "on another drive than the vault (" + va + ")"
}
