package qr

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// pdfOf is a minimal PDF whose pages have the given content streams,
// Flate-compressed as fpdf writes them.
func pdfOf(t testing.TB, pages ...[]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("%PDF-1.3\n")
	for i, content := range pages {
		z := deflate(content)
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page /Parent 1 0 R /Contents %d 0 R>>\nendobj\n", 10+2*i, 11+2*i)
		fmt.Fprintf(&b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", 11+2*i, len(z))
		b.Write(z)
		b.WriteString("\nendstream\nendobj\n")
	}
	b.WriteString("trailer\n<</Root 1 0 R>>\n%%EOF\n")
	return b.Bytes()
}

// qrContent draws text as a QR code the way backup/kit does (rows of
// black rectangles, here with a cm and under q/Q), among shapes and text
// a page also has.
func qrContent(t testing.TB, text string) []byte {
	t.Helper()
	bm := qrImage(t, text)
	var c bytes.Buffer
	c.WriteString("0.9 0.9 0.9 rg 0 0 600 800 re f\nBT /F1 12 Tf 50 700 Td (re f \\) 0 0 9 9 re f) Tj ET\n")
	c.WriteString("q 1 0 0 1 100 200 cm 0 g\n")
	r := bm.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if bm.GrayAt(x, y).Y < 0x80 {
				fmt.Fprintf(&c, "%d %d 1 -1 re f\n", x, r.Max.Y-y)
			}
		}
	}
	c.WriteString("Q\n")
	return c.Bytes()
}

// A PDF that another program wrote, with the code under a transformation
// and beside text whose strings look like drawing operators, scans.
func TestScanPDF(t *testing.T) {
	link := "otpauth://totp/PDF:me?secret=JBSWY3DPEHPK3PXP&issuer=PDF"
	cs, err := ScanBytes(pdfOf(t, []byte("BT (nothing here) Tj ET"), qrContent(t, link)))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Kind != KindAccount || cs[0].Account.Issuer != "PDF" {
		t.Fatalf("scanned %+v", cs)
	}
	for name, pdf := range map[string][]byte{
		"no pages":    []byte("%PDF-1.4\n%%EOF\n"),
		"only text":   pdfOf(t, []byte("BT /F1 12 Tf (0 0 100 100 re f) Tj ET")),
		"light boxes": pdfOf(t, []byte("1 g 0 0 100 100 re f 0.8 g 10 10 5 5 re f")),
		"damaged":     append(pdfOf(t, qrContent(t, link))[:60], "garbage"...),
	} {
		if _, err := ScanBytes(pdf); !errors.Is(err, ErrNoPDFCode) {
			t.Errorf("%s: %v, want ErrNoPDFCode", name, err)
		}
	}
}

// Each PDF limit refuses, within the 2 s every input gets (timeLimit,
// stretched under the race detector), with a message that says what was
// too much.
func TestPDFLimits(t *testing.T) {
	many := make([][]byte, MaxPDFPages+1)
	for i := range many {
		many[i] = []byte("0 g 0 0 1 1 re f")
	}
	var shapes bytes.Buffer
	for i := 0; i <= MaxPDFShapes; i++ {
		shapes.WriteString("0 0 1 1 re f\n")
	}
	hairlines := []byte("0 g 0 0 0.0001 0.0001 re f 0 0 0.0001 0.0001 re f 500 500 1 1 re f")
	var unfilled bytes.Buffer
	for i := 0; i <= MaxPDFShapes; i++ {
		unfilled.WriteString("0 0 1 1 re\n")
	}
	var overdraw bytes.Buffer
	overdraw.WriteString("0 g 0 0 0.5 0.5 re f 0 0 0.5 0.5 re f 0 0 0.5 0.5 re f\n")
	for i := 0; i < 10000; i++ {
		overdraw.WriteString("0 0 300 300 re f\n")
	}
	for _, tc := range []struct {
		name, says string
		pdf        []byte
	}{
		{"pages", "pages", pdfOf(t, many...)},
		{"unpacked size", "unpacks to over 16 MB", pdfOf(t, bytes.Repeat([]byte(" "), MaxPDFPageBytes+1))},
		{"shapes", "over 200000 shapes", pdfOf(t, shapes.Bytes())},
		{"a path never filled", "over 200000 shapes", pdfOf(t, unfilled.Bytes())},
		{"hairlines, page after page", "megapixels in all", pdfOf(t, hairlines, hairlines, hairlines)},
		{"overdrawn", "megapixels in all", pdfOf(t, overdraw.Bytes())},
		{"infinite", "no QR code found", pdfOf(t, []byte("0 g 0 0 1 1 re f 1e308 1e308 1e308 1e308 re f 0 0 1 1 re f"))},
	} {
		refusesInTime(t, tc.name, tc.says, tc.pdf)
	}
}

