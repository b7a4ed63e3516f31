package testkit

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoBareTempDir: the tests that make test runs under Wine (core/,
// backup/, cli/) make folders with TempDir, whose clean-up works there;
// a t.TempDir() would fail every such test under Wine alone.
func TestNoBareTempDir(t *testing.T) {
	bare := regexp.MustCompile(`\b(t|b|tb|e\.t)\.TempDir\(\)`)
	for _, root := range []string{"..", "../../backup", "../../cli"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(filepath.ToSlash(p), "testkit/tempdir.go") || strings.HasSuffix(filepath.ToSlash(p), "testkit/tempdir_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for i, line := range strings.Split(string(b), "\n") {
				if bare.MatchString(line) {
					t.Errorf("%s:%d: use testkit.TempDir: %s", p, i+1, strings.TrimSpace(line))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bare.MatchString("\tdir := t.TempDir()") {
		t.Error("the pattern misses a bare t.TempDir()")
	}
}
