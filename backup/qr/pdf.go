package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"sort"
	"strconv"
)

// A Recovery Kit saved as a PDF (the file itself, not a photo of the
// paper) is what people have on a USB stick or in their cloud drive when
// the computer is gone. Its QR codes are vector drawings: rows of filled
// rectangles (backup/kit/qr.go). Reading them back means finding those
// rectangles in the page content and painting them into an image for the
// QR reader. No library we use reads PDFs (go-pdf/fpdf only writes them),
// and a full PDF renderer would be far larger than this: so this reads
// the subset a QR code needs — the objects, plain or in object streams
// (pdfobj.go), Flate-compressed or plain content streams, filled
// rectangles, the fill colour and the transformation matrix. Text and
// curves are skipped. Pictures, which a scanned kit is made of, are
// decoded and read like photos (pdfimage.go).

// Limits on what a PDF may make Lifeline do, beside MaxFileBytes for the
// file. The kit of 100 accounts with 10 recovery codes each and its paper
// backup has 27 pages, about 5,000 rectangles on the fullest and 13
// megapixels painted in all, read in under a second (BenchmarkScanKitPDF).
const (
	MaxPDFPages     = 100      // pages read
	MaxPDFPageBytes = 16 << 20 // one page's content, unpacked
	MaxPDFShapes    = 200_000  // filled rectangles on one page
	MaxPDFPixels    = 25_000_000
)

// pixelsPerModule is how large a QR module is painted: enough for the
// reader, small enough that a kit's paper pages scan quickly.
const pixelsPerModule = 4

// ErrNoPDFCode says the PDF has no QR code drawn the way Lifeline reads.
var ErrNoPDFCode = errors.New("no QR code found in the PDF: Lifeline reads QR codes drawn on its pages or in its pictures (the Recovery Kit PDF, or a scan of the printed kit); if you can see one, take a screenshot of the page and drop or paste that")

// isPDF says whether b starts like a PDF file.
func isPDF(b []byte) bool { return bytes.HasPrefix(b, []byte("%PDF-")) }

// scanPDF reads the QR codes drawn on every page of a PDF, then those in
// its pictures (pdfimage.go).
func scanPDF(b []byte) ([]Content, error) {
	if int64(len(b)) > MaxFileBytes {
		return nil, &TooLargeError{Bytes: int64(len(b))}
	}
	doc, err := loadPDF(b)
	if err != nil {
		return nil, err
	}
	pages := doc.pages()
	if len(pages) > MaxPDFPages {
		return nil, fmt.Errorf("the PDF has %d pages; PDFs over %d pages are not scanned", len(pages), MaxPDFPages)
	}
	images, err := doc.images(pages)
	if err != nil {
		return nil, err
	}
	var found pdfTexts
	budget := MaxPDFPixels
	for _, p := range pages {
		img, err := doc.renderPage(p, budget)
		if err != nil {
			return nil, err
		}
		if img != nil {
			budget -= img.Bounds().Dx() * img.Bounds().Dy()
			found.read(img)
		}
	}
	unsupported := 0
	for _, im := range images {
		img, err := doc.decodeImage(im)
		if errors.Is(err, errPDFFilter) {
			unsupported++
			continue
		}
		if err != nil {
			return nil, err
		}
		if img != nil {
			found.read(img)
		}
	}
	switch {
	case len(found.texts) > 0:
		return classifyAll(found.texts)
	case found.refused != nil:
		return nil, found.refused
	case unsupported > 0:
		return nil, errPDFEncoding
	}
	return nil, ErrNoPDFCode
}

// errPDFEncoding: no code was read, and some pictures were not decoded.
var errPDFEncoding = errors.New("no QR code found in the PDF, and some of its pictures are in an encoding Lifeline does not read (such as JPEG 2000 or JBIG2, which some scanners write): export the page as PNG or JPEG, or take a screenshot of it, and scan that")

// pdfTexts are the texts read so far, each once, in the order read, and
// why a page or picture was not searched (too many QR-like patterns):
// the answer when no other gave a code.
type pdfTexts struct {
	texts   []string
	seen    map[string]bool
	refused error
}

