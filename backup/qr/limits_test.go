package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// bombPNG is a valid PNG header declaring w×h grey pixels, followed by a
// little zlib data that would inflate to far more: a decompression bomb.
func bombPNG(t testing.TB, w, h uint32) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&buf, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		buf.WriteString(typ)
		buf.Write(data)
		binary.Write(&buf, binary.BigEndian, c.Sum32())
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	chunk("IHDR", append(ihdr, 8, 0, 0, 0, 0)) // 8-bit greyscale
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write(make([]byte, 8<<20)); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return buf.Bytes()
}

// bigImage has the bounds of a huge image and no pixels behind them.
type bigImage struct{ image.Rectangle }

func (b bigImage) ColorModel() color.Model  { return color.GrayModel }
func (b bigImage) Bounds() image.Rectangle  { return b.Rectangle }
func (b bigImage) At(x, y int) color.Color  { return color.White }
func (b bigImage) Opaque() bool             { return true }
func (b bigImage) SubImage(image.Rectangle) {}

func TestLimits(t *testing.T) {
	dir := testkit.TempDir(t)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bomb := write("bomb.png", bombPNG(t, 60000, 60000))
	var big bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&big, image.NewGray(image.Rect(0, 0, 8000, 7500))); err != nil {
		t.Fatal(err)
	}
	mp60 := write("60mp.png", big.Bytes())
	huge := filepath.Join(dir, "huge.png")
	if f, err := os.Create(huge); err != nil {
		t.Fatal(err)
	} else {
		// Sparse: 51 MB on paper, nothing on disk.
		f.Write(bombPNG(t, 100, 100))
		f.Truncate(51 << 20)
		f.Close()
	}
	var blankPNG bytes.Buffer
	png.Encode(&blankPNG, image.NewGray(image.Rect(0, 0, 300, 200)))
	blank := write("blank.png", blankPNG.Bytes())
	tests := []struct {
		name    string
		scan    func() ([]Content, error)
		want    error
		wantMsg string
	}{
		{"bomb 60000x60000", func() ([]Content, error) { return ScanFile(bomb) }, nil, "60000×60000 pixels (3600 megapixels); images over 50 megapixels"},
		{"60 megapixels", func() ([]Content, error) { return ScanFile(mp60) }, nil, "8000×7500 pixels (60 megapixels)"},
		{"60 megapixels as bytes", func() ([]Content, error) { return ScanBytes(big.Bytes()) }, nil, "60 megapixels"},
		{"file over 50 MB", func() ([]Content, error) { return ScanFile(huge) }, nil, "the file is 51.0 MB; files over 50 MB"},
		{"bytes over 50 MB", func() ([]Content, error) { return ScanBytes(make([]byte, MaxFileBytes+1)) }, nil, "files over 50 MB"},
		{"decoded image over 50 MP", func() ([]Content, error) { return ScanImage(bigImage{image.Rect(0, 0, 10000, 5001)}) }, nil, "10000×5001"},
		{"text file", func() ([]Content, error) { return ScanFile(write("a.txt", []byte("otpauth://totp/x?secret=AA"))) }, ErrNotImage, ""},
		{"empty file", func() ([]Content, error) { return ScanFile(write("empty.png", nil)) }, ErrNotImage, ""},
		{"truncated PNG", func() ([]Content, error) { return ScanFile(write("cut.png", blankPNG.Bytes()[:60])) }, nil, "cannot decode the png image"},
		{"no code", func() ([]Content, error) { return ScanFile(blank) }, ErrNoCode, ""},
		{"missing file", func() ([]Content, error) { return ScanFile(filepath.Join(dir, "nope.png")) }, os.ErrNotExist, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			got, err := tt.scan()
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("scanned %d codes, want an error", len(got))
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %q, want %q", err, tt.want)
			}
			var tl *TooLargeError
			if tt.wantMsg != "" && !bytes.Contains([]byte(err.Error()), []byte(tt.wantMsg)) {
				t.Fatalf("error %q, want it to contain %q", err, tt.wantMsg)
			}
			if errors.As(err, &tl) {
				// Refused from the header or the size: no pixel buffer was
				// made (an 8000×7500 decode allocates 60 MB) and it was quick.
				alloc := after.TotalAlloc - before.TotalAlloc
				t.Logf("refused in %v, %d kB allocated", took, alloc>>10)
				if took > time.Second || alloc > 8<<20 && tt.name != "bytes over 50 MB" {
					t.Errorf("refusal took %v and %d MB: the image was decoded", took, alloc>>20)
				}
			}
		})
	}
}
