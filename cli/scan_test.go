package cli

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// Images here are drawn by qrencode and composed by ImageMagick; what we
// write is read back by zbarimg and checked against oathtool.

func TestCLIScanAddsWhatItFinds(t *testing.T) {
	e, pw := initEnv(t)
	totp := e.qrencode("totp.png", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
	hotp := e.qrencode("hotp.png", "otpauth://hotp/Bank:bob?secret="+rfcSecret+"&counter=3")
	steam := e.qrencode("steam.png", "otpauth://totp/Steam:gamer?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam&encoder=steam")
	url := e.qrencode("url.png", "https://example.com/?token=hunter2")
	grid := e.path("grid.jpg")
	testkit.NeedTool(t, "montage")
	if out, err := exec.Command("montage", hotp, steam, url, "-tile", "3x1", "-geometry", "+30+30", e.path("grid.png")).CombinedOutput(); err != nil {
		t.Fatalf("montage: %v\n%s", err, out)
	}
	if out, err := exec.Command("convert", e.path("grid.png"), "-rotate", "10", "-quality", "60", grid).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, out)
	}

	before := e.snapshot()
	dry := e.ok("", "scan", totp, "--dry-run")
	e.unchanged(before)
	if want := totp + ": TOTP GitHub:alice\n"; dry != want {
		t.Errorf("dry run printed %q, want %q", dry, want)
	}

	r := e.run("", "scan", totp, grid, "--password-file", pw)
	if r.code != 0 {
		t.Fatalf("scan: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	slices.Sort(lines[1:]) // the grid's codes come in the order the reader found them
	want := []string{
		totp + ": TOTP GitHub:alice",
		grid + ": HOTP Bank:bob",
		grid + ": Steam Steam:gamer",
		grid + ": other: a web address",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("scan printed\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(r.stdout+r.stderr, "hunter2") {
		t.Error("the URL's content was echoed")
	}
	if got, want := e.listLabels(), []string{"Bank:bob", "GitHub:alice", "Steam:gamer"}; !slices.Equal(got, want) {
		t.Errorf("vault holds %q, want %q", got, want)
	}
	if got := e.ok("", "code", "Bank", "--password-file", pw); got != "969429\n" { // RFC 4226, counter 3
		t.Errorf("HOTP code %q", got)
	}

	// Scanning again adds nothing and says why.
	r = e.fails(1, "nothing was added", "scan", totp, "--password-file", pw)
	if !strings.Contains(r.stderr, "skipped GitHub:alice: already in the vault") {
		t.Errorf("stderr %q", r.stderr)
	}
}

func TestCLIScanRefuses(t *testing.T) {
	e := newEnv(t)
	rk := e.init()
	before := e.snapshot()
	key, err := os.ReadFile(rk)
	if err != nil {
		t.Fatal(err)
	}
	rkPNG := e.qrencode("rk.png", strings.TrimSpace(string(key)))
	good := e.qrencode("good.png", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP")
	broken := e.qrencode("broken.png", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&digits=12")
	blank := e.path("blank.png")
	if out, err := exec.Command("convert", "-size", "200x200", "xc:white", blank).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, out)
	}
	notImage := e.write("notes.txt", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP")

	r := e.fails(1, "no account in the QR codes", "scan", rkPNG, "--password-file", e.path("pw"))
	if r.stdout != rkPNG+": recovery key\n" || !strings.Contains(r.stderr, "recovery key was found; it was not printed") {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	if k := strings.TrimSpace(string(key)); strings.Contains(r.stdout+r.stderr, k[len(k)-9:]) {
		t.Error("the recovery key was echoed")
	}
	e.fails(1, "1 of the QR codes cannot be used", "scan", good, broken, "--password-file", e.path("pw"))
	e.fails(1, blank+": no QR code found", "scan", good, blank, "--password-file", e.path("pw"))
	e.fails(1, "not an image Lifeline can read", "scan", good, notImage, "--password-file", e.path("pw"))
	e.fails(2, "usage: lifeline scan", "scan")
	e.fails(2, "usage: lifeline scan", "scan", good, "--screen")
	e.unchanged(before)
}

// A Google Authenticator export of 25 accounts in three codes, scanned
// last first across two runs: all accounts, none twice.
func TestCLIScanMigrationBatches(t *testing.T) {
	e, pw := initEnv(t)
	var accs []core.Account
	for i := range 25 {
		a := core.Account{Type: core.TOTP, Issuer: fmt.Sprintf("Site%02d", i), Name: "me", Secret: core.Secret(fmt.Sprintf("secret number %02d!!", i))}
		a.Defaults()
		accs = append(accs, a)
	}
	uris, _, err := core.FormatMigrationURIs(accs, 4242)
	if err != nil {
		t.Fatal(err)
	}
	b1, b2, b3 := e.qrencode("b1.png", uris[0]), e.qrencode("b2.png", uris[1]), e.qrencode("b3.png", uris[2])

	r := e.run("", "scan", b3, b1, b3, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "2 of 3 scanned; batch 2 missing") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if want := b3 + ": migration batch 3 of 3 (5 accounts)\n" + b1 + ": migration batch 1 of 3 (10 accounts)\n" +
		b3 + ": migration batch 3 of 3 (5 accounts)\n"; r.stdout != want {
		t.Errorf("stdout %q, want %q", r.stdout, want)
	}
	if n := len(e.listLabels()); n != 15 {
		t.Errorf("%d accounts after two batches, want 15", n)
	}
	// The missing batch later, with one already added: 10 more, 10 skipped.
	r = e.run("", "scan", b2, b1, "--password-file", pw)
	if r.code != 0 || strings.Count(r.stderr, "already in the vault") != 10 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var want []string
	for _, a := range accs {
		want = append(want, a.Label())
	}
	if got := e.listLabels(); !slices.Equal(got, want) {
		t.Errorf("vault holds %d accounts %q, want the 25", len(got), got)
	}
}
