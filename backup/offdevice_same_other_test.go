//go:build !unix

package backup

import "os"

// same is unused where TestOffDeviceOtherFilesystem skips.
func same(a, b os.FileInfo) bool { return true }
