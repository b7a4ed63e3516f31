package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIExport(t *testing.T) {
	e, pw := initEnv(t)
	out := e.path("b.age")
	e.addSome(2, "Exp")
	e.ok("", "export", out, "--password-file", pw)
	e.fails(1, "already exists", "export", out, "--password-file", pw)
	e.fails(2, "cannot be combined", "export", e.path("x.age"), "--passphrase-file", pw, "--recipient", "age1x", "--password-file", pw)
	e.fails(2, "secret key, not a recipient", "export", e.path("x.age"), "--recipient", "AGE-SECRET-KEY-1ABC", "--password-file", pw)
	if _, err := os.Stat(e.path("x.age")); err == nil {
		t.Fatal("a failed export left a file")
	}
	// "-" writes to stdout: armored, it opens with age like a file.
	armored := e.ok("", "export", "-", "--armor", "--password-file", pw)
	if !strings.HasPrefix(armored, "-----BEGIN AGE ENCRYPTED FILE-----") {
		t.Fatalf("stdout export: %.40q", armored)
	}
	id := e.ok("", "recovery-key", "--age", "--password-file", pw)
	idFile := e.write("id.txt", id)
	// Without age everything above is still checked.
	plain := testkit.Run(t, armored, testkit.NeedTool(t, "age"), "-d", "-i", idFile)
	if !strings.Contains(string(plain), `"issuer":"Exp"`) {
		t.Fatalf("age -d of the armored export lacks the account:\n%s", plain)
	}
}

func TestCLIExportOtherApps(t *testing.T) {
	src, pw := initEnv(t)
	src.ok("", "import", peer("aegis_plain.json"), "--password-file", pw)
	want := listJSON(t, src, pw)
	if n := testkit.PeerCount(t, "aegis_plain.json"); len(want) != n {
		t.Fatalf("%d accounts imported, expected.json lists %d", len(want), n)
	}

	cases := []struct {
		format, pass string
		encrypted    bool
	}{
		{format: "aegis", pass: "s3cret phrase", encrypted: true},
		{format: "aegis-plain"},
		{format: "otpauth"},
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
			testkit.WantMode(t, out, 0o600)
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
