package qr

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// zbar reads a PNG with zbarimg, a reader we did not write, and returns
// each code's text.
func zbar(t *testing.T, dir, name string, png []byte) []string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o600); err != nil {
		t.Fatal(err)
	}
	out := strings.TrimRight(string(tool(t, "zbarimg", "-q", "--raw", p)), "\n")
	return strings.Split(out, "\n")
}

func exportAccounts() []core.Account {
	accs := accounts(1, 23)
	hotp := account(50)
	hotp.Type, hotp.Counter = core.HOTP, 42
	hotp.Defaults()
	steam := account(51)
	steam.Type, steam.Issuer = core.Steam, "Steam"
	steam.Defaults()
	p60 := account(52)
	p60.Period, p60.Algorithm, p60.Digits = 60, otp.SHA256, 8
	d7 := account(53)
	d7.Digits = 7
	return append(accs, hotp, steam, p60, d7)
}

func TestAccountImagesZbar(t *testing.T) {
	dir := testkit.TempDir(t)
	accs := exportAccounts()[22:]
	accs[0].Issuer, accs[0].Name = "Ünïcode & Co", "a:b+c d" // escaping in the label
	imgs, err := AccountImages(accs)
	if err != nil {
		t.Fatal(err)
	}
	for i, img := range imgs {
		want := core.FormatURI(&accs[i])
		if got := zbar(t, dir, img.Name, img.PNG); !slices.Equal(got, []string{want}) {
			t.Errorf("%s: zbarimg read %q, want %q", img.Title, got, want)
		}
		if strings.Contains(img.Title+img.Name, accs[i].Secret.Base32()) {
			t.Errorf("title or file name holds the secret: %q %q", img.Title, img.Name)
		}
	}
	if imgs[0].Name != "01-Ünïcode-Co-a-b-c-d.png" || imgs[0].Title != "Ünïcode & Co: a:b+c d" {
		t.Errorf("name %q, title %q", imgs[0].Name, imgs[0].Title)
	}
}

func TestMigrationImagesZbar(t *testing.T) {
	dir := testkit.TempDir(t)
	accs := exportAccounts() // 23 TOTP + 1 HOTP carried; Steam, 60 s and 7 digits not
	ex, err := MigrationImages(accs)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	var c Collector
	id := -1
	for _, img := range ex.Batches {
		titles = append(titles, img.Title+" → "+img.Name)
		got := zbar(t, dir, img.Name, img.PNG)
		if len(got) != 1 {
			t.Fatalf("%s: zbarimg read %d codes", img.Name, len(got))
		}
		b, err := core.ParseMigrationURI(got[0])
		if err != nil {
			t.Fatalf("%s: %v", img.Name, err)
		}
		if id != -1 && b.BatchID != id || b.BatchID <= 0 {
			t.Errorf("batch id %d (first %d)", b.BatchID, id)
		}
		id = b.BatchID
		c.Add(b)
		// Our own reader agrees with zbar.
		if own, err := ScanBytes(img.PNG); err != nil || len(own) != 1 || own[0].Kind != KindMigration {
			t.Errorf("%s: own scan %v %v", img.Name, err, texts(own))
		}
	}
	wantTitles := []string{
		"Batch 1 of 3 (10 accounts) → migration-1-of-3.png",
		"Batch 2 of 3 (10 accounts) → migration-2-of-3.png",
		"Batch 3 of 3 (4 accounts) → migration-3-of-3.png",
	}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("batches %q, want %q", titles, wantTitles)
	}
	if got, want := uriList(c.Accounts()), uriList(accs[:24]); !c.Complete() || !slices.Equal(got, want) {
		t.Errorf("zbar read %d accounts back (%s), want %d", len(got), c.Status(), len(want))
	}
	if got, want := uriList(ex.Skipped), uriList(accs[24:]); !slices.Equal(got, want) {
		t.Errorf("skipped %q, want %q", got, want)
	}
	for i, img := range ex.Singles {
		if got := zbar(t, dir, img.Name, img.PNG); !slices.Equal(got, []string{core.FormatURI(&ex.Skipped[i])}) {
			t.Errorf("single %s: zbarimg read %q", img.Name, got)
		}
	}
}

func TestWriteImages(t *testing.T) {
	dir := filepath.Join(testkit.TempDir(t), "new", "qr")
	imgs, err := AccountImages(accounts(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	paths, err := WriteImages(dir, imgs)
	if err != nil || len(paths) != 2 {
		t.Fatalf("WriteImages: %v, %d paths", err, len(paths))
	}
	testkit.WantMode(t, dir, 0o700)
	for i, p := range paths {
		testkit.WantMode(t, p, 0o600)
		if b, _ := os.ReadFile(p); !bytes.Equal(b, imgs[i].PNG) {
			t.Errorf("%s differs from the image", p)
		}
	}
	// A second export into the same folder never overwrites the first.
	if _, err := WriteImages(dir, imgs); !errors.Is(err, ErrExists) {
		t.Errorf("second write: %v, want ErrExists", err)
	}
}

// An entry that keeps only recovery codes has nothing to scan: no image of
// it alone, and batches leave it out.
func TestCodesOnlyEntriesMakeNoQRCode(t *testing.T) {
	only, err := core.NewCodesOnly("Bank:me", []string{"1111-2222"}, testkit.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AccountImage(&only, 1); !errors.Is(err, core.ErrNoSecret) {
		t.Fatalf("AccountImage: %v, want ErrNoSecret", err)
	}
	with := core.Account{Issuer: "Site", Name: "u", Secret: testkit.RandomSecret(20)}
	with.Defaults()
	ex, err := MigrationImages([]core.Account{only, with, only})
	if err != nil || len(ex.Batches) != 1 || len(ex.Skipped) != 0 || len(ex.Singles) != 0 {
		t.Fatalf("MigrationImages: %d batches, %d skipped, %v", len(ex.Batches), len(ex.Skipped), err)
	}
	if _, err := AccountImages([]core.Account{with, only}); !errors.Is(err, core.ErrNoSecret) {
		t.Fatalf("AccountImages with a codes-only entry: %v", err)
	}
}