func (f *pdfTexts) read(img image.Image) {
	ts, err := readTexts(img)
	if err != nil && f.refused == nil {
		f.refused = err
	}
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	for _, t := range ts {
		if !f.seen[t] {
			f.seen[t] = true
			f.texts = append(f.texts, t)
		}
	}
}

// renderPage paints a page's filled rectangles in at most budget pixels;
// nil when it has none.
func (d *pdfDoc) renderPage(page string, budget int) (*image.Gray, error) {
	var content []byte
	refs := d.dict(page)["Contents"]
	if num := refNumber(refs); bytes.HasPrefix(bytes.TrimSpace(d.objs[num]), []byte("[")) {
		refs = d.resolve(refs) // an array of streams kept as an object of its own
	}
	for _, ref := range arrayItems(refs) {
		s, err := d.content(refNumber(ref), MaxPDFPageBytes-len(content))
		if err != nil {
			return nil, err
		}
		content = append(append(content, s...), '\n')
	}
	if len(content) == 0 {
		return nil, nil
	}
	rects, err := filledRects(content)
	if err != nil {
		return nil, err
	}
	return paint(rects, budget)
}

// content is a content stream, unpacked, of at most limit bytes. One in
// an encoding this does not read, or damaged, gives nothing.
func (d *pdfDoc) content(num string, limit int) ([]byte, error) {
	dict, data := d.stream(num)
	if data == nil {
		return nil, nil
	}
	r, last, _, err := d.decoder(dict, data)
	if err != nil || last != "" {
		return nil, nil
	}
	out, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if len(out) > limit {
		return nil, fmt.Errorf("a page of the PDF unpacks to over %d MB; it is not scanned", MaxPDFPageBytes>>20)
	}
	if err != nil && len(out) == 0 {
		return nil, nil // damaged: the other pages may still hold a code
	}
	return out, nil
}

