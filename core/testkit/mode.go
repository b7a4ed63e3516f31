package testkit

import (
	"io/fs"
	"os"
	"runtime"
	"testing"
)

// WantMode fails the test unless path has the permission bits want. On
// Windows it checks only that path exists: Go reports file modes there
// from the read-only attribute alone, and who may read a vault is decided
// by its folder's ACL (core/internal/owneronly tests that).
func WantMode(t testing.TB, path string, want fs.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != want {
		t.Errorf("%s: mode %v, want %v", path, st.Mode().Perm(), want)
	}
}
