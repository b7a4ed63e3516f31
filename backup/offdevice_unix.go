//go:build unix

package backup

import (
	"os"
	"syscall"
)

// otherVolume reports whether dir is on another filesystem than the vault
// folder: another device number (a USB stick, a network mount).
func otherVolume(dir, vaultDir string) (bool, string) {
	a, errA := os.Stat(dir)
	b, errB := os.Stat(vaultDir)
	if errA != nil || errB != nil {
		return false, ""
	}
	sa, okA := a.Sys().(*syscall.Stat_t)
	sb, okB := b.Sys().(*syscall.Stat_t)
	if !okA || !okB || sa.Dev == sb.Dev {
		return false, ""
	}
	return true, "on another drive than the vault (a separate filesystem)"
}
