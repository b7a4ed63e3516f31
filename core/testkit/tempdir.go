package testkit

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// TempDir is t.TempDir, except on Windows, where the folder is removed
// file by file with os.Remove. The testing package's clean-up calls
// os.RemoveAll, which since Go 1.24 deletes through
// FileDispositionInformationEx; Wine (which runs the core/ and backup/
// tests in make test) lacks it and answers "Invalid function", failing
// every test that made a folder. os.Remove uses DeleteFile and
// RemoveDirectory, which real Windows and Wine both have.
func TempDir(t testing.TB) string {
	t.Helper()
	if runtime.GOOS != "windows" {
		return t.TempDir()
	}
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == ' ' {
			return '_'
		}
		return r
	}, t.Name())
	if len(name) > 40 {
		name = name[:40]
	}
	dir, err := os.MkdirTemp("", name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("TempDir clean-up: %v", err)
		}
	})
	return dir
}

// removeTree removes dir and everything in it, deepest first.
func removeTree(dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(paths)))
	for _, p := range paths {
		os.Chmod(p, 0o700) // a test may leave a file read-only
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
