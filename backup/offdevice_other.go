//go:build !unix && !windows

package backup

// volumeOf cannot tell drives apart on this system: only sync tools'
// markers say a folder is off the device.
func volumeOf(string) (string, bool) { return "", false }
