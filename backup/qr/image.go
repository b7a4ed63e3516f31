package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"os"

	// The decoders image.Decode may pick: the formats people save
	// screenshots and photos in.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	"github.com/lifelineauth/lifeline/backup"
	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// Limits on what is decoded. A phone photo is 12–50 megapixels and a few
// MB; beyond these an image is a mistake or a decompression bomb, and is
// refused from its header before any pixel is decoded.
const (
	MaxFileBytes = backup.MaxImageFile
	MaxPixels    = 50_000_000
)

// ErrNotImage says the bytes are in no format Lifeline decodes.
var ErrNotImage = errors.New("not an image Lifeline can read (PNG, JPEG, GIF, BMP or WebP) nor a PDF")

// TooLargeError refuses a file over MaxFileBytes or an image over
// MaxPixels, before decoding it.
type TooLargeError struct {
	Bytes         int64 // the file's size, when that was the problem
	Width, Height int   // the image's declared size, when that was
}

func (e *TooLargeError) Error() string {
	if e.Bytes > 0 {
		return fmt.Sprintf("the file is %.1f MB; files over %d MB are not scanned",
			float64(e.Bytes)/(1<<20), MaxFileBytes>>20)
	}
	return fmt.Sprintf("the image is %d×%d pixels (%.0f megapixels); images over %d megapixels are not scanned",
		e.Width, e.Height, float64(e.Width)*float64(e.Height)/1e6, MaxPixels/1_000_000)
}

// checkPixels refuses images over MaxPixels (or with no pixels at all).
func checkPixels(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: the image declares %d×%d pixels", ErrNotImage, w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return &TooLargeError{Width: w, Height: h}
	}
	return nil
}

// DecodeImage decodes file bytes after checking their size and the
// dimensions the header declares, so a tiny PNG that claims 60000×60000
// pixels is refused at once instead of allocating gigabytes.
func DecodeImage(b []byte) (image.Image, error) {
	if int64(len(b)) > MaxFileBytes {
		return nil, &TooLargeError{Bytes: int64(len(b))}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if errors.Is(err, image.ErrFormat) {
		return nil, ErrNotImage
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the image header: %w", err)
	}
	if err := checkPixels(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("cannot decode the %s image: %w", format, err)
	}
	// The frame decoded may differ from the header (GIF frames); check
	// what will actually be scanned too.
	if err := checkPixels(img.Bounds().Dx(), img.Bounds().Dy()); err != nil {
		return nil, err
	}
	return img, nil
}

// ReadImageFile reads and decodes an image file, refusing one over
// MaxFileBytes from its size alone.
func ReadImageFile(path string) (image.Image, error) {
	b, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return DecodeImage(b)
}

// readLimited reads a file of at most MaxFileBytes, refusing a bigger
// one from its size alone.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxFileBytes {
		return nil, &TooLargeError{Bytes: st.Size()}
	}
	// A pipe or a file still growing is read one byte past the limit, so
	// an oversized one is still refused rather than cut short.
	b, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > MaxFileBytes {
		return nil, &TooLargeError{Bytes: int64(len(b))}
	}
	return b, nil
}
