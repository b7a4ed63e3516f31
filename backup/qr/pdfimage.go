package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"slices"

	"golang.org/x/image/ccitt"
)

// A kit printed and scanned back often arrives as a PDF too: phone
// scanner apps, office scanners and img2pdf put each page in as a
// picture (JPEG, a Flate-packed bitmap, or CCITT fax for black and
// white). Those pictures are decoded here and read like any photo. JPEG
// 2000 and JBIG2, which Go has no decoder for, are named in the message
// instead.

// Limits on the pictures of one PDF, beside MaxPixels for each: the kit
// of 100 accounts with its paper backup, scanned at 300 dpi, is 27
// pictures of 8.7 megapixels, read in about 7 s
// (BenchmarkScanScannedKitPDF). A picture's sides are bounded too, so
// that one row (up to 16 bits of 4 colours a pixel) stays under a
// megabyte: a page scanned at 1,200 dpi is 10,000 pixels wide.
const (
	MaxPDFImages      = 100         // pictures scanned, of at least 21×21 pixels
	MaxPDFImagePixels = 500_000_000 // their pixels, all together
	MaxPDFImageSide   = 1 << 16     // pixels on either side of one picture
)

// minQRSide is the smallest picture that can hold a QR code: version 1
// is 21 modules wide. Icons and smaller pictures are passed over.
const minQRSide = 21

// pdfImage is a picture to decode: its object and declared size.
type pdfImage struct {
	num  string
	w, h int
}

// images lists the PDF's pictures: those the pages use, in page order,
// then any others the file holds, each once. Masks (the alpha of another
// picture) are not pictures.
func (d *pdfDoc) images(pages []string) ([]pdfImage, error) {
	masks := map[string]bool{}
	for _, num := range d.order {
		dict := d.dict(num)
		if name(dict["Subtype"]) == "Image" {
			masks[refNumber(dict["SMask"])] = true
			masks[refNumber(dict["Mask"])] = true
		}
	}
	var nums []string
	seen := map[string]bool{}
	add := func(num string) {
		if !masks[num] && !seen[num] && name(d.dict(num)["Subtype"]) == "Image" {
			seen[num] = true
			nums = append(nums, num)
		}
	}
	forms := map[string]bool{}
	for _, p := range pages {
		d.xobjects(d.dict(p)["Resources"], forms, add)
	}
	for _, num := range d.order {
		add(num)
	}
	var out []pdfImage
	pixels := 0
	for _, num := range nums {
		dict := d.dict(num)
		w, _ := d.int(dict, "Width")
		h, _ := d.int(dict, "Height")
		if w < minQRSide || h < minQRSide {
			continue
		}
		if w > MaxPDFImageSide || h > MaxPDFImageSide {
			return nil, fmt.Errorf("a picture in the PDF is %d×%d pixels; pictures over %d pixels on a side are not scanned", w, h, MaxPDFImageSide)
		}
		if err := checkPixels(w, h); err != nil {
			return nil, err
		}
		out = append(out, pdfImage{num: num, w: w, h: h})
		if pixels += w * h; pixels > MaxPDFImagePixels || len(out) > MaxPDFImages {
			return nil, errPDFImages
		}
	}
	return out, nil
}

var errPDFImages = fmt.Errorf("the PDF holds more pictures than Lifeline scans (%d, or %d megapixels in all); scan the page with the QR code on its own",
	MaxPDFImages, MaxPDFImagePixels/1_000_000)

// xobjects calls add for each object a resource dictionary names as an
// XObject, by name, and for those of the forms among them, each form
// once (forms holds those seen).
func (d *pdfDoc) xobjects(resources []byte, forms map[string]bool, add func(string)) {
	xo := parseDict(d.resolve(parseDict(d.resolve(resources))["XObject"]))
	keys := make([]string, 0, len(xo))
	for k := range xo {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		num := refNumber(xo[k])
		if num == "" {
			continue
		}
		add(num)
		if dict := d.dict(num); name(dict["Subtype"]) == "Form" && !forms[num] && len(forms) < MaxPDFImages {
			forms[num] = true
			d.xobjects(dict["Resources"], forms, add)
		}
	}
}

// decodeImage decodes a picture: errPDFFilter when its encoding is not
// one Lifeline reads, nil when it is damaged or empty.
func (d *pdfDoc) decodeImage(im pdfImage) (image.Image, error) {
	dict, data := d.stream(im.num)
	r, last, parms, err := d.decoder(dict, data)
	if err != nil {
		return nil, err
	}
	switch last {
	case "DCTDecode", "DCT":
		b, err := io.ReadAll(io.LimitReader(r, MaxFileBytes))
		if err != nil {
			return nil, nil
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != im.w || cfg.Height != im.h {
			// Damaged, or larger than the size the limits counted: the
			// other pictures may still hold a code.
			return nil, nil
		}
		img, err := jpeg.Decode(bytes.NewReader(b))
		if err != nil {
			return nil, nil
		}
		return img, nil
	case "CCITTFaxDecode", "CCF":
		return d.fax(dict, parms, r, im)
	}
	return d.samples(dict, r, im)
}

// fax decodes CCITT Group 4 or Group 3 (one-dimensional) data, what
// scanners write for black and white pages.
func (d *pdfDoc) fax(dict, parms pdfDict, r io.Reader, im pdfImage) (image.Image, error) {
	k, _ := d.int(parms, "K")
	cols, ok := d.int(parms, "Columns")
	if !ok {
		cols = 1728 // the default of the PDF standard
	}
	if k > 0 || cols != im.w {
		return nil, errPDFFilter // mixed 1D/2D Group 3: x/image/ccitt reads the other two
	}
	sf := ccitt.Group3
	if k < 0 {
		sf = ccitt.Group4
	}
	opts := &ccitt.Options{
		Align:  string(parms["EncodedByteAlign"]) == "true",
		Invert: string(parms["BlackIs1"]) == "true",
	}
	img := whitePage(im.w, im.h)
	// A short or damaged stream is kept for the rows it drew; one that
	// drew nothing dark is not scanned. x/image/ccitt says it is not
	// hardened against hostile input: a panic there ends this picture,
	// not the program.
	func() {
		defer func() { _ = recover() }()
		_ = ccitt.DecodeIntoGray(img, r, ccitt.MSB, sf, opts)
	}()
	if !slices.ContainsFunc(img.Pix, func(v byte) bool { return v != 0xff }) {
		return nil, nil
	}
	if inverted(d.resolve(dict["Decode"])) {
		for i, v := range img.Pix {
			img.Pix[i] = 0xff - v
		}
	}
	return img, nil
}

// inverted says a /Decode array swaps dark and light: [1 0].
func inverted(raw []byte) bool {
	items := arrayItems(raw)
	return len(items) >= 2 && string(items[0]) == "1" && string(items[1]) == "0"
}
