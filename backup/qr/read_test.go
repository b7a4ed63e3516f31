package qr

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
	"golang.org/x/image/bmp"
)

// TestScanFile scans images made by qrencode and degraded by ImageMagick
// the way screenshots, phone photos and printed pages degrade, and wants
// every code in each.
func TestScanFile(t *testing.T) {
	dir := testkit.TempDir(t)
	one := qrencode(t, dir, "one.png", uri(1), "-s", "6", "-l", "M")
	four := func(t *testing.T) string {
		var codes []string
		for i := range 4 {
			codes = append(codes, qrencode(t, dir, "g"+string(rune('a'+i))+".png", uri(10+i), "-s", "5", "-l", "M"))
		}
		grid := filepath.Join(dir, "grid.png")
		if _, err := os.Stat(grid); err != nil {
			magick(t, "montage", append(codes, "-tile", "2x2", "-geometry", "+40+40", grid)...)
		}
		return grid
	}
	all4 := []string{uri(10), uri(11), uri(12), uri(13)}
	out := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		make func(t *testing.T) string
		want []string
	}{
		{"module 1px, EC L", func(t *testing.T) string { return qrencode(t, dir, "s1.png", uri(2), "-s", "1", "-l", "L") }, []string{uri(2)}},
		{"module 2px, EC M", func(t *testing.T) string { return qrencode(t, dir, "s2.png", uri(3), "-s", "2", "-l", "M") }, []string{uri(3)}},
		{"module 6px, EC Q", func(t *testing.T) string { return qrencode(t, dir, "s6.png", uri(4), "-s", "6", "-l", "Q") }, []string{uri(4)}},
		{"module 12px, EC H", func(t *testing.T) string { return qrencode(t, dir, "s12.png", uri(5), "-s", "12", "-l", "H") }, []string{uri(5)}},
		{"version 20 code", func(t *testing.T) string {
			return qrencode(t, dir, "v20.png", uri(6), "-s", "3", "-l", "H", "-v", "20")
		}, []string{uri(6)}},
		{"JPEG quality 40", func(t *testing.T) string { return magick(t, "convert", one, "-quality", "40", out("one.jpg")) }, []string{uri(1)}},
		{"GIF", func(t *testing.T) string { return magick(t, "convert", one, out("one.gif")) }, []string{uri(1)}},
		{"WebP", func(t *testing.T) string { return magick(t, "convert", one, out("one.webp")) }, []string{uri(1)}},
		{"BMP", func(t *testing.T) string { return bmpOf(t, one, out("one.bmp")) }, []string{uri(1)}},
		{"inverted colours", func(t *testing.T) string { return magick(t, "convert", one, "-negate", out("neg.png")) }, []string{uri(1)}},
		{"rotated 90", func(t *testing.T) string { return magick(t, "convert", one, "-rotate", "90", out("r90.png")) }, []string{uri(1)}},
		{"rotated 30 on grey", func(t *testing.T) string {
			return magick(t, "convert", one, "-background", "gray70", "-rotate", "30", out("r30.png"))
		}, []string{uri(1)}},
		{"2x2 grid", four, all4},
		{"2x2 grid rotated 10, half size, JPEG 40", func(t *testing.T) string {
			return magick(t, "convert", four(t), "-rotate", "10", "-resize", "50%", "-quality", "40", out("grid.jpg"))
		}, all4},
		{"2x2 grid with Gaussian noise", func(t *testing.T) string {
			return magick(t, "convert", four(t), "-seed", "7", "-rotate", "10", "-resize", "50%", "-quality", "40", "+noise", "Gaussian", out("noisy.jpg"))
		}, all4},
		{"photo: perspective, uneven light, blur", func(t *testing.T) string {
			return magick(t, "convert", four(t), "-resize", "200%", "-virtual-pixel", "white",
				"-distort", "Perspective", "0,0 40,60  1220,0 1150,20  0,1220 30,1180  1220,1220 1200,1210",
				"(", "-size", "1221x1221", "gradient:white-gray45", ")", "-compose", "multiply", "-composite",
				"-blur", "0x1.5", "-quality", "70", out("photo.jpg"))
		}, all4},
		{"small code in a 12-megapixel page", func(t *testing.T) string {
			small := qrencode(t, dir, "small.png", uri(7), "-s", "3", "-l", "M")
			return magick(t, "convert", "-size", "4000x3000", "xc:white", small, "-geometry", "+2900+2100", "-composite", out("page.png"))
		}, []string{uri(7)}},
		{"code in a dark screenshot", func(t *testing.T) string {
			return magick(t, "convert", "-size", "1920x1080", "xc:#2b2b2b", "(", "-size", "900x700", "xc:white", ")",
				"-geometry", "+300+150", "-composite", one, "-geometry", "+620+300", "-composite", out("shot.png"))
		}, []string{uri(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ScanFile(tt.make(t))
			if err != nil {
				t.Fatal(err)
			}
			if g, w := texts(got), sorted(tt.want...); !slices.Equal(g, w) {
				t.Errorf("found %d codes %q\nwant %d %q", len(g), g, len(w), w)
			}
		})
	}
}

// bmpOf converts a PNG with x/image/bmp: ImageMagick's policy here
// refuses BMP.
func bmpOf(t *testing.T, src, dst string) string {
	img, err := ReadImageFile(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := bmp.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return dst
}
