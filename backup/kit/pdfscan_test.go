package kit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// scannedAccounts is what a scan gave back: the recovery key (or "")
// and the accounts as issuer|name|secret, sorted.
func scannedAccounts(t *testing.T, path string) (string, []string) {
	t.Helper()
	start := time.Now()
	cs, err := qr.ScanFile(path)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	t.Logf("%s: %d codes in %v", filepath.Base(path), len(cs), time.Since(start))
	var key string
	if k, ok := qr.RecoveryKeyIn(cs); ok {
		key = k.Reveal()
	}
	var got []string
	for _, c := range cs {
		if c.Kind == qr.KindAccount {
			got = append(got, c.Account.Issuer+"|"+c.Account.Name+"|"+string(c.Account.Secret))
		}
	}
	sort.Strings(got)
	return key, got
}

// A printed kit scanned back to PDF, the way phone scanner apps, office
// scanners and converters make one, gives back the recovery key and every
// account of its paper backup: pages as PNG, as JPEG, photographed
// askew with noise, as black-and-white fax (CCITT G4, from two
// converters), and with the objects packed in object streams (qpdf).
// Every file is made by tools nobody here wrote: poppler renders the
// pages, ImageMagick degrades them, img2pdf, tiff2pdf and qpdf write the
// PDFs.
func TestScannedKitPDF(t *testing.T) {
	doc, rk := fixture(t)
	var pdf bytes.Buffer
	if _, err := kit.Write(&pdf, doc, rk, kit.Options{Paper: true, Now: kitTime}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range doc.Accounts {
		want = append(want, a.Issuer+"|"+a.Name+"|"+string(a.Secret))
	}
	sort.Strings(want)
	dir := testkit.TempDir(t)
	in := filepath.Join(dir, "kit.pdf")
	os.WriteFile(in, pdf.Bytes(), 0o600)
	pdftoppm, img2pdf := testkit.NeedTool(t, "pdftoppm"), testkit.NeedTool(t, "img2pdf")
	convert, qpdf := testkit.NeedTool(t, "convert"), testkit.NeedTool(t, "qpdf")
	tiff2pdf := testkit.NeedTool(t, "tiff2pdf")
	testkit.Run(t, "", pdftoppm, "-r", "200", "-png", in, filepath.Join(dir, "page"))
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Strings(pages)
	if len(pages) < 2 {
		t.Fatalf("pdftoppm made %d pages", len(pages))
	}
	each := func(ext string, args ...string) []string {
		var out []string
		for _, p := range pages {
			o := strings.TrimSuffix(p, ".png") + ext
			testkit.Run(t, "", convert, append(append([]string{p}, args...), o)...)
			out = append(out, o)
		}
		return out
	}
	pdfOf := func(name string, tool string, args ...string) string {
		out := filepath.Join(dir, name)
		testkit.Run(t, "", tool, append(args, "-o", out)...)
		return out
	}
	jpegScan := pdfOf("jpeg.pdf", img2pdf, each(".jpg", "-quality", "80")...)
	testkit.Run(t, "", convert, append(each(".g4.tif", "-monochrome"), "-compress", "Group4", filepath.Join(dir, "all.tif"))...)
	files := []string{
		pdfOf("png.pdf", img2pdf, pages...),
		jpegScan,
		pdfOf("askew.pdf", img2pdf, each(".askew.jpg", "-background", "white", "-rotate", "3", "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "60")...),
		pdfOf("g4-img2pdf.pdf", img2pdf, each(".g4.tif", "-monochrome", "-compress", "Group4")...),
		pdfOf("g4-tiff2pdf.pdf", tiff2pdf, filepath.Join(dir, "all.tif")),
	}
	for _, src := range []string{in, jpegScan} {
		out := strings.TrimSuffix(src, ".pdf") + "-objstm.pdf"
		testkit.Run(t, "", qpdf, "--object-streams=generate", src, out)
		files = append(files, out)
	}
	for _, f := range files {
		key, got := scannedAccounts(t, f)
		if key != rk.Reveal() {
			t.Errorf("%s: the recovery key was not read back", filepath.Base(f))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: accounts read back\n%s\nwant\n%s", filepath.Base(f), strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// The kit PDF itself, dropped on a new computer or given to `lifeline
// scan`, gives back its recovery key, and with a paper backup every
// account, exactly as they are in the vault.
func TestKitPDFScansBack(t *testing.T) {
	doc, rk := fixture(t)
	for _, paper := range []bool{false, true} {
		var pdf bytes.Buffer
		if _, err := kit.Write(&pdf, doc, rk, kit.Options{Paper: paper, Now: kitTime}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		cs, err := qr.ScanBytes(pdf.Bytes())
		if err != nil {
			t.Fatalf("paper=%v: %v", paper, err)
		}
		t.Logf("paper=%v: %d codes in %v", paper, len(cs), time.Since(start))
		key, ok := qr.RecoveryKeyIn(cs)
		if !ok || key.Reveal() != rk.Reveal() {
			t.Errorf("paper=%v: the recovery key was not read back (%d codes)", paper, len(cs))
		}
		var got, want []string
		for _, c := range cs {
			if c.Kind == qr.KindAccount {
				got = append(got, c.Account.Issuer+"|"+c.Account.Name+"|"+string(c.Account.Secret))
			}
		}
		if paper {
			for _, a := range doc.Accounts {
				want = append(want, a.Issuer+"|"+a.Name+"|"+string(a.Secret))
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if len(got) != len(want) {
			t.Fatalf("paper=%v: %d accounts read, want %d", paper, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("paper=%v: account %d read as %q, want %q", paper, i, got[i], want[i])
			}
		}
	}
}

// A kit that went through another program (poppler's cairo back end
// writes the pages again, as a "print to PDF" would) still scans.
func TestKitPDFThroughCairo(t *testing.T) {
	doc, rk := fixture(t)
	var pdf bytes.Buffer
	if _, err := kit.Write(&pdf, doc, rk, kit.Options{Now: kitTime}); err != nil {
		t.Fatal(err)
	}
	dir := testkit.TempDir(t)
	in, out := filepath.Join(dir, "kit.pdf"), filepath.Join(dir, "cairo.pdf")
	os.WriteFile(in, pdf.Bytes(), 0o600)
	testkit.Run(t, "", testkit.NeedTool(t, "pdftocairo"), "-pdf", in, out)
	cs, err := qr.ScanFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if key, ok := qr.RecoveryKeyIn(cs); !ok || key.Reveal() != rk.Reveal() {
		t.Errorf("the recovery key was not read back from cairo's PDF (%d codes)", len(cs))
	}
}
