//go:build !windows

package ready_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestOffDeviceOtherFilesystem needs a folder on another filesystem than
// the test's temporary folder: /dev/shm (tmpfs) on most Linux machines.
func TestOffDeviceOtherFilesystem(t *testing.T) {
	vaultDir := testkit.TempDir(t)
	other := "/dev/shm"
	var a, b syscall.Stat_t
	if err := syscall.Stat(vaultDir, &a); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Stat(other, &b); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			t.Skip("no /dev/shm on this machine")
		}
		t.Fatal(err)
	}
	if a.Dev == b.Dev {
		t.Skipf("%s and %s are on one filesystem here", vaultDir, other)
	}
	got := ready.OffDevice(filepath.Join(other, "lifeline-not-made"), vaultDir)
	if !got.Off || got.Kind != "another drive or volume" {
		t.Errorf("OffDevice(/dev/shm/…) = %+v", got)
	}
}
