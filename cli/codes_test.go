package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

type codeJSON struct {
	Number int     `json:"number"`
	Code   string  `json:"code"`
	UsedAt *string `json:"used_at"`
}

func (e *env) codes(query string) []codeJSON {
	e.t.Helper()
	var out []codeJSON
	raw := e.ok("", "codes", "list", query, "--json", "--password-file", e.path("pw"))
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		e.t.Fatalf("codes list --json: %v\n%s", err, raw)
	}
	return out
}

func sample(name string) string { return filepath.Join("..", "testdata", "recovery-codes", name) }

// Every sample file imports into its account with exactly the codes a
// pattern for the site's shape finds in it.
func TestCLICodesImport(t *testing.T) {
	e, pw := initEnv(t)
	cases := []struct{ issuer, file, pattern string }{
		{"GitHub", "github-recovery-codes.txt", `[0-9a-f]{5}-[0-9a-f]{5}`},
		{"GitLab", "gitlab-recovery-codes.txt", `(?m)^[0-9a-f]{16}$`},
		{"Google", "Backup-codes-alice.example.txt", `\b\d{4} \d{4}\b`},
		{"Discord", "discord_backup_codes.txt", `\b\d{8}\b`},
	}
	for _, c := range cases {
		t.Run(c.issuer, func(t *testing.T) {
			e.ok("", "add", "--issuer", c.issuer, "--name", "alice", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
			e.ok("", "codes", "import", c.issuer, sample(c.file), "--password-file", pw)
			raw, err := os.ReadFile(sample(c.file))
			if err != nil {
				t.Fatal(err)
			}
			want := regexp.MustCompile(c.pattern).FindAllString(string(raw), -1)
			got := e.codes(c.issuer)
			if len(got) != len(want) {
				t.Fatalf("%d codes saved, want %d", len(got), len(want))
			}
			for _, w := range want {
				found := false
				for _, g := range got {
					found = found || g.Code == w
				}
				if !found {
					t.Fatalf("code %q from the file is missing", w)
				}
			}
			// The same file again is refused as a whole.
			e.fails(1, "already saved for "+c.issuer+":alice", "codes", "import", c.issuer, sample(c.file), "--password-file", pw)
			if n := len(e.codes(c.issuer)); n != len(want) {
				t.Fatalf("%d codes after a refused import, want %d", n, len(want))
			}
		})
	}
}

func TestCLICodesLifecycle(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--issuer", "Binance", "--name", "me", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)

	// Arguments, and a pasted block on stdin with a header and commas.
	e.ok("", "codes", "add", "binance", "aaaa-1111", "bbbb-2222", "--password-file", pw)
	e.ok("Your backup codes:\r\ncccc-3333, dddd-4444\r\n\r\neeee-5555\r\n", "codes", "add", "binance", "-", "--password-file", pw)
	e.fails(1, "already saved", "codes", "add", "binance", "CCCC3333", "--password-file", pw)
	e.fails(2, "does not look like a recovery code", "codes", "add", "binance", "aaaa-9999", "hello", "--password-file", pw)

	steps := []struct {
		args    []string
		stdin   string
		left    int // unused codes afterwards
		total   int
		warning bool
	}{
		{[]string{"use", "binance", "AAAA 1111"}, "", 4, 5, false},
		{[]string{"use", "binance", "2"}, "", 3, 5, false},
		{[]string{"use", "binance", "-"}, "cccc3333\n", 2, 5, true},
		{[]string{"unuse", "binance", "bbbb-2222"}, "", 3, 5, false},
		{[]string{"rm", "binance", "5"}, "", 2, 4, false},
	}
	for _, s := range steps {
		t.Run(strings.Join(s.args, " "), func(t *testing.T) {
			r := e.run(s.stdin, append(append([]string{"codes"}, s.args...), "--password-file", pw)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			codes := e.codes("binance")
			left := 0
			for _, c := range codes {
				if c.UsedAt == nil {
					left++
				}
			}
			if left != s.left || len(codes) != s.total {
				t.Fatalf("%d of %d left, want %d of %d", left, len(codes), s.left, s.total)
			}
			if strings.Contains(r.stderr, "generate new ones at Binance") != s.warning {
				t.Fatalf("low-codes warning shown = %v, want %v:\n%s", !s.warning, s.warning, r.stderr)
			}
		})
	}
	e.fails(1, "was already used", "codes", "use", "binance", "aaaa-1111", "--password-file", pw)
	e.fails(1, "is not marked used", "codes", "unuse", "binance", "dddd-4444", "--password-file", pw)
	r := e.fails(1, "no such recovery code", "codes", "use", "binance", "zzzz-9999", "--password-file", pw)
	if strings.Contains(r.stderr, "zzzz") {
		t.Fatalf("an error message shows the code: %s", r.stderr)
	}

	// list and show count the codes and never print them; codes list does.
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"show", "binance"}} {
		out := e.ok("", append(args, "--password-file", pw)...)
		if strings.Contains(strings.ToLower(out), "dddd") {
			t.Fatalf("%v prints a recovery code:\n%s", args, out)
		}
		if !strings.Contains(out, "2 of 4 left") && !strings.Contains(out, `"unused": 2`) {
			t.Fatalf("%v does not count the codes:\n%s", args, out)
		}
	}
	text := e.ok("", "codes", "list", "binance", "--password-file", pw)
	if !strings.Contains(text, "dddd-4444") || !regexp.MustCompile(`aaaa-1111\s+used \d{4}-\d\d-\d\d`).MatchString(text) {
		t.Fatalf("codes list:\n%s", text)
	}

	// --replace swaps the whole set, as a site's "generate new codes" does.
	e.ok("", "codes", "import", "binance", sample("gitlab-recovery-codes.txt"), "--replace", "--password-file", pw)
	if got := e.codes("binance"); len(got) != 10 || got[0].UsedAt != nil {
		t.Fatalf("after --replace: %d codes, first used %v", len(got), got[0].UsedAt)
	}
	e.fails(2, "unknown action", "codes", "print", "binance", "--password-file", pw)
	e.fails(2, "usage: lifeline codes use", "codes", "use", "binance", "--password-file", pw)
}

