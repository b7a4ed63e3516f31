package qr

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/multi/qrcode/detector"
)

// finderTiles draws a side×side white square tiled with QR finder
// patterns (7×7 modules of 3 pixels) every 30 pixels across and down:
// a 600-pixel one is a 1.8 KB PNG that kept gozxing busy for minutes.
func finderTiles(side int) *image.Gray {
	rows := []string{"1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"}
	const module, step = 3, 30
	img := image.NewGray(image.Rect(0, 0, side, side))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for oy := 0; oy+7*module <= side; oy += step {
		for ox := 0; ox+7*module <= side; ox += step {
			for r, row := range rows {
				for c, bit := range row {
					if bit == '0' {
						continue
					}
					for y := range module {
						for x := range module {
							img.SetGray(ox+c*module+x, oy+r*module+y, color.Gray{})
						}
					}
				}
			}
		}
	}
	return img
}

// timeLimit is the 2 s for any image, in a normal build; the race
// detector's slowdown stretches it as it stretches ScanBudget. It is
// checked against the CPU time the scan used (all of it in this process,
// GC included), which on a machine shared with other work is what the
// scan would take alone; the wall time is logged beside it.
const timeLimit = 2 * time.Second * raceSlowdown

// TestTooManyPatterns scans images tiled with finder patterns, small to
// large: each is refused within 2 s and a bounded allocation, with the
// message that says what to do.
func TestTooManyPatterns(t *testing.T) {
	for _, side := range []int{300, 420, 600, 1200, 2400} {
		t.Run(fmt.Sprintf("%dpx", side), func(t *testing.T) {
			img := finderTiles(side)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start, cpu0 := time.Now(), cpuTime()
			found, err := ScanImage(img)
			took, cpu := time.Since(start), cpuTime()-cpu0
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			// Each pass copies the image (a byte a pixel) and binarizes it;
			// the search itself allocates little once refused.
			limit := uint64(16<<20 + 12*side*side)
			t.Logf("%d×%d: refused in %v (%v of CPU), %d MB allocated (limit %d MB)", side, side, took, cpu, alloc>>20, limit>>20)
			var tm *TooManyPatternsError
			if !errors.As(err, &tm) {
				t.Fatalf("found %q, %v; want a TooManyPatternsError", texts(found), err)
			}
			for _, want := range []string{"this image has too many QR-like patterns", "crop the picture to the code"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q does not say %q", err, want)
				}
			}
			if cpu > timeLimit {
				t.Errorf("took %v of CPU, want ≤ %v", cpu, timeLimit)
			}
			if alloc > limit {
				t.Errorf("allocated %d MB, want ≤ %d MB", alloc>>20, limit>>20)
			}
		})
	}
}

// TestCountFinders checks the hand-written pre-count against gozxing's
// own multi finder, which reports each new candidate to a callback: the
// limit is on the number gozxing's cubic step would see.
func TestCountFinders(t *testing.T) {
	for _, side := range []int{30, 60, 150, 240, 270} {
		t.Run(fmt.Sprintf("%dpx", side), func(t *testing.T) {
			bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(toGray(finderTiles(side)).source()))
			if err != nil {
				t.Fatal(err)
			}
			m, err := bmp.GetBlackMatrix()
			if err != nil {
				t.Fatal(err)
			}
			gozxingSaw := 0
			finder := detector.NewMultiFinderPatternFinder(m, func(gozxing.ResultPoint) { gozxingSaw++ })
			_, _ = finder.FindMulti(hints)
			tiles := (side + 9) / 30
			if got := countFinders(m, 1<<30); got != gozxingSaw || got != tiles*tiles {
				t.Errorf("counted %d candidates, gozxing saw %d, the image has %d", got, gozxingSaw, tiles*tiles)
			}
			if got := countFinders(m, 3); tiles*tiles > 3 && got != 4 {
				t.Errorf("with limit 3 counted %d, want it to stop at 4", got)
			}
		})
	}
}

// TestUnderPatternLimit scans the largest tiling under the limit: it
// holds no code, and the full search over it stays within the time.
func TestUnderPatternLimit(t *testing.T) {
	img := finderTiles(240) // 8×8 = 64 patterns
	start, cpu0 := time.Now(), cpuTime()
	_, err := ScanImage(img)
	took, cpu := time.Since(start), cpuTime()-cpu0
	t.Logf("64 patterns searched in %v (%v of CPU)", took, cpu)
	if !errors.Is(err, ErrNoCode) {
		t.Fatalf("got %v, want ErrNoCode: the image is under the limit and was searched", err)
	}
	if cpu > timeLimit {
		t.Errorf("took %v of CPU, want ≤ %v", cpu, timeLimit)
	}
}
