package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIImport(t *testing.T) {
	e, pw := initEnv(t)
	test := e.write("aegis-pw", "test\n")
	want := testkit.PeerCount(t, "aegis_encrypted.json") // the vault starts empty

	if out := e.ok("", "import", "--formats"); !strings.Contains(out, "aegis") || !strings.Contains(out, "2fas") {
		t.Fatalf("--formats:\n%s", out)
	}
	before := e.snapshot()
	e.fails(1, "wrong password", "import", peer("aegis_encrypted.json"), "--passphrase-file", e.write("bad", "nope\n"), "--password-file", pw)
	e.fails(1, "no terminal", "import", peer("aegis_encrypted.json"), "--password-file", pw)
	e.fails(1, "nothing was imported", "import", peer("aegis_plain.json"), "../README.md", "--password-file", pw)
	e.fails(2, "unknown", "import", peer("aegis_plain.json"), "--format", "nosuchapp", "--password-file", pw)
	out := e.ok("", "import", peer("aegis_encrypted.json"), "--passphrase-file", test, "--dry-run", "--password-file", pw)
	if !strings.Contains(out, fmt.Sprintf("%d new", want)) {
		t.Fatalf("dry-run preview:\n%s", out)
	}
	e.unchanged(before)

	r := e.run("", "import", peer("aegis_encrypted.json"), "--passphrase-file", test, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, fmt.Sprintf("%d added", want)) || !strings.Contains(r.stderr, "undo with") {
		t.Fatalf("import: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if n := len(listJSON(t, e, pw)); n != want {
		t.Fatalf("%d accounts after import, expected.json lists %d", n, want)
	}
	// The same accounts from another app's file are recognised, not doubled.
	r = e.run("", "import", peer("2fas_authenticator_plain_v3.2fas"), "--password-file", pw)
	if r.code != 0 || len(listJSON(t, e, pw)) != want {
		t.Fatalf("second import: %d, %d accounts\n%s", r.code, len(listJSON(t, e, pw)), r.stderr)
	}
	// Codes come out as the source app would show them (V1: Deno/Mason).
	if got := strings.TrimSpace(e.ok("", "code", "Deno:Mason", "--at", "1700000000", "--password-file", pw)); len(got) != 6 {
		t.Fatalf("code after import: %q", got)
	}
}
