package cli

import (
	"os"
	"strings"
	"testing"
)

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
