package kit_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func write(t testing.TB, doc *vault.Document, rk vault.RecoveryKey, opt kit.Options) ([]byte, kit.Meta) {
	t.Helper()
	var buf bytes.Buffer
	m, err := kit.Write(&buf, doc, rk, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output is not a PDF")
	}
	return buf.Bytes(), m
}

// The reason the kit exists: its QR codes, printed and scanned back by two
// independent readers, give back the recovery key and every account.
func TestRoundTrip(t *testing.T) {
	oathtool := testkit.NeedTool(t, "oathtool")
	for _, page := range []kit.Page{kit.A4, kit.Letter} {
		t.Run(string(page), func(t *testing.T) {
			doc, rk := fixture(t)
			pdf, _ := write(t, doc, rk, kit.Options{Page: page, Paper: true, Now: kitTime, Copies: []kit.Copy{{Path: "/media/alice/usb/backups", What: "Automatic backups."}}})
			pages := render(t, pdf)
			if len(pages) < 3 {
				t.Fatalf("%d pages, want the cover, the accounts and the paper backup", len(pages))
			}
			readers := map[string]func(testing.TB, string) []string{"zbarimg": testkit.ZBar, "gozxing": zxing}
			for name, read := range readers {
				t.Run(name, func(t *testing.T) {
					cover := read(t, pages[0])
					if len(cover) != 1 {
						t.Fatalf("page 1 holds %d QR codes, want the recovery key's only", len(cover))
					}
					got, err := vault.ParseRecoveryKey(cover[0])
					if err != nil || got.Reveal() != rk.Reveal() || !vault.LooksLikeRecoveryKey(cover[0]) {
						t.Fatalf("the key QR code does not parse to the vault's key: %v", err)
					}
					var uris []string
					for _, p := range pages[1:] {
						uris = append(uris, read(t, p)...)
					}
					checkAccounts(t, oathtool, doc.Accounts, uris)
				})
			}
		})
	}
}

// checkAccounts re-creates every account from the scanned URIs and compares
// it with the original: same fields, and codes equal to oathtool's for
// TOTP and HOTP (the others against the original account's own code).
func checkAccounts(t *testing.T, oathtool string, want []core.Account, uris []string) {
	t.Helper()
	if len(uris) != len(want) {
		t.Fatalf("read %d otpauth QR codes, want %d", len(uris), len(want))
	}
	at := time.Unix(1700000000, 0)
	for i := range want {
		w := &want[i]
		j := slices.IndexFunc(uris, func(u string) bool {
			a, err := core.ParseURI(u)
			return err == nil && a.Issuer == w.Issuer && a.Name == w.Name
		})
		if j < 0 {
			t.Fatalf("no QR code re-creates %q", w.Label())
		}
		got, _ := core.ParseURI(uris[j])
		got.Defaults()
		if !bytes.Equal(got.Secret, w.Secret) || got.Type != w.Type || got.Algorithm != w.Algorithm ||
			got.Digits != w.Digits || got.Period != w.Period || got.Counter != w.Counter || got.PIN != w.PIN {
			t.Fatalf("%s re-created with different parameters", w.Label())
		}
		code := got.Code(at)
		var oath []string
		switch w.Type {
		case core.TOTP:
			oath = []string{"--totp=" + strings.ToLower(w.Algorithm.String()), fmt.Sprintf("--time-step-size=%ds", w.Period), "-N", "@1700000000"}
		case core.HOTP:
			oath = []string{"--hotp", "-c", fmt.Sprint(w.Counter)}
		default:
			if want := w.Code(at); code != want {
				t.Fatalf("%s: re-created account's code %s, original's %s", w.Label(), code, want)
			}
			continue
		}
		args := append(oath, "--digits="+fmt.Sprint(w.Digits), hex.EncodeToString(got.Secret))
		out, err := exec.Command(oathtool, args...).Output()
		if err != nil {
			t.Fatalf("oathtool %v: %v", args[:len(args)-1], err)
		}
		if strings.TrimSpace(string(out)) != code {
			t.Fatalf("%s: re-created account's code %s, oathtool's %s", w.Label(), code, out)
		}
	}
}

func TestText(t *testing.T) {
	doc, rk := fixture(t)
	cases := []struct {
		name  string
		paper bool
	}{{"codes only", false}, {"with paper backup", true}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, m := write(t, doc, rk, kit.Options{Paper: c.paper, Now: kitTime, Copies: []kit.Copy{{Path: "/srv/Lifeline Backups/ünïcode", What: "Automatic backups."}}})
			text := pdfText(t, pdf)
			want := []string{"Lifeline Recovery Kit", m.Serial, m.Checksum, groupedHex(doc.VaultID),
				"/srv/Lifeline Backups/ünïcode", "docs/FORMAT.md", "Почта", "Ελληνικά", "Zoë Müller-Łukasiewicz", "иван@пример.рф"}
			want = append(want, strings.Split(rk.Reveal(), "-")...)
			for _, a := range doc.Accounts {
				want = append(want, a.Issuer, a.Name)
				for _, rc := range a.RecoveryCodes {
					want = append(want, string(rc.Code))
				}
			}
			for _, w := range want {
				if w != "" && !strings.Contains(text, w) {
					t.Errorf("the kit's text lacks %q", w)
				}
			}
			for _, a := range doc.Accounts {
				first := strings.Fields(a.Secret.Grouped())[0] + " " + strings.Fields(a.Secret.Grouped())[1]
				if got := strings.Contains(text, first); got != c.paper {
					t.Errorf("%s: secret printed = %v, want %v (paper backup %v)", a.Label(), got, c.paper, c.paper)
				}
			}
			if strings.Contains(text, kit.PaperWarning[:40]) != c.paper {
				t.Errorf("the paper warning must be printed exactly when the paper backup is")
			}
		})
	}
}

