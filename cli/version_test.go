package cli

import (
	"os"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// The built binary says the version that FyneApp.toml, the one place it is
// written, gives.
func TestCLIVersion(t *testing.T) {
	e := newEnv(t)
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := core.SetVersion(data); err != nil {
		t.Fatal(err)
	}
	want := "lifeline " + core.Version() + "\n"
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if got := e.ok("", args...); got != want {
			t.Errorf("lifeline %s = %q, want %q", args[0], got, want)
		}
	}
	e.fails(2, "version takes no arguments", "version", "x")
}
