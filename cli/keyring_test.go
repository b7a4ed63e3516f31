package cli

import (
	"runtime"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestCLIKeyring runs against the real keyring: the Secret Service that `make test`
// starts (gnome-keyring under dbus-run-session), Credential Manager under Wine.
func TestCLIKeyring(t *testing.T) {
	testkit.NeedSession(t)
	e := newEnv(t)
	r := e.run("", "init", "--password-file", e.path("pw"), "--recovery-key-out", e.path("rk"))
	if r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	if strings.Contains(r.stderr, "system keyring is locked or missing") {
		testkit.MissingKeyring(t, "no Secret Service: %s", r.stderr)
	}
	// Unlocks with nothing but the keyring.
	e.ok("", "add", "otpauth://totp/K:k?secret=JBSWY3DPEHPK3PXP")
	e.ok("", "list")
	// A dead keyring falls back to the password, saying why. (Windows'
	// Credential Manager has no bus to lose.)
	if runtime.GOOS != "windows" {
		dead := *e
		dead.extra = []string{"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}
		r = dead.fails(1, "no terminal", "list")
		if !strings.Contains(r.stderr, "the system keyring is locked or missing, so the vault unlocks with the password instead") {
			t.Fatalf("no keyring message: %s", r.stderr)
		}
		dead.ok("", "list", "--password-file", e.path("pw"))
	}
	// Disabled: the password is needed again.
	e.ok("", "keyring", "disable")
	e.fails(1, "no terminal", "list")
	e.ok("", "keyring", "enable", "--password-file", e.path("pw"))
	e.ok("", "list")
}
