package kit

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// quietZone is the blank margin a QR code needs around it, in modules.
const quietZone = 4

// qr draws text as a QR code in a square of side size millimetres, quiet
// zone included, with its top-left corner at (x, y). It is drawn as vectors,
// one filled rectangle per horizontal run of dark modules: sharp at any zoom
// or printer resolution, and a few kilobytes where a bitmap costs far more.
func (d *document) qr(x, y, size float64, text string, level qrcode.RecoveryLevel) error {
	q, err := qrcode.New(text, level)
	if err != nil {
		return fmt.Errorf("making a QR code of %d characters: %w", len(text), err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	m := size / float64(len(bits)+2*quietZone)
	x, y = x+quietZone*m, y+quietZone*m
	d.pdf.SetFillColor(0, 0, 0)
	for row, line := range bits {
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			start := col
			for col < len(line) && line[col] {
				col++
			}
			// A hair of overlap hides the seams some renderers leave
			// between adjacent rectangles.
			d.pdf.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m+0.01, m+0.01, "F")
		}
	}
	return nil
}
