package kit_test

import (
	"bytes"
	"encoding/hex"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

var kitTime = time.Date(2025, 11, 25, 14, 2, 0, 0, time.UTC)

// TestMain: vaults make a device folder, kept in a home of the tests' own.
func TestMain(m *testing.M) { testkit.Main(m) }

// fixture is a vault document with every account type, names in Latin with
// accents, Greek and Cyrillic, and recovery codes of several shapes, some
// used. Secrets differ per account so a mixed-up QR code is caught.
func fixture(t testing.TB) (*vault.Document, vault.RecoveryKey) {
	t.Helper()
	rk, err := vault.NewRecoveryKey()
	if err != nil {
		t.Fatal(err)
	}
	doc := &vault.Document{Format: vault.FormatVersion, VaultID: core.NewID(), Created: kitTime,
		Keys: &vault.Keys{RecoveryKey: rk.Reveal(), RecoveryKeyCreated: kitTime.Add(-time.Hour)}}
	add := func(a core.Account, secretHex string, codes ...string) *core.Account {
		t.Helper()
		s, err := hex.DecodeString(secretHex)
		if err != nil {
			t.Fatal(err)
		}
		a.Secret = core.Secret(s)
		p, err := doc.Add(a, kitTime)
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) > 0 {
			if err := p.AddRecoveryCodes(codes, kitTime); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	gh := add(core.Account{Issuer: "GitHub", Name: "octocat"}, "3132333435363738393031323334353637383930",
		"fb7df-3dbb7", "6a67c-e775a", "f7bf0-34b8e", "a1b2c-3d4e5", "0c1d2-e3f4a", "5b6c7-d8e9f")
	gh.MarkRecoveryCode(2, true, kitTime.AddDate(0, -1, 0))
	add(core.Account{Issuer: "Почта", Name: "иван@пример.рф", Algorithm: otp.SHA256, Digits: 8},
		"3132333435363738393031323334353637383930313233343536373839303132", "1234 5678", "2345 6789")
	add(core.Account{Issuer: "Ελληνικά", Name: "Zoë Müller-Łukasiewicz", Algorithm: otp.SHA512, Period: 60},
		"31323334353637383930313233343536373839303132333435363738393031323334353637383930313233343536373839303132333435363738393031323334")
	add(core.Account{Issuer: "Counter & Co", Name: "bob", Type: core.HOTP, Counter: 42}, "a1b2c3d4e5f60718293a4b5c6d7e8f9001122334", "R12345")
	add(core.Account{Issuer: "Steam", Name: "gamer", Type: core.Steam}, "f6c2419c50caa70b3c9204448afc639ce0512a6a")
	add(core.Account{Issuer: "Yandex", Name: "ya", Type: core.Yandex, PIN: "5239"}, "f4839a2a9d6f1cd782a1acdc71aa5c2800000000")
	add(core.Account{Name: "no-issuer@example.com", Type: core.MOTP, PIN: "1234"}, "e3152afee62599c8")
	return doc, rk
}

// render turns each page of pdf into a PNG (testkit.PDFPages).
func render(t testing.TB, pdf []byte) []string {
	t.Helper()
	return testkit.PDFPages(t, pdfFile(t, pdf))
}

// pdfText is pdftotext's reading of the kit.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	return testkit.PDFText(t, pdfFile(t, pdf))
}

func pdfFile(t testing.TB, pdf []byte) string {
	t.Helper()
	in := filepath.Join(testkit.TempDir(t), "kit.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return in
}

// zxing reads every QR code in a PNG with gozxing's multi reader, the
// reader Lifeline's own QR import uses.
func zxing(t testing.TB, file string) []string {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}
	results, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	if err != nil {
		return nil
	}
	var out []string
	for _, r := range results {
		out = append(out, r.GetText())
	}
	return out
}