// refusesInTime checks that a PDF is refused with an error saying says,
// within the 2 s every input gets.
func refusesInTime(t *testing.T, name, says string, pdf []byte) {
	t.Helper()
	start := time.Now()
	_, err := ScanBytes(pdf)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), says) {
		t.Errorf("%s: %v, want an error saying %q", name, err, says)
	}
	t.Logf("%s: %v", name, took)
	if took > timeLimit {
		t.Errorf("%s: took %v, over %v", name, took, timeLimit)
	}
}

// plainPDF is pdfOf with the content uncompressed, so that the fuzzer's
// changes reach the content lexer.
func plainPDF(content []byte) []byte {
	return []byte(fmt.Sprintf("%%PDF-1.3\n1 0 obj\n<</Type /Page /Contents 2 0 R>>\nendobj\n2 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n%%%%EOF\n", len(content), content))
}

// fuzzImagesPDF is a small PDF of the kinds pdfimage.go reads, kept
// uncompressed so that the fuzzer's changes reach the object, colour and
// sample readers: an indexed picture, a 2-bit one inverted by /Decode,
// a stencil mask, and a page packed in an object stream.
func fuzzImagesPDF() []byte {
	var p pdfBuilder
	pix := bytes.Repeat([]byte{0x0f, 0xf0, 0x3c}, 24*8)
	a := p.stream("/Type /XObject /Subtype /Image /Width 24 /Height 24 /BitsPerComponent 8 /ColorSpace [/Indexed /DeviceRGB 2 (\\000\\377\\n\\(abc)]", pix)
	b := p.stream("/Type /XObject /Subtype /Image /Width 24 /Height 24 /BitsPerComponent 2 /ColorSpace /CalGray /Decode [1 0]", pix)
	c := p.stream("/Type /XObject /Subtype /Image /Width 24 /Height 24 /ImageMask true /SMask 1 0 R", pix)
	p.imagePage(a, b, c)
	page := "<</Type /Page /Resources <</XObject <</X 2 0 R>> >>>>"
	p.stream("/Type /ObjStm /N 1 /First 6", []byte("90 0 "+page))
	p.pages = append(p.pages, 90)
	return p.bytes()
}

// FuzzScanPDF feeds the PDF reader mangled pages: it must never panic,
// and it answers with codes or an error, within the limits.
func FuzzScanPDF(f *testing.F) {
	f.Add(plainPDF(qrContent(f, "otpauth://totp/F:f?secret=JBSWY3DPEHPK3PXP")))
	f.Add(plainPDF([]byte("q 2 0 0 2 10 10 cm 0 0 0 rg 0 0 5 5 re f* Q (a\\)b) Tj <00ff> [1 2] /N << /A 1 >> 0 0 1 k")))
	f.Add(pdfOf(f, []byte("0 g 1 1 3 3 re f")))
	f.Add(fuzzImagesPDF())
	f.Fuzz(func(t *testing.T, data []byte) {
		found, err := ScanBytes(data)
		if err == nil && len(found) == 0 {
			t.Fatal("no error and no code")
		}
	})
}
