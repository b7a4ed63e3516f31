//go:build !windows

package cli

import (
	"encoding/hex"
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

func (e *env) qrencode(name, text string) string {
	e.t.Helper()
	p := e.path(name)
	if out, err := exec.Command(testkit.NeedTool(e.t, "qrencode"), "-s", "5", "-o", p, text).CombinedOutput(); err != nil {
		e.t.Fatalf("qrencode: %v\n%s", err, out)
	}
	return p
}

func (e *env) listLabels() []string {
	e.t.Helper()
	var labels []string
	for _, l := range strings.Split(strings.TrimSpace(e.ok("", "list", "--password-file", e.path("pw"))), "\n")[1:] {
		f := strings.Fields(l)
		labels = append(labels, f[0]+":"+f[1])
	}
	slices.Sort(labels)
	return labels
}

func TestCLIScanAddsWhatItFinds(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
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
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
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

// TestCLIExportQRInterop exports accounts as QR codes, reads them with
// zbarimg, scans them into a fresh vault and compares the codes with
// oathtool's.
func TestCLIExportQRInterop(t *testing.T) {
	oath := testkit.NeedTool(t, "oathtool")
	zbar := testkit.NeedTool(t, "zbarimg")
	src := newEnv(t)
	src.init()
	pw := src.path("pw")
	secret := core.Secret("12345678901234567890")
	hexKey := hex.EncodeToString(secret)
	accounts := []struct {
		uri, label string
		oathArgs   []string // nil: not comparable (Steam)
	}{
		{"otpauth://totp/RFC:sha1?secret=" + rfcSecret + "&issuer=RFC", "RFC:sha1", []string{"--totp"}},
		{"otpauth://totp/Big:sha256?secret=" + rfcSecret + "&algorithm=SHA256&digits=8", "Big:sha256", []string{"--totp=sha256", "--digits=8"}},
		{"otpauth://hotp/Ctr:h?secret=" + rfcSecret + "&counter=7", "Ctr:h", []string{"--hotp", "-c", "7"}},
		{"otpauth://totp/Slow:p60?secret=" + rfcSecret + "&period=60", "Slow:p60", []string{"--totp", "--time-step-size=60s"}},
		{"otpauth://totp/Steam:s?secret=" + rfcSecret + "&issuer=Steam&encoder=steam", "Steam:s", nil},
	}
	for _, a := range accounts {
		src.ok("", "add", a.uri, "--password-file", pw)
	}
	const at = "1234567890"
	for _, mode := range []string{"single", "migration"} {
		t.Run(mode, func(t *testing.T) {
			out := src.path("qr-" + mode)
			args := []string{"export-qr", "all", "--out", out, "--password-file", pw}
			if mode == "migration" {
				args = append(args, "--migration")
			}
			r := src.run("", args...)
			if r.code != 0 {
				t.Fatalf("export-qr: exit %d\n%s", r.code, r.stderr)
			}
			files := strings.Fields(r.stdout)
			if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o700 {
				t.Errorf("folder mode %v %v, want 0700", st.Mode().Perm(), err)
			}
			var read []string
			for _, f := range files {
				if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("%s mode %v %v, want 0600", f, st.Mode().Perm(), err)
				}
				z, err := exec.Command(zbar, "-q", "--raw", f).Output()
				if err != nil {
					t.Fatalf("zbarimg %s: %v", f, err)
				}
				read = append(read, strings.TrimSpace(string(z)))
			}
			var wantURIs []string
			if mode == "single" {
				for _, a := range accounts {
					wantURIs = append(wantURIs, strings.TrimSpace(src.ok("", "show", a.label, "--uri", "--password-file", pw)))
				}
			} else {
				for _, a := range accounts[3:] { // the 60-second and the Steam account travel alone
					wantURIs = append(wantURIs, strings.TrimSpace(src.ok("", "show", a.label, "--uri", "--password-file", pw)))
				}
				if len(read) != 3 || !strings.HasPrefix(read[0], "otpauth-migration://offline?data=") {
					t.Fatalf("zbarimg read %q", read)
				}
				read = read[1:]
				for _, want := range []string{"Slow:p60 cannot travel in a Google Authenticator export (a 60-second period", "Steam:s cannot travel", "Wrote 3 QR codes for 5 accounts"} {
					if !strings.Contains(r.stderr, want) {
						t.Errorf("stderr %q lacks %q", r.stderr, want)
					}
				}
			}
			if !slices.Equal(read, wantURIs) {
				t.Errorf("zbarimg read\n%q\nwant\n%q", read, wantURIs)
			}

			dst := newEnv(t)
			dst.init()
			dst.ok("", append([]string{"scan", "--password-file", dst.path("pw")}, files...)...)
			for _, a := range accounts {
				got := dst.ok("", "code", a.label, "--at", at, "--password-file", dst.path("pw"))
				var want string
				if a.oathArgs == nil {
					want = src.ok("", "code", a.label, "--at", at, "--password-file", pw)
				} else {
					o, err := exec.Command(oath, append(a.oathArgs, "-N", "@"+at, hexKey)...).Output()
					if err != nil {
						t.Fatalf("oathtool: %v", err)
					}
					want = string(o)
				}
				if got != want {
					t.Errorf("%s: code %q after the round trip, want %q", a.label, got, want)
				}
			}
		})
	}
	src.fails(1, "file already exists", "export-qr", "RFC", "--out", src.path("qr-single"), "--password-file", pw)
	src.fails(2, "matches 2 accounts", "export-qr", "sha", "--out", src.path("x"), "--password-file", pw)
	src.fails(2, "usage: lifeline export-qr", "export-qr", "all", "--password-file", pw)
}
