package kit_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// kitSizes runs bench for the kits of vaults of n accounts with 10
// recovery codes each (names in three scripts), with and without the
// paper backup, as sub-benchmarks "N" and "N-paper".
func kitSizes(b *testing.B, bench func(b *testing.B, n int, doc *vault.Document, rk vault.RecoveryKey, kit []byte, opt kit.Options)) {
	for _, n := range []int{100} {
		doc, rk := bigDoc(b, n)
		for _, paper := range []bool{false, true} {
			opt := kit.Options{Paper: paper, Now: kitTime}
			var buf bytes.Buffer
			if _, err := kit.Write(&buf, doc, rk, opt); err != nil {
				b.Fatal(err)
			}
			name := fmt.Sprint(n)
			if paper {
				name += "-paper"
			}
			b.Run(name, func(b *testing.B) { bench(b, n, doc, rk, buf.Bytes(), opt) })
		}
	}
}

// BenchmarkKit makes the kit. Goal: ≤ 1 s and ≤ 2 MB for 100 accounts;
// bytes/kit reports the size.
func BenchmarkKit(b *testing.B) {
	kitSizes(b, func(b *testing.B, _ int, doc *vault.Document, rk vault.RecoveryKey, made []byte, opt kit.Options) {
		for b.Loop() {
			var buf bytes.Buffer
			if _, err := kit.Write(&buf, doc, rk, opt); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(made)), "bytes/kit")
	})
}

// BenchmarkScanKitPDF reads back every QR code of the kit PDF (the
// recovery key; with the paper backup, every account too), as a dropped
// kit or `scan kit.pdf` does. Goal: within the 2 s every input gets
// (docs/LIMITS.md), for 100 accounts with the paper backup.
func BenchmarkScanKitPDF(b *testing.B) {
	kitSizes(b, func(b *testing.B, n int, _ *vault.Document, _ vault.RecoveryKey, pdf []byte, opt kit.Options) {
		found := scanLoop(b, func() ([]qr.Content, error) { return qr.ScanBytes(pdf) })
		if want := 1 + map[bool]int{true: n}[opt.Paper]; found != want {
			b.Fatalf("%d codes read, want %d", found, want)
		}
	})
}

// BenchmarkScanScannedKitPDF reads back the kit of 100 accounts with its
// paper backup after it was printed and scanned: each of its 27 pages a
// JPEG of 300 dpi (a scanner's default, 8.7 megapixels), put in a PDF by
// img2pdf. Goal: 2 s a page at most, the time any picture gets.
func BenchmarkScanScannedKitPDF(b *testing.B) {
	pdftoppm, img2pdf := testkit.NeedTool(b, "pdftoppm"), testkit.NeedTool(b, "img2pdf")
	kitSizes(b, func(b *testing.B, n int, _ *vault.Document, _ vault.RecoveryKey, pdf []byte, opt kit.Options) {
		if !opt.Paper {
			b.Skip("the scan of a kit without its paper backup is one page")
		}
		dir := testkit.TempDir(b)
		in := filepath.Join(dir, "kit.pdf")
		os.WriteFile(in, pdf, 0o600)
		testkit.Run(b, "", pdftoppm, "-r", "300", "-jpeg", in, filepath.Join(dir, "page"))
		pages, _ := filepath.Glob(filepath.Join(dir, "page-*.jpg"))
		sort.Strings(pages)
		scan := filepath.Join(dir, "scan.pdf")
		testkit.Run(b, "", img2pdf, append(pages, "-o", scan)...)
		b.ResetTimer()
		if found := scanLoop(b, func() ([]qr.Content, error) { return qr.ScanFile(scan) }); found != 1+n {
			b.Fatalf("%d codes read, want %d", found, 1+n)
		}
		b.ReportMetric(float64(len(pages)), "pages")
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(pages)), "ms/page")
	})
}

// scanLoop is the benchmark loop of a scan; it returns how many codes
// the last one read.
func scanLoop(b *testing.B, scan func() ([]qr.Content, error)) int {
	var found int
	for b.Loop() {
		cs, err := scan()
		if err != nil {
			b.Fatal(err)
		}
		found = len(cs)
	}
	return found
}

func bigDoc(b *testing.B, n int) (*vault.Document, vault.RecoveryKey) {
	rk, err := vault.NewRecoveryKey()
	if err != nil {
		b.Fatal(err)
	}
	doc := &vault.Document{VaultID: core.NewID(), Keys: &vault.Keys{RecoveryKey: rk.Reveal()}}
	names := []string{"Service %d", "Почта %d", "Ελληνικά %d", "Zoë Müller %d"}
	for i := range n {
		a := core.Account{Issuer: fmt.Sprintf(names[i%len(names)], i), Name: fmt.Sprintf("user%d@example.com", i),
			Secret: core.Secret(fmt.Sprintf("secret-%014d", i))}
		p, err := doc.Add(a, kitTime)
		if err != nil {
			b.Fatal(err)
		}
		var codes []string
		for j := range 10 {
			codes = append(codes, fmt.Sprintf("%05x-%05x", i, j))
		}
		if err := p.AddRecoveryCodes(codes, kitTime); err != nil {
			b.Fatal(err)
		}
		p.MarkRecoveryCode(0, true, kitTime.Add(-24*time.Hour))
	}
	return doc, rk
}
