//go:build !windows

package cli

import (
	"os"
	"regexp"
	"testing"
)

// The built binary says the version that FyneApp.toml, the one place it is
// written, gives.
func TestCLIVersion(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version = "([^"]+)"`).FindSubmatch(data)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version line")
	}
	e := newEnv(t)
	want := "lifeline " + string(m[1]) + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if got := e.ok("", args...); got != want {
			t.Errorf("lifeline %s = %q, want %q", args[0], got, want)
		}
	}
	e.fails(2, "version takes no arguments", "version", "x")
}
