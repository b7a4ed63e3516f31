package cli

import (
	"os"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// secretLookalikes are ways a recovery key ends up where a recipient goes:
// as printed, retyped, mistyped, cut short, or behind a key type.
func secretLookalikes(rk string) map[string]string {
	typo := []byte(rk)
	typo[0] = map[bool]byte{true: 'X', false: 'Y'}[typo[0] != 'X']
	return map[string]string{
		"printed":    rk,
		"lower case": strings.ToLower(rk),
		"prefixed":   "lifeline-recovery-key:" + rk,
		"no dashes":  strings.ReplaceAll(rk, "-", ""),
		"typo":       string(typo),
		"with a U":   "U" + rk[1:],
		"cut short":  rk[:len(rk)-5],
		"as age1":    "age1" + strings.ToLower(strings.ReplaceAll(rk, "-", "")),
		"as ssh":     "ssh-ed25519 " + rk,
		"as ssh b64": "ssh-ed25519 AAAA" + strings.ReplaceAll(rk, "-", ""),
	}
}

// TestCLIRecipientErrorsNeverEchoTheInput: a recovery key pasted as a
// recipient is refused, and no part of it (whole, a group of four, eight
// characters in a row) appears in what the command prints.
func TestCLIRecipientErrorsNeverEchoTheInput(t *testing.T) {
	e, pw := initEnv(t)
	b, err := os.ReadFile(e.recoveryKeyFile())
	if err != nil {
		t.Fatal(err)
	}
	rk := strings.TrimSpace(string(b))
	if !vault.LooksLikeRecoveryKey(rk) {
		t.Fatalf("%q is not a recovery key", rk)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	good := id.Recipient().String()
	before := e.snapshot()
	for name, bad := range secretLookalikes(rk) {
		for _, args := range [][]string{
			{"export", e.path("x.age"), "--recipient", bad},
			{"export", e.path("x.age"), "--recipient", good, "--recipient", bad},
			{"backup", "config", "--recipient", bad},
			{"backup", "config", "--recipient", good, "--recipient", bad},
		} {
			r := e.run("", append(args, "--password-file", pw)...)
			if r.code == 0 {
				t.Fatalf("%s: lifeline %s took a recovery key as a recipient", name, args[0])
			}
			if leak := testkit.Leak(r.stdout+r.stderr, rk); leak != "" {
				t.Errorf("%s: lifeline %s echoed %q of the recovery key:\n%s", name, strings.Join(args[:2], " "), leak, r.stderr)
			}
			if !strings.Contains(r.stderr, "recipient") {
				t.Errorf("%s: the error does not say the recipient is wrong: %s", name, r.stderr)
			}
		}
	}
	if _, err := os.Stat(e.path("x.age")); err == nil {
		t.Error("an export was written")
	}
	e.unchanged(before)
	// Which one is wrong is said by its place, and a recovery key by name.
	r := e.fails(2, "recipient 2 of 2: that looks like a recovery key", "export", e.path("x.age"), "--recipient", good, "--recipient", rk, "--password-file", pw)
	if !strings.Contains(r.stderr, "give a public key") {
		t.Errorf("no next step: %s", r.stderr)
	}
}
