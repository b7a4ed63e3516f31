package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"testing"
)

// screenshotLike draws a w×h desktop: a dark background, a light window
// with rows of "text", and one code of 5-pixel modules in the window, as
// a web page shows it. It returns *image.RGBA, what the capture returns.
func screenshotLike(tb testing.TB, w, h int, text string) *image.RGBA {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(r image.Rectangle, c color.RGBA) { draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src) }
	fill(img.Rect, color.RGBA{0x2b, 0x2b, 0x2b, 0xff})
	win := image.Rect(w/8, h/10, w*7/8, h*9/10)
	fill(win, color.RGBA{0xfa, 0xfa, 0xfa, 0xff})
	fill(image.Rect(win.Min.X, win.Min.Y, win.Max.X, win.Min.Y+32), color.RGBA{0x3c, 0x40, 0x46, 0xff})
	r := rand.New(rand.NewPCG(1, 2))
	for y := win.Min.Y + 60; y < win.Max.Y-20; y += 22 {
		for x := win.Min.X + 30; x < win.Min.X+win.Dx()/2; {
			word := 20 + r.IntN(60)
			fill(image.Rect(x, y, x+word, y+10), color.RGBA{0x40, 0x40, 0x40, 0xff})
			x += word + 8
		}
	}
	pngBytes, err := PNG(text)
	if err != nil {
		tb.Fatal(err)
	}
	code, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		tb.Fatal(err)
	}
	// PNG draws about 512 pixels; a page shows it nearer 250.
	small := toGray(code).scaled(1, 2)
	at := image.Pt(win.Min.X+win.Dx()*5/8, win.Min.Y+80)
	for y := 0; y < small.h && at.Y+y < h; y++ {
		for x := 0; x < small.w && at.X+x < w; x++ {
			v := small.pix[y*small.w+x]
			img.SetRGBA(at.X+x, at.Y+y, color.RGBA{v, v, v, 0xff})
		}
	}
	return img
}

// BenchmarkScan times ScanImage on one code in a screenshot, the work of
// "Scan QR code from screen" after the capture. Target: ≤ 150 ms at
// 1920×1080.
func BenchmarkScan(b *testing.B) {
	for _, size := range []image.Point{{1280, 800}, {1920, 1080}, {3840, 2160}} {
		b.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(b *testing.B) {
			want := uri(1)
			img := screenshotLike(b, size.X, size.Y, want)
			for b.Loop() {
				found, err := ScanImage(img)
				if err != nil || len(found) != 1 || texts(found)[0] != want {
					b.Fatalf("found %q, %v", texts(found), err)
				}
			}
		})
	}
}

func TestScreenshotLike(t *testing.T) {
	// The benchmark's picture holds one readable code and nothing else.
	found, err := ScanImage(screenshotLike(t, 1920, 1080, uri(3)))
	if err != nil || len(found) != 1 || texts(found)[0] != uri(3) {
		t.Fatalf("found %q, %v", texts(found), err)
	}
}