// rect is a filled rectangle in page space, dark or light.
type rect struct {
	x0, y0, x1, y1 float64
	dark           bool
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// then is m followed by n (PDF's "cm" premultiplies the current matrix).
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// gstate is the part of the graphics state a QR code needs.
type gstate struct {
	ctm  matrix
	dark bool
}

// filledRects runs a content stream and returns its filled rectangles, in
// painting order.
func filledRects(content []byte) ([]rect, error) {
	st := gstate{ctm: matrix{1, 0, 0, 1, 0, 0}}
	var stack []gstate
	var nums []float64
	var path []rect
	var out []rect
	lex := lexer{b: content}
	for {
		tok, kind := lex.next()
		if kind == tokEOF {
			break
		}
		if kind == tokNumber {
			if v, err := strconv.ParseFloat(tok, 64); err == nil {
				// No operator read here takes more than 6 operands: a
				// stream of numbers alone costs no memory.
				if len(nums) == 6 {
					nums = append(nums[:0], nums[1:]...)
				}
				nums = append(nums, v)
			}
			continue
		}
		if kind != tokOperator {
			nums = nums[:0]
			continue
		}
		switch tok {
		case "q":
			if len(stack) < 64 {
				stack = append(stack, st)
			}
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(nums) == 6 {
				st.ctm = matrix(nums).then(st.ctm)
			}
		case "g", "rg", "k", "sc", "scn":
			st.dark = darkFill(tok, nums)
		case "re":
			if len(nums) == 4 {
				path = append(path, deviceRect(st.ctm, nums))
			}
			if len(path) > MaxPDFShapes {
				return nil, errPDFShapes
			}
		case "f", "F", "f*", "B", "B*", "b", "b*":
			for _, r := range path {
				r.dark = st.dark
				out = append(out, r)
			}
			path = path[:0]
			if len(out) > MaxPDFShapes {
				return nil, errPDFShapes
			}
		case "n", "S", "s":
			path = path[:0]
		}
		nums = nums[:0]
	}
	return out, nil
}

// darkFill says whether a fill-colour operator's colour is dark (what a
// QR module is), by its luminance.
func darkFill(op string, v []float64) bool {
	switch {
	case op == "k" && len(v) == 4:
		return (1-v[0])*(1-v[3])*0.3+(1-v[1])*(1-v[3])*0.59+(1-v[2])*(1-v[3])*0.11 < 0.5
	case len(v) == 3:
		return v[0]*0.3+v[1]*0.59+v[2]*0.11 < 0.5
	case len(v) == 1:
		return v[0] < 0.5
	}
	return false
}

// deviceRect is the bounding box of x y w h re under the matrix.
func deviceRect(m matrix, v []float64) rect {
	xs, ys := [4]float64{}, [4]float64{}
	for i, c := range [4][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		xs[i], ys[i] = m.apply(v[0]+c[0]*v[2], v[1]+c[1]*v[3])
	}
	r := rect{x0: xs[0], x1: xs[0], y0: ys[0], y1: ys[0]}
	for i := 1; i < 4; i++ {
		r.x0, r.x1 = math.Min(r.x0, xs[i]), math.Max(r.x1, xs[i])
		r.y0, r.y1 = math.Min(r.y0, ys[i]), math.Max(r.y1, ys[i])
	}
	return r
}

// errPDFShapes refuses a page with more than MaxPDFShapes rectangles.
var errPDFShapes = fmt.Errorf("a page of the PDF draws over %d shapes; it is not scanned", MaxPDFShapes)

// errPDFTooBig refuses a PDF whose drawings would take more pictures
// than MaxPDFPixels to read.
var errPDFTooBig = fmt.Errorf("the PDF draws more than Lifeline scans (%d megapixels in all); take a screenshot of the page with the QR code and scan that", MaxPDFPixels/1_000_000)

// paint draws the rectangles on white, at a scale where the smaller side
// of most dark rectangles (a QR module, for a code) is pixelsPerModule,
// in at most budget pixels. Nil when nothing dark was drawn.
func paint(rects []rect, budget int) (*image.Gray, error) {
	var sides []float64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rects {
		if !r.dark || !(r.x1-r.x0 > 0 && r.y1-r.y0 > 0) || math.IsInf(r.x1-r.x0, 0) || math.IsInf(r.y1-r.y0, 0) {
			continue
		}
		sides = append(sides, math.Min(r.x1-r.x0, r.y1-r.y0))
		minX, minY = math.Min(minX, r.x0), math.Min(minY, r.y0)
		maxX, maxY = math.Max(maxX, r.x1), math.Max(maxY, r.y1)
	}
	if len(sides) == 0 {
		return nil, nil
	}
	sort.Float64s(sides)
	module := sides[len(sides)/10]
	w, h := maxX-minX, maxY-minY
	scale := pixelsPerModule / module
	margin := 8 * pixelsPerModule // a quiet zone around codes at the edge
	// A page whose smallest shapes are hairlines is painted smaller, in
	// half of MaxPDFPixels at most: its codes' modules are larger than
	// those. What is left of the budget must hold the page.
	pad := float64(2*margin + 1)
	if limit := float64(MaxPDFPixels / 2); (w*scale+pad)*(h*scale+pad) > limit {
		scale = (math.Sqrt(limit) - pad) / math.Sqrt(w*h)
	}
	fw, fh := w*scale+pad, h*scale+pad
	if !(scale > 0 && fw*fh <= float64(budget)) { // NaN too
		return nil, errPDFTooBig
	}
	iw, ih := int(fw), int(fh)
	img := whitePage(iw, ih)
	// Painting is bounded too: a page of large shapes drawn over each
	// other thousands of times would otherwise take minutes.
	work := 0
	for _, r := range rects {
		c := color.Gray{Y: 0xff}
		if r.dark {
			c = color.Gray{}
		}
		// PDF's y axis points up, an image's down.
		m := float64(margin)
		x0, x1 := int(math.Round((r.x0-minX)*scale+m)), int(math.Round((r.x1-minX)*scale+m))
		y0, y1 := int(math.Round((maxY-r.y1)*scale+m)), int(math.Round((maxY-r.y0)*scale+m))
		area := image.Rect(x0, y0, x1, y1).Intersect(img.Rect)
		if work += area.Dx() * area.Dy(); work > 16*iw*ih {
			return nil, errPDFTooBig
		}
		fill(img, area, c)
	}
	return img, nil
}

// whitePage is a white picture of w×h, to draw or decode onto.
func whitePage(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	fill(img, img.Rect, color.Gray{Y: 0xff})
	return img
}

func fill(img *image.Gray, r image.Rectangle, c color.Gray) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for i := range row {
			row[i] = c.Y
		}
	}
}
