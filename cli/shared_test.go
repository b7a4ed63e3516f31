package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
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

// The limits of core/limits.go, as a person meets them on the command
// line (issue 13): each input over one is refused in words that say what
// was wrong and what to do, fast, and the vault is byte-for-byte as it was.

// codeLines is n distinct recovery codes, one per line.
func codeLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%05x-%05x\n", i, i*7)
	}
	return b.String()
}

// The budget of every input: 2 s of processor time and 300 MB of memory
// on this 2-core machine. Processor time, not the clock: the tests share
// the machine with others. Under the race detector, which makes programs
// slower and larger by up to about ten times (its documentation), the
// budget is scaled by raceScale (race_test.go).
const (
	cpuBudget = 2 * time.Second
	memBudget = 300 << 20
)

var raceScale int64 = 1

// timed runs a command that must fail with want within the budget.
func (e *env) timed(code int, want string, args ...string) {
	e.t.Helper()
	e.withinBudget(e.fails(code, want, args...), args)
}

func (e *env) withinBudget(r result, args []string) {
	e.t.Helper()
	start := startCost(e)
	if r.cpu-start > time.Duration(raceScale)*cpuBudget || r.maxRSS > raceScale*memBudget {
		e.t.Errorf("lifeline %.80s… took %v (%v of it starting any command) and %d MB, over the budget of %v and %d MB (×%d)",
			strings.Join(args, " "), r.cpu, start, r.maxRSS>>20, cpuBudget, memBudget>>20, raceScale)
	}
}

var startOnce struct {
	sync.Once
	cpu time.Duration
}

// startCost is the processor time of `lifeline version`, which does nothing:
// what every command costs before it reads any input. It is a few
// milliseconds on Linux; under Wine, which counts its own start-up in the
// process, it is seconds, and the budget is for what the input costs.
func startCost(e *env) time.Duration {
	startOnce.Do(func() { startOnce.cpu = e.run("", "version").cpu })
	return startOnce.cpu
}

func TestCLICodesLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--issuer", "GitHub", "--name", "alice", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
	e.ok("", "codes", "import", "GitHub", e.write("ten.txt", codeLines(10)), "--password-file", pw)
	before := e.snapshot()
	// Just under 1 MiB of codes: read, parsed, and refused by their number.
	many := e.write("many.txt", codeLines(1<<20/12))
	e.timed(1, "recovery codes: 87381 given, at most 100 per account are kept; no site hands out that many: this is not a list of recovery codes",
		"codes", "import", "GitHub", many, "--password-file", pw)
	e.unchanged(before)
	e.fails(1, "recovery codes: 101 given, at most 100 per account are kept; 10 are saved already and 91 were given",
		"codes", "import", "GitHub", e.write("more.txt", codeLines(101)[len(codeLines(10)):]), "--password-file", pw)
	e.unchanged(before)
	long := strings.Repeat("ab12", 20)
	e.fails(2, "argument 3 does not look like a recovery code", "codes", "add", "GitHub", "abcd-1234", long, "--password-file", pw)
	r := e.run(codeLines(200), "codes", "add", "GitHub", "-", "--password-file", pw)
	if r.code != 1 || !strings.Contains(r.stderr, "recovery codes: 200 given, at most 100 per account") {
		t.Errorf("codes add - of 200: exit %d\n%s", r.code, r.stderr)
	}
	e.unchanged(before)
	// Replacing them all with the site's new list makes room again.
	e.ok("", "codes", "import", "GitHub", e.write("hundred.txt", codeLines(100)), "--replace", "--password-file", pw)
	if n := len(e.codes("GitHub")); n != core.MaxRecoveryCodes {
		t.Fatalf("%d codes after --replace, want %d", n, core.MaxRecoveryCodes)
	}
}

func TestCLIAddEditLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--issuer", "GitHub", "--name", "alice", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
	before := e.snapshot()
	long := strings.Repeat("x", core.MaxLabelLen+1)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"issuer flag", []string{"add", "--issuer", long, "--name", "bob", "--secret", "KRSXG5CT"}, "issuer: 257 characters given, at most 256 characters are kept; shorten it"},
		{"name in a link", []string{"add", "otpauth://totp/Site:" + long + "?secret=KRSXG5CT"}, "name: 257 characters given"},
		{"long secret", []string{"add", "otpauth://totp/Site:bob?secret=" + strings.Repeat("A", 1700)}, "secret: 1062 bytes given, at most 1024 bytes are kept"},
		{"edit note", []string{"edit", "GitHub", "--note", strings.Repeat("n", core.MaxNoteBytes+1)}, "note: 10241 bytes given, at most 10240 bytes are kept; shorten the note"},
		{"edit group", []string{"edit", "GitHub", "--group", long}, "group 1: 257 characters given"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.timed(1, c.want, append(c.args, "--password-file", pw)...)
			e.unchanged(before)
		})
	}
	// At the limits is fine.
	e.ok("", "edit", "GitHub", "--note", strings.Repeat("n", core.MaxNoteBytes), "--password-file", pw)
}

func TestCLIScanLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "Keep")
	before := e.snapshot()
	png := e.qrencode("long.png", "otpauth://totp/"+strings.Repeat("i", 300)+":bob?secret=JBSWY3DPEHPK3PXP")
	e.timed(1, "issuer: 300 characters given, at most 256 characters are kept", "scan", png, "--password-file", pw)
	e.unchanged(before)
}

func TestCLIImportLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "Keep")
	before := e.snapshot()
	// One account over a limit is skipped, saying why; with nothing else
	// in the file, nothing changes.
	one := e.write("one.txt", "otpauth://totp/Site:bob?secret=JBSWY3DPEHPK3PXP&issuer="+strings.Repeat("i", 300)+"\n")
	r := e.run("", "import", one, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "issuer: 300 characters given, at most 256 characters are kept") {
		t.Errorf("import of an over-limit account: exit %d\n%s", r.code, r.stderr)
	}
	e.unchanged(before)
	// A file of more accounts than a vault holds is refused whole.
	var b strings.Builder
	for i := range core.MaxAccounts + 1 {
		fmt.Fprintf(&b, "otpauth://totp/S:%d?secret=JBSWY3DPEHPK3PXP\n", i)
	}
	e.timed(1, "accounts: 100001 given, at most 100000 per vault are kept", "import", e.write("many.txt", b.String()), "--password-file", pw)
	e.unchanged(before)
}

// A backup whose account is over a limit is restored without it: the
// preview shows it invalid, and why.
func TestCLIRestoreLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(2, "GitHub")
	exported := e.export("b.age") // the vault records where (the kit names it)
	before := e.snapshot()
	forged := e.forge(exported, "forged.age", func(d *vault.Document) {
		big := &d.Accounts[1]
		big.Updated = big.Updated.Add(time.Minute)
		for i := range 2_000 {
			big.RecoveryCodes = append(big.RecoveryCodes, core.RecoveryCode{Code: core.Sensitive(fmt.Sprintf("code-%05d", i))})
		}
	})
	r := e.run("", "restore", forged, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stdout, "recovery codes: 2000 given, at most 100 per account are kept") {
		t.Errorf("restore: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	e.unchanged(before)
	f := newEnv(t)
	out := f.ok("", "restore", forged, "--recovery-key-file", e.recoveryKeyFile(), "--password-file", f.path("pw"), "--no-keyring")
	if !strings.Contains(out, "recovery codes: 2000 given") {
		t.Errorf("fresh restore preview:\n%s", out)
	}
	if got := strings.Join(f.listLabels(), ","); got != "GitHub:ua" {
		t.Errorf("the new vault holds %s, want only the account under the limits", got)
	}
}

// The secret files are bounded too: /dev/zero used to be read to 1.6 GB.
func TestCLISecretFileLimits(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "GitHub")
	e.ok("", "codes", "import", "GitHub", e.write("c.txt", codeLines(3)), "--password-file", pw)
	exported := e.export("b.age") // the vault records where (the kit names it)
	before := e.snapshot()
	e.timed(1, "cannot read the password file: the file /dev/zero is over 64 KiB: too large to be a password or a key; check that it is the right file",
		"list", "--password-file", "/dev/zero")
	e.timed(1, "cannot read the recovery key file: the file /dev/zero is over 64 KiB", "list", "--recovery-key-file", "/dev/zero")
	e.timed(1, "cannot read the key file: the file /dev/zero is over 1 MiB: too large to be a key file",
		"restore", exported, "--identity", "/dev/zero", "--password-file", pw)
	// An over-long line on standard input is an error, never cut short.
	over := strings.Repeat("p", 64<<10+1)
	r := e.run(over+"\n", "list", "--password-file", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "standard input is over 64 KiB: too large to be a password or a key") {
		t.Errorf("--password-file - of 64 KiB+1: exit %d\n%s", r.code, r.stderr)
	}
	r = e.run(over, "codes", "use", "GitHub", "-", "--password-file", pw)
	if r.code != 1 || !strings.Contains(r.stderr, "cannot read the code from stdin: standard input is over 64 KiB") {
		t.Errorf("codes use - of 64 KiB+1: exit %d\n%s", r.code, r.stderr)
	}
	e.unchanged(before)
}
