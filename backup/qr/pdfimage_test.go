package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"strings"
	"testing"
)

// pdfBuilder writes a PDF object by object; pages are tied into a page
// tree under a catalog when the file is finished.
type pdfBuilder struct {
	objs  []string
	pages []int
}

func (p *pdfBuilder) obj(body string) int {
	p.objs = append(p.objs, body)
	return len(p.objs)
}

func (p *pdfBuilder) stream(dict string, data []byte) int {
	return p.obj(fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

// imagePage adds a page that shows the image objects ims.
func (p *pdfBuilder) imagePage(ims ...int) {
	var names, draw strings.Builder
	for i, im := range ims {
		fmt.Fprintf(&names, "/Im%d %d 0 R ", i, im)
		fmt.Fprintf(&draw, "q 500 0 0 500 50 50 cm /Im%d Do Q\n", i)
	}
	content := p.stream("", []byte(draw.String()))
	p.pages = append(p.pages, p.obj(fmt.Sprintf("<</Type /Page /Resources <</XObject <<%s>> >> /Contents %d 0 R>>", names.String(), content)))
}

func (p *pdfBuilder) bytes() []byte {
	var kids strings.Builder
	for _, n := range p.pages {
		fmt.Fprintf(&kids, "%d 0 R ", n)
	}
	tree := p.obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", kids.String(), len(p.pages)))
	root := p.obj(fmt.Sprintf("<</Type /Catalog /Pages %d 0 R>>", tree))
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	for i, o := range p.objs {
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	fmt.Fprintf(&b, "trailer\n<</Root %d 0 R /Size %d>>\n%%%%EOF\n", root, len(p.objs)+1)
	return b.Bytes()
}

func deflate(b []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

// qrImage is text as a QR code, as a gray picture.
func qrImage(t testing.TB, text string) *image.Gray {
	t.Helper()
	b, err := PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeImage(b)
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	for y := range g.Rect.Dy() {
		for x := range g.Rect.Dx() {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// idat is the image data of a PNG made by Go's encoder, which picks a
// filter for each row: what a PDF with a PNG predictor holds.
func idat(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	var out []byte
	for p := b.Bytes()[8:]; len(p) >= 12; {
		n := binary.BigEndian.Uint32(p)
		if string(p[4:8]) == "IDAT" {
			out = append(out, p[8:8+n]...)
		}
		p = p[12+n:]
	}
	return out
}

// packBits packs 1-bit samples, 1 for light, rows padded to a byte.
func packBits(g *image.Gray, dark byte) []byte {
	w := g.Rect.Dx()
	stride := (w + 7) / 8
	out := make([]byte, stride*g.Rect.Dy())
	for y := range g.Rect.Dy() {
		for x := range w {
			if (g.Pix[y*g.Stride+x] < 0x80) == (dark == 1) {
				out[y*stride+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	return out
}

// Each way a picture is kept in a PDF that scanners and converters use
// gives back its code: JPEG, raw samples in gray, RGB, CMYK, ICC and
// indexed colour, Flate with PNG's row filters, 1-bit bitmaps and
// stencil masks, and a soft mask that is not scanned as a picture.
func TestScanPDFImages(t *testing.T) {
	link := "otpauth://totp/Scan:me?secret=JBSWY3DPEHPK3PXP&issuer=Scan"
	g := qrImage(t, link)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	size := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d", w, h)
	rgb := image.NewNRGBA(g.Rect)
	pal := image.NewPaletted(g.Rect, color.Palette{color.NRGBA{20, 10, 40, 255}, color.NRGBA{250, 250, 240, 255}})
	var cmyk []byte
	for i, v := range g.Pix {
		rgb.Pix[4*i], rgb.Pix[4*i+1], rgb.Pix[4*i+2], rgb.Pix[4*i+3] = v, v/2+64, v, 255
		pal.Pix[i] = v / 128
		cmyk = append(cmyk, 0, 0, 0, 255-v)
	}
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, g, &jpeg.Options{Quality: 75})
	for _, tc := range []struct {
		name  string
		build func(p *pdfBuilder) int
	}{
		{"JPEG", func(p *pdfBuilder) int {
			return p.stream(size+" /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", jpg.Bytes())
		}},
		{"gray, raw", func(p *pdfBuilder) int {
			return p.stream(size+" /ColorSpace /DeviceGray /BitsPerComponent 8", g.Pix)
		}},
		{"RGB, PNG predictor", func(p *pdfBuilder) int {
			parms := fmt.Sprintf("/DecodeParms <</Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns %d>>", w)
			return p.stream(size+" /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode "+parms, idat(t, rgb))
		}},
		{"ICC RGB in a filter array", func(p *pdfBuilder) int {
			icc := p.stream("/N 3", []byte("not a real profile"))
			parms := fmt.Sprintf("/DecodeParms [<</Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns %d>>]", w)
			return p.stream(fmt.Sprintf("%s /ColorSpace [/ICCBased %d 0 R] /BitsPerComponent 8 /Filter [/FlateDecode] %s", size, icc, parms), idat(t, rgb))
		}},
		{"CMYK, Flate", func(p *pdfBuilder) int {
			return p.stream(size+" /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode", deflate(cmyk))
		}},
		{"indexed, 1 bit, PNG predictor", func(p *pdfBuilder) int {
			parms := fmt.Sprintf("/DecodeParms <</Predictor 15 /Colors 1 /BitsPerComponent 1 /Columns %d>>", w)
			return p.stream(size+" /ColorSpace [/Indexed /DeviceRGB 1 <140a28 fafaf0>] /BitsPerComponent 1 /Filter /FlateDecode "+parms, idat(t, pal))
		}},
		{"indexed, palette as a literal string", func(p *pdfBuilder) int {
			return p.stream(size+" /ColorSpace [/Indexed /DeviceGray 1 (\\000\\377)] /BitsPerComponent 1", packBits(g, 0))
		}},
		{"1-bit gray, inverted by /Decode", func(p *pdfBuilder) int {
			return p.stream(size+" /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0]", packBits(g, 1))
		}},
		{"stencil mask", func(p *pdfBuilder) int {
			return p.stream(size+" /ImageMask true", packBits(g, 0))
		}},
		{"with a soft mask", func(p *pdfBuilder) int {
			mask := p.stream(size+" /ColorSpace /DeviceGray /BitsPerComponent 8", bytes.Repeat([]byte{0}, w*h))
			return p.stream(fmt.Sprintf("%s /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask %d 0 R", size, mask), g.Pix)
		}},
	} {
		var p pdfBuilder
		p.imagePage(tc.build(&p))
		cs, err := ScanBytes(p.bytes())
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(cs) != 1 || cs[0].Kind != KindAccount || cs[0].Account.Issuer != "Scan" {
			t.Errorf("%s: scanned %+v", tc.name, cs)
		}
	}
}

// Pages and the objects that draw them may be packed in object streams
// (PDF 1.5); the pages are read in the order of the page tree, not of the
// file.
func TestScanPDFObjectStreams(t *testing.T) {
	first := "otpauth://totp/First:me?secret=JBSWY3DPEHPK3PXP&issuer=First"
	second := "otpauth://totp/Second:me?secret=KRSXG5CTMVRXEZLU&issuer=Second"
	var p pdfBuilder
	c2 := p.stream("/Filter /FlateDecode", deflate(qrContent(t, second)))
	c1 := p.stream("/Filter /FlateDecode", deflate(qrContent(t, first)))
	// Pages 50 and 51, the second page first, packed in object 3.
	objs := []string{fmt.Sprintf("<</Type /Page /Contents %d 0 R>>", c2), fmt.Sprintf("<</Type /Page /Contents %d 0 R>>", c1)}
	head := fmt.Sprintf("50 0 51 %d ", len(objs[0])+1)
	body := head + objs[0] + " " + objs[1]
	p.stream(fmt.Sprintf("/Type /ObjStm /N 2 /First %d /Filter /FlateDecode", len(head)), deflate([]byte(body)))
	p.pages = []int{51, 50}
	cs, err := ScanBytes(p.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Account.Issuer != "First" || cs[1].Account.Issuer != "Second" {
		t.Fatalf("scanned %+v, want First then Second", cs)
	}

	// Offsets that point before the objects, past them or past the int's
	// limit are passed over.
	for _, head := range []string{"50 -5 51 0 ", "50 9223372036854775800 51 3 ", "50 4 51 -9223372036854775808 ", "50 99999999999999999999 "} {
		var bad pdfBuilder
		bad.stream(fmt.Sprintf("/Type /ObjStm /N 2 /First %d", len(head)), []byte(head+"<</Type /Page>> <</Type /Page>>"))
		if _, err := ScanBytes(bad.bytes()); err != ErrNoPDFCode {
			t.Errorf("header %q: %v, want ErrNoPDFCode", head, err)
		}
	}
}

// Pictures in an encoding Go has no decoder for are named in the
// message, and what does not fit the limits is refused before it is
// decoded, in the time any input gets.
func TestScanPDFImageLimits(t *testing.T) {
	var jpx pdfBuilder
	jpx.imagePage(jpx.stream("/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /JPXDecode", []byte("not decoded")))
	if _, err := ScanBytes(jpx.bytes()); err == nil || !strings.Contains(err.Error(), "JPEG 2000") {
		t.Errorf("JPEG 2000 picture: %v, want a message naming the encoding", err)
	}
	declared := func(n, w, h int) []byte {
		var p pdfBuilder
		ims := make([]int, n)
		for i := range ims {
			ims[i] = p.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", w, h), nil)
		}
		p.imagePage(ims...)
		return p.bytes()
	}
	for _, tc := range []struct {
		name, says string
		pdf        []byte
	}{
		{"too many pictures", "more pictures", declared(MaxPDFImages+1, minQRSide, minQRSide)},
		{"too many pixels", "500 megapixels in all", declared(MaxPDFImagePixels/40_000_000+1, 8000, 5000)},
		{"one picture too large", "images over 50 megapixels", declared(1, 10000, 5001)},
		{"one picture too wide", "over 65536 pixels on a side", declared(1, 70000, 100)},
		{"forms that name each other", "no QR code found", func() []byte {
			// 200 forms, each naming all 200: followed naively, 200^n.
			var p pdfBuilder
			var names strings.Builder
			for i := range 200 {
				fmt.Fprintf(&names, "/F%d %d 0 R ", i, i+1)
			}
			for range 200 {
				p.stream("/Type /XObject /Subtype /Form /Resources <</XObject <<"+names.String()+">> >>", nil)
			}
			p.imagePage(1)
			return p.bytes()
		}()},
		{"object streams", "object streams unpack to over 32 MB", func() []byte {
			var p pdfBuilder
			p.stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", deflate(bytes.Repeat([]byte(" "), MaxPDFObjectBytes+1)))
			return p.bytes()
		}()},
	} {
		refusesInTime(t, tc.name, tc.says, tc.pdf)
	}
	// A JPEG larger than the size its picture declares (what the limits
	// counted) is not decoded.
	var big bytes.Buffer
	jpeg.Encode(&big, qrImage(t, "otpauth://totp/Big:me?secret=JBSWY3DPEHPK3PXP"), nil)
	var lie pdfBuilder
	lie.imagePage(lie.stream("/Type /XObject /Subtype /Image /Width 21 /Height 21 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", big.Bytes()))
	if _, err := ScanBytes(lie.bytes()); err != ErrNoPDFCode {
		t.Errorf("a JPEG larger than declared: %v, want ErrNoPDFCode", err)
	}
	// Icons and other pictures too small for a code are passed over, and
	// do not count.
	var icons pdfBuilder
	ims := make([]int, 5*MaxPDFImages)
	for i := range ims {
		ims[i] = icons.stream("/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8", bytes.Repeat([]byte{0}, 256))
	}
	icons.imagePage(ims...)
	if _, err := ScanBytes(icons.bytes()); err != ErrNoPDFCode {
		t.Errorf("icons: %v, want ErrNoPDFCode", err)
	}
}

// PNG's five row filters are undone as PNG does: rows Go's encoder
// filtered (it picks the best filter per row) come back as the picture's
// pixels. The picture mixes gradients, noise and flat runs, so that each
// filter is picked for some row, which the test checks.
func TestPNGPredictorRows(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 97, 240))
	seed := uint32(1)
	for y := range 240 {
		for x := range 97 {
			seed = seed*1664525 + 1013904223
			var c color.NRGBA
			switch (y / 8) % 5 {
			case 0:
				c = color.NRGBA{byte(x * 2), byte(y), 7, 255}
			case 1:
				c = color.NRGBA{byte(seed >> 24), byte(seed >> 16), byte(seed >> 8), 255}
			case 2:
				c = color.NRGBA{byte(x + y), byte(x*y/50 + int(seed>>30)), byte(y * 3), 255}
			case 3:
				c = color.NRGBA{byte(y), byte(y), byte(y), 255}
			default:
				c = color.NRGBA{byte(x*x/37 + y), byte(255 - x), byte(x ^ y), 255}
			}
			img.Set(x, y, c)
		}
	}
	raw, err := io.ReadAll(zlibReader(t, idat(t, img)))
	if err != nil {
		t.Fatal(err)
	}
	stride := 1 + 3*97
	used := map[byte]bool{}
	for y := 0; y+stride <= len(raw); y += stride {
		used[raw[y]] = true
	}
	if len(used) != 5 {
		t.Fatalf("the encoder used filters %v; the picture must make it use all five", used)
	}
	var d pdfDoc
	r, err := d.predicted(zlibReader(t, idat(t, img)), parseDict([]byte("<</Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns 97>>")))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3*97*240 {
		t.Fatalf("%d bytes, want %d", len(got), 3*97*240)
	}
	for i := 0; i < len(got); i += 3 {
		p := img.Pix[4*(i/3):]
		if got[i] != p[0] || got[i+1] != p[1] || got[i+2] != p[2] {
			t.Fatalf("pixel %d is %v, want %v", i/3, got[i:i+3], p[:3])
		}
	}
}

func zlibReader(t *testing.T, b []byte) io.Reader {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
