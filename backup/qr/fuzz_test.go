package qr

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/bmp"
)

// FuzzScanBytes feeds ScanBytes mangled images: it must never panic, and
// it refuses only what the limits say. Inputs declaring more than a few
// megapixels are left out so that each run stays fast; TestLimits covers
// those.
func FuzzScanBytes(f *testing.F) {
	// Small seeds (2 pixels a module) keep each run to a millisecond or so.
	q, err := qrcode.New(uri(1), qrcode.Medium)
	if err != nil {
		f.Fatal(err)
	}
	code, err := q.PNG(-2)
	if err != nil {
		f.Fatal(err)
	}
	img, err := DecodeImage(code)
	if err != nil {
		f.Fatal(err)
	}
	var g, b bytes.Buffer
	gif.Encode(&g, img, nil)
	bmp.Encode(&b, img)
	for _, seed := range [][]byte{code, g.Bytes(), b.Bytes(), bombPNG(f, 300, 300), []byte("GIF89a"), nil} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err == nil && int64(cfg.Width)*int64(cfg.Height) > 250_000 {
			t.Skip()
		}
		found, err := ScanBytes(data)
		var tl *TooLargeError
		if errors.As(err, &tl) {
			t.Fatalf("refused %d bytes declaring %d×%d as too large: %v", len(data), cfg.Width, cfg.Height, err)
		}
		if err == nil && len(found) == 0 {
			t.Fatal("no error and no code")
		}
	})
}
