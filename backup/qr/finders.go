package qr

import (
	"fmt"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// MaxFinderPatterns is the most finder-pattern candidates (the three
// nested squares at a QR code's corners, or anything that looks like
// one) an image may hold for a search to start. Both of gozxing's
// detectors weigh every triple of candidates, and the multi-detector
// then tries to decode every triple that looks like a code: an image
// tiled with finder patterns ran for minutes and took gigabytes. A page
// of Lifeline's paper backup holds 12 codes (36 patterns), more than any
// screen or photo in practice; the search at 64 candidates takes about
// 70 ms.
const MaxFinderPatterns = 64

// TooManyPatternsError refuses an image with more than MaxFinderPatterns
// finder-like patterns, before gozxing's cubic search over them.
type TooManyPatternsError struct {
	Limit int // MaxFinderPatterns
}

func (e *TooManyPatternsError) Error() string {
	return fmt.Sprintf("this image has too many QR-like patterns (more than %d, where one code has 3), so it was not searched; crop the picture to the code and scan it again", e.Limit)
}

// checkFinders refuses bmp when it holds more than MaxFinderPatterns
// candidates.
func checkFinders(bmp *gozxing.BinaryBitmap) error {
	m, err := bmp.GetBlackMatrix()
	if err != nil {
		return nil // gozxing's readers will fail on it the same way
	}
	if countFinders(m, MaxFinderPatterns) > MaxFinderPatterns {
		return &TooManyPatternsError{Limit: MaxFinderPatterns}
	}
	return nil
}

// countFinders counts the finder-pattern candidates gozxing's
// multi-detector gathers from m, stopping as soon as there are more than
// limit. It is the row scan of MultiFinderPatternFinder.FindMulti (with
// TRY_HARDER: every third row) written out here, because FindMulti runs
// that scan and the cubic selection over its candidates in one call, with
// no way to stop between them or to stop the scan early; the per-candidate
// checks are gozxing's own (HandlePossibleCenter), so the count is the one
// FindMulti would reach. The single-code detector finds the same
// candidates.
func countFinders(m *gozxing.BitMatrix, limit int) int {
	f := detector.NewFinderPatternFinder(m, nil)
	maxI, maxJ := m.GetHeight(), m.GetWidth()
	state := make([]int, 5)
	for i := detector.FinderPatternFinder_MIN_SKIP - 1; i < maxI; i += detector.FinderPatternFinder_MIN_SKIP {
		// state counts runs of black/white/black/white/black pixels
		// along the row; cur is the run being counted.
		detector.FinderPatternFinder_doClearCounts(state)
		cur := 0
		for j := range maxJ {
			black := m.Get(j, i)
			switch {
			case black && cur&1 == 1, !black && cur&1 == 0 && cur < 4:
				cur++
				state[cur]++
			case black || cur&1 == 1:
				state[cur]++
			case detector.FinderPatternFinder_foundPatternCross(state) && f.HandlePossibleCenter(state, i, j):
				if n := len(f.GetPossibleCenters()); n > limit {
					return n
				}
				cur = 0
				detector.FinderPatternFinder_doClearCounts(state)
			default:
				detector.FinderPatternFinder_doShiftCounts2(state)
				cur = 3
			}
		}
		if detector.FinderPatternFinder_foundPatternCross(state) {
			f.HandlePossibleCenter(state, i, maxJ)
		}
	}
	return len(f.GetPossibleCenters())
}
