package testkit

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildLifeline builds the lifeline binary at out with the lifelinetest
// tag (which only lowers the scrypt work factor), for tests that drive it
// as a person would; flags go to go build before the package (-race).
// Build errors carry go's output.
func BuildLifeline(out string, flags ...string) ([]byte, error) {
	args := append([]string{"build"}, flags...)
	args = append(args, "-tags", "lifelinetest no_emoji", "-o", out, "github.com/lifelineauth/lifeline")
	return exec.Command("go", args...).CombinedOutput()
}

// NeedLifeline is BuildLifeline into the test's temporary folder, failing t
// if it does not build.
func NeedLifeline(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "lifeline")
	if out, err := BuildLifeline(bin); err != nil {
		t.Fatalf("cannot build lifeline: %v\n%s", err, out)
	}
	return bin
}
