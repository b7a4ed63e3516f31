package cli

import (
	"strings"
	"testing"
)

// TestCLICodeRefusesCounterWrap: an HOTP counter at 2^64-1 would wrap to
// 0 and give out codes the site has already seen; `code` refuses, prints
// no code and leaves the vault as it was.
func TestCLICodeRefusesCounterWrap(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--type", "hotp", "--issuer", "Bank", "--name", "bob", "--secret", rfcSecret,
		"--counter", "18446744073709551615", "--password-file", pw)
	before := e.snapshot()
	r := e.fails(1, "largest value", "code", "bank", "--password-file", pw)
	if r.stdout != "" {
		t.Errorf("a code was printed: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "no code was given") || !strings.Contains(r.stderr, "hint: set the account up again") {
		t.Errorf("stderr does not say what happened and what to do: %s", r.stderr)
	}
	e.unchanged(before)
	if out := e.ok("", "show", "bank", "--password-file", pw); !strings.Contains(out, "18446744073709551615") {
		t.Errorf("the counter moved:\n%s", out)
	}
}
