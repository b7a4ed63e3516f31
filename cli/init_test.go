package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIInit(t *testing.T) {
	e := newEnv(t)
	rk := e.init()
	testkit.WantMode(t, rk, 0o600)
	testkit.WantMode(t, e.vault, 0o700)
	e.fails(1, "already exists", "init", "--no-keyring", "--password-file", e.path("pw"))
	// Printed to stdout when no file is given, with the warning on stderr.
	e2 := newEnv(t)
	r := e2.run("", "init", "--no-keyring", "--password-file", e2.path("pw"))
	if r.code != 0 || !strings.Contains(r.stderr, "recovery key") || len(strings.TrimSpace(r.stdout)) != 39 {
		t.Fatalf("init: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// No password and no terminal: a clear error, no vault.
	e3 := newEnv(t)
	e3.fails(1, "no terminal", "init", "--no-keyring")
	if _, err := os.Stat(filepath.Join(e3.vault, "vault.age")); err == nil {
		t.Fatal("a vault was created without a password")
	}
	// A command on a missing vault says how to make one.
	r = e3.fails(1, "no vault in", "list")
	if !strings.Contains(r.stderr, "lifeline init") {
		t.Fatalf("no hint: %s", r.stderr)
	}
}
