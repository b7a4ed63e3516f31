package qr

import (
	"errors"
	"image"
	"math"
	"slices"
	"time"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// ErrNoCode says an image was read but holds no QR code we could decode.
var ErrNoCode = errors.New("no QR code found")

// ScanBudget is the time after which ReadTexts starts no further round of
// erase-and-look-again in an image: the first round of each pass always
// runs, a later one only while the budget lasts (stretched under the race
// detector, which slows gozxing tenfold and more). gozxing cannot be
// interrupted, so this bounds the read only because each round is itself
// bounded (MaxFinderPatterns, maxRounds); a full-HD screenshot takes about
// 70 ms in all, and an image of 2400×2400 finder patterns is refused in
// 0.4 s.
const ScanBudget = 1200 * time.Millisecond

// Sizes that shape the passes of ReadTexts. A page photographed at 24
// megapixels has modules dozens of pixels wide: reducing it keeps every
// code readable and cuts the work; the full size gets its own pass. Codes
// whose modules are one or two pixels (a small code in a screenshot) are
// found again at twice the size.
const (
	workSide  = 2400 // longer side above which the first pass works on a reduced copy
	smallSide = 1600 // longer side at or below which an enlarged pass is tried
	maxRounds = 8    // erase-and-look-again rounds per pass; each round reads one code or more
)

var hints = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true}

// ReadTexts returns the text of every QR code in img, each once, in the
// order found. It makes several passes, because each finds codes the
// others miss: the image (reduced if large), its inverse (light codes on
// dark), the full size of a reduced image, an enlarged copy of a small
// image (modules of one or two pixels, JPEG noise), and a reduced copy
// (which smooths noise of a larger kind). Within a pass, each code read is
// painted white and the search repeated: the multi-detector gets confused
// by many finder patterns and otherwise misses some codes of a page. All
// passes always run, so a page with several codes gives all of them; on a
// full-HD screenshot they take about 60 ms together.
//
// The image's size is not checked here; callers that take images from
// outside go through the limits (ScanImage, ScanFile and ScanBytes do).
// An image with too many finder-like patterns gives what could be read
// (often nothing); readTexts says why.
func ReadTexts(img image.Image) []string {
	found, _ := readTexts(img)
	return found
}

// readTexts is ReadTexts with the reason it may have given up: a
// *TooManyPatternsError when some pass was refused for its patterns and
// no code was read at all.
func readTexts(img image.Image) ([]string, error) {
	g := toGray(img)
	if g.w == 0 || g.h == 0 {
		return nil, nil
	}
	long := max(g.w, g.h)
	first := g.clone
	if long > workSide {
		den := (long + workSide - 1) / workSide
		first = func() *gray { return g.scaled(1, den) }
	}
	passes := []func() *gray{first, func() *gray { return first().inverted() }}
	if long > workSide {
		passes = append(passes, g.clone)
	}
	if long <= smallSide {
		passes = append(passes, g.enlarged)
	}
	if long <= workSide || (long+workSide-1)/workSide != 2 {
		// A picture the first pass reduced by half has had this one: a
		// page scanned at 300 dpi, a 4K screenshot.
		passes = append(passes, func() *gray { return g.scaled(1, 2) })
	}
	r := reader{deadline: time.Now().Add(ScanBudget * raceSlowdown)}
	for _, pass := range passes {
		r.pass(pass())
	}
	if len(r.found) == 0 && r.tooMany != nil {
		return nil, r.tooMany
	}
	return r.found, nil
}

// reader holds what the passes over one image have read so far.
type reader struct {
	found    []string
	tooMany  error     // set when a round was refused for its patterns
	deadline time.Time // no second or later round of a pass starts after it
}

// pass runs the multi-reader on g until a round reads nothing, painting
// each code it reads white (those of earlier passes too, so they no
// longer hide others). The single-code reader, which finds one code the
// multi-detector sometimes passes over, has the last word in each round.
// A round whose image holds more than MaxFinderPatterns candidates is not
// searched: both of gozxing's detectors are cubic in them.
func (r *reader) pass(g *gray) {
	defer func() {
		// gozxing is a port that indexes arrays by what it reads from the
		// image; a hostile picture must not take the window down with it.
		// What was read before the panic is kept.
		_ = recover()
	}()
	// add keeps new texts and erases every code read; another round is
	// worth it only if the image changed.
	add := func(rs []*gozxing.Result) (changed bool) {
		for _, res := range rs {
			changed = g.whiteOut(codeBounds(res)) || changed
			if t := res.GetText(); t != "" && !slices.Contains(r.found, t) {
				r.found = append(r.found, t)
			}
		}
		return changed
	}
	for round := range maxRounds {
		if round > 0 && !time.Now().Before(r.deadline) {
			return
		}
		bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(g.source()))
		if err != nil {
			return
		}
		if err := checkFinders(bmp); err != nil {
			r.tooMany = err
			return
		}
		rs, _ := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
		if add(rs) {
			continue
		}
		res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
		if err != nil || !add([]*gozxing.Result{res}) {
			return
		}
	}
}

// codeBounds is the rectangle a decoded code covers: its finder-pattern
// centres, the fourth corner they imply, and the 3.5 modules from a centre
// to the code's edge plus one of quiet zone.
func codeBounds(r *gozxing.Result) image.Rectangle {
	pts := r.GetResultPoints()
	if len(pts) < 3 {
		return image.Rectangle{}
	}
	xs := []float64{pts[0].GetX(), pts[1].GetX(), pts[2].GetX(), pts[0].GetX() + pts[2].GetX() - pts[1].GetX()}
	ys := []float64{pts[0].GetY(), pts[1].GetY(), pts[2].GetY(), pts[0].GetY() + pts[2].GetY() - pts[1].GetY()}
	module := 0.0
	for _, p := range pts[:3] {
		if fp, ok := p.(interface{ GetEstimatedModuleSize() float64 }); ok {
			module = max(module, fp.GetEstimatedModuleSize())
		}
	}
	if module == 0 {
		// No estimate: a quarter of the centres' spread is 3.5 modules of
		// the smallest code, more for larger ones; erring wide is safe.
		module = (slicesMax(xs) - slicesMin(xs) + slicesMax(ys) - slicesMin(ys)) / 2 / 4 / 3.5
	}
	m := 4.5 * module
	return image.Rect(int(math.Floor(slicesMin(xs)-m)), int(math.Floor(slicesMin(ys)-m)),
		int(math.Ceil(slicesMax(xs)+m)), int(math.Ceil(slicesMax(ys)+m)))
}

func slicesMin(v []float64) float64 { return min(v[0], v[1], v[2], v[3]) }
func slicesMax(v []float64) float64 { return max(v[0], v[1], v[2], v[3]) }
