package cli

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// kitAccounts are added by URI: every parameter oathtool can check, and
// names in Cyrillic, Greek and accented Latin.
var kitAccounts = []struct {
	issuer, name, query string
	params              string // otpauth query after the secret
	oath                []string
}{
	{"GitHub", "octocat", "github", "&digits=6", []string{"--totp=sha1"}},
	{"Почта", "иван@пример.рф", "почта", "&algorithm=SHA256&digits=8", []string{"--totp=sha256", "--digits=8"}},
	{"Ελληνικά", "Zoë Müller", "ελληνικά", "&algorithm=SHA512&period=60", []string{"--totp=sha512", "--time-step-size=60s"}},
	{"Counter", "bob", "counter", "&counter=7", []string{"--hotp", "-c", "7"}},
}

const kitSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// The whole point of the kit: print it, lose the computer, and get back in
// with nothing but the paper. The recovery key's QR code, read back by
// zbarimg and by Lifeline's own QR reader, restores a backup onto a fresh
// vault; the paper backup's QR codes re-create every account with codes
// equal to oathtool's; and the text carries every name and unused code.
func TestCLIKitRoundTrip(t *testing.T) {
	oathtool := testkit.NeedTool(t, "oathtool")
	e, pw := initEnv(t)
	rkFile := e.recoveryKeyFile()
	for i, a := range kitAccounts {
		typ := "totp"
		if strings.Contains(a.params, "counter") {
			typ = "hotp"
		}
		secret := kitSecret[:len(kitSecret)-8] + fmt.Sprintf("%c", 'A'+i) + kitSecret[len(kitSecret)-7:]
		uri := fmt.Sprintf("otpauth://%s/%s:%s?secret=%s&issuer=%s%s", typ, url.PathEscape(a.issuer), url.PathEscape(a.name), secret, url.QueryEscape(a.issuer), a.params)
		e.ok("", "add", uri, "--password-file", pw)
	}
	e.ok("", "codes", "import", "github", sample("github-recovery-codes.txt"), "--password-file", pw)
	e.ok("", "codes", "import", "почта", sample("Backup-codes-alice.example.txt"), "--password-file", pw)
	e.ok("", "codes", "use", "github", "1", "--password-file", pw)

	pdf := e.path("kit.pdf")
	r := e.run("", "kit", pdf, "--paper", "--page", "letter", "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, kit.PaperWarning) {
		t.Fatalf("kit --paper: exit %d, and the paper warning must be shown:\n%s", r.code, r.stderr)
	}
	if st, err := os.Stat(pdf); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("kit file: %v, mode %v; want 0600", err, st.Mode())
	}
	pages := renderPDF(t, pdf)

	// The recovery key's QR code, by two readers, restores a backup.
	zbarKey, ownKey := readQR(t, pages[0])
	if len(zbarKey) != 1 || len(ownKey) != 1 || zbarKey[0] != ownKey[0] {
		t.Fatalf("page 1: zbarimg read %d codes, Lifeline %d; want the same single key", len(zbarKey), len(ownKey))
	}
	want, _ := os.ReadFile(rkFile)
	if k, err := vault.ParseRecoveryKey(zbarKey[0]); err != nil || k.Reveal() != strings.TrimSpace(string(want)) {
		t.Fatalf("the QR code's key is not the vault's: %v", err)
	}
	scanned := e.write("scanned-key.txt", zbarKey[0]+"\n")
	if out := e.ok("", "list", "--recovery-key-file", scanned); !strings.Contains(out, "Ελληνικά") {
		t.Fatalf("the scanned key did not open the vault:\n%s", out)
	}
	backupFile := e.export("backup.age")
	fresh := newEnv(t)
	fresh.ok("", "restore", backupFile, "--recovery-key-file", scanned, "--password-file", fresh.path("pw"), "--no-keyring")
	if got := fresh.codes("github"); len(got) != 16 || got[0].UsedAt == nil {
		t.Fatalf("restored vault: %d GitHub codes (first used: %v), want 16 with the first used", len(got), got[0].UsedAt)
	}

	// The paper backup's QR codes re-create every account in a new vault.
	var uris []string
	for _, p := range pages[2:] {
		z, own := readQR(t, p)
		sort.Strings(z)
		sort.Strings(own)
		if strings.Join(z, "\n") != strings.Join(own, "\n") {
			t.Fatalf("%s: zbarimg and Lifeline read different codes", filepath.Base(p))
		}
		uris = append(uris, z...)
	}
	if len(uris) != len(kitAccounts) {
		t.Fatalf("paper backup: %d QR codes, want %d", len(uris), len(kitAccounts))
	}
	paper := newEnv(t)
	paper.init()
	paper.ok(strings.Join(uris, "\n")+"\n", "add", "-", "--password-file", paper.path("pw"))
	for i, a := range kitAccounts {
		secret := kitSecret[:len(kitSecret)-8] + fmt.Sprintf("%c", 'A'+i) + kitSecret[len(kitSecret)-7:]
		args := append(append([]string{}, a.oath...), "-b", "-N", "@1700000000", secret)
		out, err := exec.Command(oathtool, args...).Output()
		if err != nil {
			t.Fatalf("oathtool %v: %v", a.oath, err)
		}
		got := paper.ok("", "code", a.query, "--at", "1700000000", "--password-file", paper.path("pw"))
		if got != string(out) {
			t.Fatalf("%s from paper: code %q, oathtool %q", a.issuer, got, out)
		}
	}

	// The text: every issuer, name and unused code, in their own scripts.
	text := testkit.PDFText(t, pdf)
	for _, a := range kitAccounts {
		for _, s := range []string{a.issuer, a.name} {
			if !strings.Contains(text, s) {
				t.Errorf("the kit's text lacks %q", s)
			}
		}
	}
	for _, q := range []string{"github", "почта"} {
		for _, c := range e.codes(q) {
			if !strings.Contains(text, c.Code) {
				t.Errorf("the kit's text lacks the code %q", c.Code)
			}
		}
	}

	// The vault now knows a kit exists for its recovery key.
	v, err := vault.OpenPassword(e.vault, testkit.Password)
	if err != nil {
		t.Fatal(err)
	}
	if s := kit.Check(v); s != kit.Current {
		t.Fatalf("after `kit`: %q, want the kit current", s)
	}
}