func groupedHex(id string) string {
	var g []string
	for i := 0; i < len(id); i += 4 {
		g = append(g, id[i:i+4])
	}
	return strings.Join(g, " ")
}

// A kit of one account ("print this account's codes") lists just that
// account and never holds the recovery key.
func TestAccountSheet(t *testing.T) {
	doc, rk := fixture(t)
	one := doc.Accounts[0]
	pdf, m := write(t, doc, vault.RecoveryKey{}, kit.Options{Accounts: []string{one.ID}, Now: kitTime, Page: kit.Letter})
	if !m.Partial || m.Accounts != 1 || m.RecoveryRecipient != "" {
		t.Fatalf("meta %+v, want a partial kit of 1 account without a recovery key", m)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "Recovery codes for "+one.Issuer) || !strings.Contains(text, string(one.RecoveryCodes[0].Code)) {
		t.Fatalf("the sheet lacks its account:\n%s", text)
	}
	for _, g := range strings.Split(rk.Reveal(), "-") {
		if strings.Contains(text, g) {
			t.Fatalf("the sheet shows a group of the recovery key")
		}
	}
	for _, other := range doc.Accounts[1:] {
		if strings.Contains(text, other.Issuer) && other.Issuer != "" {
			t.Fatalf("the sheet lists %q too", other.Issuer)
		}
	}
	if err := kit.Record(doc, m); err == nil {
		t.Fatal("a sheet without the recovery key was recorded as the vault's kit")
	}
	if _, err := kit.Write(&bytes.Buffer{}, doc, vault.RecoveryKey{}, kit.Options{}); err == nil {
		t.Fatal("a full kit was made without the recovery key")
	}
	if _, err := kit.Write(&bytes.Buffer{}, doc, rk, kit.Options{Accounts: []string{"nope"}}); err == nil {
		t.Fatal("a kit of an unknown account was made")
	}
}

func TestParsePage(t *testing.T) {
	cases := []struct {
		in   string
		want kit.Page
		ok   bool
	}{{"", kit.A4, true}, {"A4", kit.A4, true}, {" letter ", kit.Letter, true}, {"Letter", kit.Letter, true}, {"a5", "", false}, {"legal", "", false}}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := kit.ParsePage(c.in)
			if got != c.want || (err == nil) != c.ok {
				t.Fatalf("ParsePage(%q) = %q, %v", c.in, got, err)
			}
		})
	}
}

// Text no font has (emoji, Chinese) and control characters print as "?"
// and spaces instead of breaking the kit.
func TestUnprintableText(t *testing.T) {
	doc, rk := fixture(t)
	a := core.Account{Issuer: "🔐 Bank 日本", Name: "tab\there", Secret: core.Secret("12345678901234567890")}
	if _, err := doc.Add(a, kitTime); err != nil {
		t.Fatal(err)
	}
	pdf, _ := write(t, doc, rk, kit.Options{Paper: true, Now: kitTime})
	text := pdfText(t, pdf)
	if !strings.Contains(text, "? Bank ??") || !strings.Contains(text, "tab here") {
		t.Fatalf("unprintable text not replaced:\n%s", text)
	}
}

// A label too long for one line or for a QR code shortens in the list and
// leaves the secret to type, instead of failing the kit.
func TestHugeLabel(t *testing.T) {
	doc, rk := fixture(t)
	long := strings.Repeat("Ünïcödé-Name ", 300)
	// Over core.MaxLabelLen, so Add refuses it now; a vault written before
	// the limits may hold one, and its kit must still print.
	a := core.Account{ID: core.NewID(), Issuer: "Huge", Name: long, Secret: core.Secret("12345678901234567890"), Created: kitTime, Updated: kitTime}
	a.Defaults()
	doc.Accounts = append(doc.Accounts, a)
	pdf, _ := write(t, doc, rk, kit.Options{Paper: true, Now: kitTime})
	text := pdfText(t, pdf)
	if !strings.Contains(text, "Too long for a QR code") || !strings.Contains(text, "Ünïcödé-Name Ünïcödé-Name") || !strings.Contains(text, "…") {
		t.Fatalf("the long label is not shortened and handled")
	}
}
