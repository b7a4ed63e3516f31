package qr

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/makiuchi-d/gozxing"
)

// gray is an image's luminance, one byte a pixel, row after row. It is
// computed here rather than by gozxing.NewLuminanceSourceFromImage, which
// calls img.At for every pixel: on a full-HD screenshot that alone took
// longer than the whole scan budget.
type gray struct {
	w, h int
	pix  []byte
}

// toGray converts img, with fast paths for the types our decoders and the
// screen capture return. Transparent pixels read as white, as on a page.
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := &gray{w: b.Dx(), h: b.Dy(), pix: make([]byte, b.Dx()*b.Dy())}
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA:
		rgbaRows(g, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), true)
	case *image.NRGBA:
		rgbaRows(g, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y), false)
	default:
		// Paletted, 16-bit and the rest: draw into RGBA once, which is
		// still far faster than At through an interface per pixel.
		rgba := image.NewRGBA(image.Rect(0, 0, g.w, g.h))
		draw.Draw(rgba, rgba.Rect, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(rgba, rgba.Rect, img, b.Min, draw.Over)
		rgbaRows(g, rgba.Pix, rgba.Stride, 0, true)
	}
	return g
}

// rgbaRows fills g from 8-bit RGBA rows, blending over white. Green
// counts twice, as in gozxing's own conversion.
func rgbaRows(g *gray, pix []byte, stride, off int, premultiplied bool) {
	for y := 0; y < g.h; y++ {
		row := pix[off+y*stride : off+y*stride+4*g.w]
		out := g.pix[y*g.w : (y+1)*g.w]
		for x := range out {
			r, gr, bl, a := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2]), uint32(row[4*x+3])
			l := (r + 2*gr + bl) / 4
			if a == 255 {
				out[x] = byte(l)
				continue
			}
			if !premultiplied {
				l = l * a / 255
			}
			out[x] = byte(l + (255 - a))
		}
	}
}

// inverted returns a copy with black and white swapped (white-on-dark codes).
func (g *gray) inverted() *gray {
	out := &gray{w: g.w, h: g.h, pix: make([]byte, len(g.pix))}
	for i, v := range g.pix {
		out.pix[i] = 255 - v
	}
	return out
}

// scaled returns the image shrunk by num/den (num ≤ den) with a box
// filter: averaging keeps thin modules grey rather than dropping them.
func (g *gray) scaled(num, den int) *gray {
	w, h := g.w*num/den, g.h*num/den
	if w < 1 || h < 1 {
		return g
	}
	out := &gray{w: w, h: h, pix: make([]byte, w*h)}
	for y := 0; y < h; y++ {
		y0, y1 := y*den/num, max((y+1)*den/num, y*den/num+1)
		for x := 0; x < w; x++ {
			x0, x1 := x*den/num, max((x+1)*den/num, x*den/num+1)
			sum, n := 0, 0
			for yy := y0; yy < min(y1, g.h); yy++ {
				for xx := x0; xx < min(x1, g.w); xx++ {
					sum += int(g.pix[yy*g.w+xx])
					n++
				}
			}
			out.pix[y*w+x] = byte(sum / max(n, 1))
		}
	}
	return out
}

// enlarged doubles the image and smooths it with a 3×3 box filter: codes
// whose modules are a pixel or two wide, rotated and noisy (a JPEG of a
// photo), binarize into clean modules only once noise is averaged out and
// edges have room. Nearest-neighbour doubling alone found none of the four
// codes of such a test image; with the smoothing it finds three, as zbar.
func (g *gray) enlarged() *gray {
	w, h := 2*g.w, 2*g.h
	big := make([]uint16, w*h)
	for y := 0; y < h; y++ {
		src := g.pix[(y/2)*g.w : (y/2+1)*g.w]
		row := big[y*w : (y+1)*w]
		for x := range row {
			// Horizontal 3-tap sum of the doubled row, then vertical below.
			l, r := src[max(x-1, 0)/2], src[min(x+1, w-1)/2]
			row[x] = uint16(l) + uint16(src[x/2]) + uint16(r)
		}
	}
	out := &gray{w: w, h: h, pix: make([]byte, w*h)}
	for y := 0; y < h; y++ {
		up, mid, down := big[max(y-1, 0)*w:], big[y*w:], big[min(y+1, h-1)*w:]
		row := out.pix[y*w : (y+1)*w]
		for x := range row {
			row[x] = byte((uint32(up[x]) + uint32(mid[x]) + uint32(down[x])) / 9)
		}
	}
	return out
}

// whiteOut paints a rectangle white, so a code already read no longer
// distracts the finder-pattern search from the others. It reports
// whether any pixel changed.
func (g *gray) whiteOut(r image.Rectangle) bool {
	r = r.Intersect(image.Rect(0, 0, g.w, g.h))
	changed := false
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := g.pix[y*g.w+r.Min.X : y*g.w+r.Max.X]
		for i, v := range row {
			if v != 255 {
				row[i], changed = 255, true
			}
		}
	}
	return changed
}

func (g *gray) clone() *gray {
	return &gray{w: g.w, h: g.h, pix: append([]byte(nil), g.pix...)}
}

// source adapts gray to gozxing's LuminanceSource. Cropping and rotation
// stay unsupported (LuminanceSourceBase says so); the QR reader needs
// neither.
type source struct {
	gozxing.LuminanceSourceBase
	g *gray
}

func (g *gray) source() gozxing.LuminanceSource {
	return &source{gozxing.LuminanceSourceBase{Width: g.w, Height: g.h}, g}
}

func (s *source) GetRow(y int, row []byte) ([]byte, error) {
	if len(row) < s.g.w {
		row = make([]byte, s.g.w)
	}
	copy(row, s.g.pix[y*s.g.w:(y+1)*s.g.w])
	return row, nil
}

func (s *source) GetMatrix() []byte               { return s.g.pix }
func (s *source) Invert() gozxing.LuminanceSource { return gozxing.NewInvertedLuminanceSource(s) }
func (s *source) String() string                  { return gozxing.LuminanceSourceString(s) }
