package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestCLIPasswdAndRecoveryKey(t *testing.T) {
	e, pw := initEnv(t)
	rk := e.recoveryKeyFile()
	e.ok("", "add", "otpauth://totp/Bank:me?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)

	// The recovery key file unlocks, and the key printed later is the same.
	e.ok("", "list", "--recovery-key-file", rk)
	key, _ := os.ReadFile(rk)
	if got := e.ok("", "recovery-key", "--password-file", pw); got != string(key) {
		t.Fatalf("recovery-key printed %q, created %q", got, key)
	}
	// A typo in one group is caught by the checksum.
	typo := []byte(strings.TrimSpace(string(key)))
	typo[0] = map[bool]byte{true: 'A', false: 'B'}[typo[0] != 'A']
	e.fails(1, "typo", "list", "--recovery-key-file", e.write("typo", string(typo)))

	// --age gives an identity the standard age tool opens the vault with.
	id := e.write("id.txt", e.ok("", "recovery-key", "--age", "--password-file", pw))
	if !strings.HasPrefix(e.ok("", "recovery-key", "--age", "--password-file", pw), "AGE-SECRET-KEY-1") {
		t.Fatal("--age did not print an age identity")
	}
	// --age --out says the file holds the age form, not the recovery key.
	ageOut := e.path("age-id.txt")
	r := e.run("", "recovery-key", "--age", "--out", ageOut, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "age identity (AGE-SECRET-KEY-1…) is in "+ageOut) || strings.Contains(r.stderr, "The recovery key is in") {
		t.Fatalf("recovery-key --age --out: %d %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(ageOut); err != nil || !strings.HasPrefix(string(b), "AGE-SECRET-KEY-1") {
		t.Fatalf("--age --out wrote %q (%v)", b, err)
	}
	age := testkit.NeedTool(t, "age")
	plain, err := exec.Command(age, "-d", "-i", id, filepath.Join(e.vault, "vault.age")).Output()
	if err != nil || !strings.Contains(string(plain), `"issuer":"Bank"`) {
		t.Fatalf("age -d: %v\n%s", err, plain)
	}

	// passwd: the old password stops working, the new one works.
	e.ok("", "passwd", "--new-password-file", e.write("pw2", "a much better passphrase\n"), "--password-file", pw)
	e.fails(1, "wrong password", "list", "--password-file", pw)
	e.ok("", "list", "--password-file", e.path("pw2"))

	// Rotation: the old key no longer opens the vault, the new one does,
	// and the person is told about old backups.
	r = e.run("", "recovery-key", "--rotate", "--password-file", e.path("pw2"))
	if r.code != 0 || !strings.Contains(r.stderr, "OLD key") || !strings.Contains(r.stderr, "lifeline kit") {
		t.Fatalf("rotate: %d %s", r.code, r.stderr)
	}
	e.fails(1, "recovery key", "list", "--recovery-key-file", rk)
	e.ok("", "list", "--recovery-key-file", e.write("rk2", r.stdout))
	// Showing the key needs the password even where the keyring would do.
	e.fails(1, "no terminal", "recovery-key")
}

// `--recovery-key-qr IMAGE` reads the key from a picture of the kit's QR
// code, as the window's "Scan the kit's QR code" does: a fresh-device
// restore with it keeps the key (the kit stays valid, none is asked for)
// and writes its first, verified backup at once. A picture of something
// else, or both ways of giving the key, fail before anything is made.
func TestCLIRecoveryKeyQR(t *testing.T) {
	e, _ := initEnv(t)
	e.addSome(2, "Qr")
	b := e.export("b.age")
	text, err := os.ReadFile(e.recoveryKeyFile())
	if err != nil {
		t.Fatal(err)
	}
	rk, err := vault.ParseRecoveryKey(string(text))
	if err != nil {
		t.Fatal(err)
	}
	png, err := qr.PNG(kit.KeyQRText(rk))
	if err != nil {
		t.Fatal(err)
	}
	photo := e.write("kit-photo.png", string(png))
	web, err := qr.PNG("https://example.com/")
	if err != nil {
		t.Fatal(err)
	}

	n := newEnv(t)
	n.fails(1, "no Lifeline recovery key in the QR codes of", "restore", b, "--recovery-key-qr", e.write("web.png", string(web)), "--password-file", n.path("pw"), "--no-keyring")
	n.fails(2, "cannot be combined", "restore", b, "--recovery-key-qr", photo, "--recovery-key-file", e.recoveryKeyFile(), "--password-file", n.path("pw"))
	if _, err := os.Stat(n.vault); err == nil {
		t.Fatal("a failed restore created the vault folder")
	}
	r := n.run("", "restore", b, "--recovery-key-qr", photo, "--password-file", n.path("pw"), "--no-keyring")
	if r.code != 0 || !strings.Contains(r.stderr, "recovery key is unchanged") {
		t.Fatalf("restore --recovery-key-qr: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := n.ok("", "list", "--recovery-key-qr", photo); strings.Count(got, "Qr") != 2 {
		t.Fatalf("list --recovery-key-qr:\n%s", got)
	}
	if st := n.ok("", "backup", "status", "--password-file", n.path("pw")); !strings.Contains(st, "verified") {
		t.Errorf("backup status right after the restore:\n%s", st)
	}
	v, err := vault.OpenRecoveryKey(n.vault, rk)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Drop()
	if s := kit.Check(v); s.NeedsKit() {
		t.Errorf("after restoring with the kit's key: %q, want no new kit asked for", s)
	}
}

// The kit's PDF file, as `lifeline kit` saved it, is enough on a new
// computer: `restore --recovery-key-qr kit.pdf` reads the key from the
// PDF's own QR code, and `scan` finds the key there without printing it
// (and adds nothing: the key is no account).
func TestCLIRecoveryKeyFromKitPDF(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(2, "Pdf")
	b := e.export("b.age")
	pdf := e.path("kit.pdf")
	e.ok("", "kit", pdf, "--password-file", pw)
	key, err := os.ReadFile(e.recoveryKeyFile())
	if err != nil {
		t.Fatal(err)
	}
	r := e.run("", "scan", pdf, "--dry-run", "--password-file", pw)
	if r.code != 1 || !strings.Contains(r.stderr, "recovery key was found") || !strings.Contains(r.stderr, "nothing was added") || strings.Contains(r.stdout+r.stderr, strings.TrimSpace(string(key))) {
		t.Fatalf("scan of the kit PDF: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	n := newEnv(t)
	r = n.run("", "restore", b, "--recovery-key-qr", pdf, "--password-file", n.path("pw"), "--no-keyring")
	if r.code != 0 {
		t.Fatalf("restore --recovery-key-qr kit.pdf: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := n.ok("", "list", "--recovery-key-qr", pdf); strings.Count(got, "Pdf") != 2 {
		t.Fatalf("list --recovery-key-qr kit.pdf:\n%s", got)
	}

	// So does a scan of the printed kit's first page: a PDF of a picture,
	// made by poppler and img2pdf.
	scan := e.path("scan.pdf")
	testkit.Run(t, "", testkit.NeedTool(t, "pdftoppm"), "-r", "150", "-jpeg", "-f", "1", "-l", "1", pdf, e.path("page"))
	testkit.Run(t, "", testkit.NeedTool(t, "img2pdf"), e.path("page-1.jpg"), "-o", scan)
	s := newEnv(t)
	if r := s.run("", "restore", b, "--recovery-key-qr", scan, "--password-file", s.path("pw"), "--no-keyring"); r.code != 0 {
		t.Fatalf("restore --recovery-key-qr scan.pdf: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := s.ok("", "list", "--recovery-key-qr", scan); strings.Count(got, "Pdf") != 2 {
		t.Fatalf("list --recovery-key-qr scan.pdf:\n%s", got)
	}

	// The paper backup's pages give back the accounts themselves: the
	// same codes as in the vault they were printed from.
	paper := e.path("paper.pdf")
	e.ok("", "kit", paper, "--paper", "--password-file", pw)
	m, mpw := initEnv(t)
	if out := m.ok("", "scan", paper, "--password-file", mpw); strings.Count(out, "Pdf") != 2 {
		t.Fatalf("scan of the paper backup:\n%s", out)
	}
	for _, l := range e.listLabels() {
		got := m.ok("", "code", l, "--at", "1700000000", "--password-file", mpw)
		if want := e.ok("", "code", l, "--at", "1700000000", "--password-file", pw); got != want {
			t.Errorf("%s after scanning the paper backup: code %s, want %s", l, got, want)
		}
	}
}