// A sheet for one account needs no password, prints no recovery key and
// is not recorded as the vault's kit.
func TestCLIKitAccountSheet(t *testing.T) {
	e, pw := initEnv(t)
	rkFile := e.recoveryKeyFile()
	e.ok("", "add", "otpauth://totp/GitHub:octocat?secret="+kitSecret, "--password-file", pw)
	e.ok("", "add", "otpauth://totp/GitLab:bob?secret="+kitSecret[:16], "--password-file", pw)
	e.ok("", "codes", "import", "gitlab", sample("gitlab-recovery-codes.txt"), "--password-file", pw)
	before, _ := os.ReadFile(filepath.Join(e.vault, vault.VaultFile))
	pdf := e.path("sheet.pdf")
	e.ok("", "kit", pdf, "--account", "gitlab", "--password-file", pw)
	after, _ := os.ReadFile(filepath.Join(e.vault, vault.VaultFile))
	if !bytes.Equal(before, after) {
		t.Fatal("a one-account sheet changed the vault")
	}
	text := testkit.PDFText(t, pdf)
	key, _ := os.ReadFile(rkFile)
	if strings.Contains(text, "octocat") || !strings.Contains(text, "GitLab") || strings.Contains(text, strings.Split(string(key), "-")[1]) {
		t.Fatalf("sheet text:\n%s", text)
	}
	e.fails(2, "usage: lifeline kit", "kit", "--password-file", pw)
	e.fails(2, `unknown page size "legal"`, "kit", pdf, "--page", "legal", "--password-file", pw)
	e.fails(1, `no account matches "nope"`, "kit", pdf, "--account", "nope", "--password-file", pw)
}

func renderPDF(t *testing.T, pdf string) []string {
	t.Helper()
	pages := testkit.PDFPages(t, pdf)
	if len(pages) < 3 {
		t.Fatalf("%d pages, want the cover, the codes and the paper backup", len(pages))
	}
	return pages
}

// readQR reads a page's QR codes with zbarimg and with Lifeline's reader.
func readQR(t *testing.T, png string) (zbar, own []string) {
	t.Helper()
	img, err := qr.ReadImageFile(png)
	if err != nil {
		t.Fatal(err)
	}
	return testkit.ZBar(t, png), qr.ReadTexts(img)
}

// "Where your backups are" on the kit: with backups only beside the vault,
// the kit says in its warning panel that there is none off this computer
// (and stderr says so too); after `export` into a synced folder, the kit
// names that file instead.
func TestCLIKitWhereBackupsAre(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "Kit")
	pdf := e.path("kit.pdf")
	r := e.run("", "kit", pdf, "--password-file", pw)
	words := func() string {
		return strings.Join(strings.Fields(testkit.PDFText(t, pdf)), " ")
	}
	if r.code != 0 || !strings.Contains(words(), strings.Join(strings.Fields(kit.NoCopyWarning), " ")) {
		t.Fatalf("kit with no backup off the computer: exit %d, warning missing:\n%s", r.code, words())
	}
	if !strings.Contains(r.stderr, "no backup off this computer") {
		t.Errorf("kit: stderr does not warn of no backup off the computer:\n%s", r.stderr)
	}

	synced := e.path("Sync")
	if err := os.MkdirAll(synced, 0o700); err != nil {
		t.Fatal(err)
	}
	e.write(filepath.Join("Sync", ".stfolder"), "")
	exported := filepath.Join(synced, "by-hand.age")
	e.ok("", "export", exported, "--password-file", pw)
	if err := os.Remove(pdf); err != nil {
		t.Fatal(err)
	}
	r = e.run("", "kit", pdf, "--password-file", pw)
	text := words()
	if r.code != 0 || !strings.Contains(text, exported) || !strings.Contains(text, "Syncthing") || strings.Contains(text, "You have no backup off") {
		t.Fatalf("kit after an export to a synced folder: exit %d; want the export named, no warning:\n%s", r.code, text)
	}
}
