package testkit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Missing skips t because something it needs from outside the repository
// (a tool, a display) is not here, or fails it when LIFELINE_REQUIRE_TOOLS=1
// says the run must have everything (make test, CI).
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	missing(t, "LIFELINE_REQUIRE_TOOLS", format, args...)
}

// MissingKeyring is Missing for the Secret Service, which
// LIFELINE_REQUIRE_KEYRING=1 demands.
func MissingKeyring(t testing.TB, format string, args ...any) {
	t.Helper()
	missing(t, "LIFELINE_REQUIRE_KEYRING", format, args...)
}

func missing(t testing.TB, env, format string, args ...any) {
	t.Helper()
	if os.Getenv(env) == "1" {
		t.Fatalf(format+" ("+env+"=1: run the tests through `make test`, after `make deps`)", args...)
	}
	t.Skipf(format, args...)
}

// NeedTool returns the path of an external program (oathtool, age,
// zbarimg, qrencode, pdftotext...), or skips or fails t through Missing.
func NeedTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed: %v", name, err)
	}
	return p
}

// NeedTools is NeedTool for several programs whose paths the test does not
// need (they run from a script or are found by what the test runs).
func NeedTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		NeedTool(t, n)
	}
}

// NeedDisplay skips or fails t through Missing without an X display
// (make test runs the suite on an Xvfb of its own).
func NeedDisplay(t testing.TB) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		Missing(t, "no X display (DISPLAY is not set)")
	}
}

// NeedSession skips or fails t through MissingKeyring without a D-Bus
// session bus (make test starts one with an unlocked gnome-keyring).
func NeedSession(t testing.TB) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		MissingKeyring(t, "no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)")
	}
}

// Run runs prog with stdin and returns its stdout; it fails t, showing
// stderr, if prog does not exit 0.
func Run(t testing.TB, stdin, prog string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}
