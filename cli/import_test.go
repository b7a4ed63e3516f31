//go:build !windows

package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func peer(name string) string { return "../testdata/peers/" + name }

func listJSON(t *testing.T, e *env, pw string) []map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(e.ok("", "list", "--json", "--password-file", pw)), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

func TestCLIImport(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	test := e.write("aegis-pw", "test\n")

	if out := e.ok("", "import", "--formats"); !strings.Contains(out, "aegis") || !strings.Contains(out, "2fas") {
		t.Fatalf("--formats:\n%s", out)
	}
	before := e.snapshot()
	e.fails(1, "wrong password", "import", peer("aegis_encrypted.json"), "--passphrase-file", e.write("bad", "nope\n"), "--password-file", pw)
	e.fails(1, "no terminal", "import", peer("aegis_encrypted.json"), "--password-file", pw)
	e.fails(1, "nothing was imported", "import", peer("aegis_plain.json"), "../README.md", "--password-file", pw)
	e.fails(2, "unknown", "import", peer("aegis_plain.json"), "--format", "nosuchapp", "--password-file", pw)
	out := e.ok("", "import", peer("aegis_encrypted.json"), "--passphrase-file", test, "--dry-run", "--password-file", pw)
	if !strings.Contains(out, "7 new") {
		t.Fatalf("dry-run preview:\n%s", out)
	}
	e.unchanged(before)

	r := e.run("", "import", peer("aegis_encrypted.json"), "--passphrase-file", test, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "7 added") || !strings.Contains(r.stderr, "undo with") {
		t.Fatalf("import: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if n := len(listJSON(t, e, pw)); n != 7 {
		t.Fatalf("%d accounts after import, want 7", n)
	}
	// The same accounts from another app's file are recognised, not doubled.
	r = e.run("", "import", peer("2fas_authenticator_plain_v3.2fas"), "--password-file", pw)
	if r.code != 0 || len(listJSON(t, e, pw)) != 7 {
		t.Fatalf("second import: %d, %d accounts\n%s", r.code, len(listJSON(t, e, pw)), r.stderr)
	}
	// Codes come out as the source app would show them (V1: Deno/Mason).
	if got := strings.TrimSpace(e.ok("", "code", "Deno:Mason", "--at", "1700000000", "--password-file", pw)); len(got) != 6 {
		t.Fatalf("code after import: %q", got)
	}
}

func TestCLIExportOtherApps(t *testing.T) {
	src := newEnv(t)
	src.init()
	pw := src.path("pw")
	src.ok("", "import", peer("aegis_plain.json"), "--password-file", pw)
	want := listJSON(t, src, pw)

	cases := []struct {
		format, pass string
		encrypted    bool
	}{
		{"aegis", "s3cret phrase", true},
		{"aegis-plain", "", false},
		{"otpauth", "", false},
	}
	for _, c := range cases {
		t.Run(c.format, func(t *testing.T) {
			out := src.path("export-" + c.format)
			args := []string{"export", out, "--format", c.format, "--password-file", pw}
			if c.pass != "" {
				args = append(args, "--passphrase-file", src.write("exp-pass-"+c.format, c.pass+"\n"))
			}
			r := src.run("", args...)
			if r.code != 0 {
				t.Fatalf("export: %s", r.stderr)
			}
			if warned := strings.Contains(r.stderr, "NOT encrypted"); warned == c.encrypted {
				t.Fatalf("unencrypted warning = %v for %s: %s", warned, c.format, r.stderr)
			}
			if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
				t.Fatalf("export mode %v", st.Mode().Perm())
			}
			data, _ := os.ReadFile(out)
			if strings.Contains(string(data), "4SJHB4GSD43FZBAI7C2HLRJGPQ") == c.encrypted {
				t.Fatalf("secret visible = %v in the %s export", !c.encrypted, c.format)
			}
			// Re-import into a fresh vault: the same accounts come back.
			dst := newEnv(t)
			dst.init()
			args = []string{"import", out, "--password-file", dst.path("pw")}
			if c.pass != "" {
				args = append(args, "--passphrase-file", src.path("exp-pass-"+c.format))
			}
			dst.ok("", args...)
			got := listJSON(t, dst, dst.path("pw"))
			if len(got) != len(want) {
				t.Fatalf("%d accounts back, want %d", len(got), len(want))
			}
			for _, q := range []string{"Deno:Mason", "Issuu:James", "Boeing:Sophia"} {
				a := src.ok("", "code", q, "--at", "1700000000", "--password-file", pw)
				b := dst.ok("", "code", q, "--at", "1700000000", "--password-file", dst.path("pw"))
				if a != b {
					t.Fatalf("%s: code %q after the round trip, want %q", q, b, a)
				}
			}
			// An export never overwrites a file.
			src.fails(1, "exists", "export", out, "--format", c.format, "--passphrase-file", src.write("p2", "x\n"), "--password-file", pw)
		})
	}
}
