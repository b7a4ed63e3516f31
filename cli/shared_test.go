//go:build !windows

package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestCLISetupLinks: add takes every kind of link core counts as one
// (core.ParseSetupLink), and refuses anything else in core's words.
func TestCLISetupLinks(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	e.ok("", "add", "motp://Corp:alice?secret=e3152afee62599c8&issuer=Corp&pin=1234", "--password-file", pw)
	e.ok("# from Aegis\n  MOTP:/Lab%3Abob?secret=e3152afee62599c9&issuer=Lab&pin=1234 \n", "add", "-", "--password-file", pw)
	show := e.ok("", "show", "lab", "--password-file", pw)
	if !strings.Contains(show, "mOTP") {
		t.Errorf("the motp:/ link did not make an mOTP account:\n%s", show)
	}
	e.fails(1, "URI 1: not a setup link (otpauth://, otpauth-migration:// or motp://)", "add", "https://example.com/?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
}

// sparse makes a file of size bytes without writing them.
func (e *env) sparse(name string, size int64) string {
	e.t.Helper()
	p := e.write(name, "")
	if err := os.Truncate(p, size); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// TestCLIInputLimits: each kind of input has the limit and the words the
// window has too (backup/limits.go). The CLI used to read backups and
// exports up to 256 MiB, and codes files without a limit.
func TestCLIInputLimits(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	e.ok("", "add", "--issuer", "X", "--name", "y", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
	before := e.snapshot()
	big := e.sparse("big.age", 64<<20+1)
	e.fails(1, "cannot read the backup: the file "+big+" is over 64 MiB: too large to be a Lifeline backup; check that it is the right file",
		"restore", big, "--password-file", pw)
	e.fails(1, "the file "+big+" is over 64 MiB: too large to be another app's export",
		"import", big, "--password-file", pw)
	codes := e.sparse("codes.txt", 1<<20+1)
	e.fails(1, "the file "+codes+" is over 1 MiB: too large to be a list of recovery codes",
		"codes", "import", "x", codes, "--password-file", pw)
	r := e.run(strings.Repeat("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n", 1<<20/40), "add", "-", "--password-file", pw)
	if r.code != 1 || !strings.Contains(r.stderr, "standard input is over 1 MiB: too large to be a list of setup links") {
		t.Errorf("add - of over 1 MiB: exit %d, %s", r.code, r.stderr)
	}
	e.unchanged(before)
	// At the limit is fine: a 64 MiB file is read, and found not a backup.
	e.fails(1, "not a Lifeline backup", "restore", e.sparse("edge.age", 64<<20), "--password-file", pw)
}

// TestCLIShowQRNeverOverwrites: show --qr writes through the same path as
// export-qr, which never writes over an old code (a stale secret).
func TestCLIShowQRNeverOverwrites(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	e.ok("", "add", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	old := e.write("gh.png", "an old code")
	r := e.fails(1, "already exists", "show", "github", "--qr", old, "--password-file", pw)
	if !strings.Contains(r.stderr, "hint: name a new file") {
		t.Errorf("no hint: %s", r.stderr)
	}
	if b, _ := os.ReadFile(old); !bytes.Equal(b, []byte("an old code")) {
		t.Fatal("the old file was written over")
	}
	png := e.path("new.png")
	e.ok("", "show", "github", "--qr", png, "--password-file", pw)
	if b, err := os.ReadFile(png); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("no PNG written: %v", err)
	}
}