// The vault folder (and any backup in it) holds the codes only encrypted.
func TestCLICodesEncrypted(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--issuer", "X", "--name", "y", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
	e.ok("", "codes", "add", "x", "qq77-zz88-ww99", "--password-file", pw)
	err := filepath.WalkDir(e.vault, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), "qq77") || strings.Contains(core.NormalizeRecoveryCode(string(b)), "QQ77ZZ88") {
			t.Errorf("%s holds the code in plain text", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An entry that keeps only a site's recovery codes goes through every
// command without a code, a URI or a QR code ever being made of it.
func TestCLICodesOnlyEntry(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "Site")
	e.ok("", "codes", "add", "--new", "Bank:me@example.com", "1111-2222", "3333-4444", "5555-6666", "--password-file", pw)
	e.ok("4444-5555\n6666-7777\n", "codes", "add", "--new", "Forum", "-", "--password-file", pw)
	e.fails(1, "no recovery codes given", "codes", "add", "--new", "Empty", "-", "--password-file", pw)
	e.fails(2, "usage: lifeline codes add --new", "codes", "add", "--new", "Empty", "--password-file", pw)
	e.fails(1, "already saved", "codes", "add", "--new", "Dup", "abcd-1234", "ABCD1234", "--password-file", pw)

	list := e.ok("", "list", "--password-file", pw)
	if !strings.Contains(list, "Bank") || !strings.Contains(list, "codes only") || !strings.Contains(list, "3 of 3 left") {
		t.Fatalf("list:\n%s", list)
	}
	var codesOnly int
	for _, a := range listJSON(t, e, pw) {
		if a["codes_only"] == true {
			codesOnly++
		}
	}
	if codesOnly != 2 {
		t.Fatalf("list --json: %d codes-only entries, want 2", codesOnly)
	}
	e.fails(1, "keeps only recovery codes", "code", "Bank", "--password-file", pw)
	e.fails(1, "keeps only recovery codes", "show", "Bank", "--uri", "--password-file", pw)
	e.fails(1, "keeps only recovery codes", "show", "Bank", "--qr", e.path("bank.png"), "--password-file", pw)
	if _, err := os.Stat(e.path("bank.png")); err == nil {
		t.Fatal("show --qr wrote a QR code of a codes-only entry")
	}
	if out := e.ok("", "show", "Bank", "--password-file", pw); !strings.Contains(out, "recovery codes only") {
		t.Fatalf("show:\n%s", out)
	}

	// Exports to other apps leave the entries out, and say so.
	r := e.run("", "export", "-", "--format", "otpauth", "--password-file", pw)
	if r.code != 0 || strings.Count(r.stdout, "otpauth://") != 1 || strings.Contains(r.stdout, "Bank") ||
		!strings.Contains(r.stderr, "left out Bank:me@example.com: it keeps only recovery codes") {
		t.Fatalf("export otpauth: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = e.run("", "export", "-", "--format", "aegis-plain", "--password-file", pw)
	if r.code != 0 || strings.Contains(r.stdout, "Bank") || strings.Contains(r.stdout, "Forum") || !strings.Contains(r.stdout, "Site") {
		t.Fatalf("export aegis-plain: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	out := e.path("qr")
	if got := e.ok("", "export-qr", "all", "--out", out, "--password-file", pw); strings.Count(got, ".png") != 1 {
		t.Fatalf("export-qr all: %s", got)
	}
	e.fails(1, "keep only recovery codes", "export-qr", "Bank", "--out", e.path("qr2"), "--password-file", pw)
	if got := e.ok("", "export-qr", "all", "--migration", "--out", e.path("qr3"), "--password-file", pw); strings.Count(got, ".png") != 1 {
		t.Fatalf("export-qr --migration: %s", got)
	}
	e.ok("", "kit", e.path("kit.pdf"), "--paper", "--password-file", pw)

	// A backup holds the entries, and a restore preview reads them back.
	backup := e.export("all.age")
	e.ok("", "restore", backup, "--dry-run", "--password-file", pw)

	// Its codes are used and deleted as any others, but not the last one.
	e.ok("", "codes", "use", "Bank", "1", "--password-file", pw)
	e.ok("", "codes", "rm", "Forum", "1", "--password-file", pw)
	e.fails(1, "delete the entry instead", "codes", "rm", "Forum", "1", "--password-file", pw)

	// The check counts the entries, and one with no unused code left is a problem.
	e.ok("", "codes", "use", "Forum", "1", "--password-file", pw)
	r = e.run("", "check", "--password-file", pw)
	if r.code != 1 || !strings.Contains(r.stdout, "Forum: No secret and no unused recovery code") ||
		!strings.Contains(r.stdout, "Ready: 2 of 3 accounts") {
		t.Fatalf("check: %d\n%s", r.code, r.stdout)
	}
}
