//go:build !unix && !windows

package backup

// otherVolume cannot tell drives apart on this system: only sync tools'
// markers say a folder is off the device.
func otherVolume(dir, vaultDir string) (bool, string) { return false, "" }
