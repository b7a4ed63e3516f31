package backup

import (
	"path/filepath"
	"strings"
)

// volumeOf names the drive that holds path: its volume name (E:, or
// \\server\share), upper-cased as Windows ignores case.
func volumeOf(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	return strings.ToUpper(filepath.VolumeName(abs)), err == nil
}
