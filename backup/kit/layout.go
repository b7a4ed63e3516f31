package kit

import (
	"bytes"
	_ "embed"
	"fmt"

	"github.com/go-pdf/fpdf"
)

// The app icon, drawn beside the title.
//
//go:embed icon.png
var iconPNG []byte

type rgb struct{ r, g, b int }

// The palette follows the app icon: a deep teal for structure, its red for
// warnings, and greys for everything secondary.
var (
	ink      = rgb{0x1f, 0x23, 0x28}
	muted    = rgb{0x5b, 0x63, 0x6c}
	faint    = rgb{0xa8, 0xae, 0xb4}
	rule     = rgb{0xd8, 0xdc, 0xe0}
	accent   = rgb{0x0f, 0x5e, 0x6b}
	tint     = rgb{0xeb, 0xf5, 0xf6}
	danger   = rgb{0xb4, 0x23, 0x2c}
	dangerBg = rgb{0xfd, 0xee, 0xee}
	white    = rgb{0xff, 0xff, 0xff}
)

// document is a kit being drawn. Units are millimetres; y grows downwards.
type document struct {
	pdf         *fpdf.Fpdf
	meta        Meta
	w, h        float64 // page size
	margin      float64 // left, right and top
	bottom      float64 // y below which content may not go
	left, right float64 // content edges
	width       float64 // right - left
	family      string  // the current font family
	label       string  // a checklist's title, for its footer ("" for a kit)
	err         error   // the first drawing error; Write returns it
}

// fail keeps the first error met while drawing.
func (d *document) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func newDocument(page Page, m Meta) (*document, error) {
	size := "A4"
	if page == Letter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	d := &document{pdf: pdf, meta: m, margin: 18}
	d.w, d.h = pdf.GetPageSize()
	d.left, d.right = d.margin, d.w-d.margin
	d.bottom = d.h - 20
	d.width = d.right - d.left

	pdf.AddUTF8FontFromBytes(sans, "", sansRegular)
	pdf.AddUTF8FontFromBytes(sans, "B", sansBold)
	pdf.AddUTF8FontFromBytes(mono, "", monoRegular)
	pdf.RegisterImageOptionsReader("icon", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(iconPNG))
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("preparing the recovery kit: %w", err)
	}
	pdf.SetMargins(d.margin, d.margin, d.margin)
	pdf.SetCellMargin(0) // text starts exactly at the content edge
	// Blocks place themselves (need); the automatic break is only a
	// safety net for text longer than a page.
	pdf.SetAutoPageBreak(true, d.h-d.bottom)
	pdf.SetCreationDate(m.Created)
	pdf.SetModificationDate(m.Created)
	pdf.SetTitle("Lifeline Recovery Kit", true)
	pdf.SetCreator("Lifeline", true)
	pdf.SetProducer("Lifeline", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(d.footer)
	return d, nil
}

func (d *document) footer() {
	p := d.pdf
	y := d.h - 12
	d.line(d.left, y-4, d.right, y-4, rule, 0.2)
	d.font(sans, "", 7.5, muted)
	what := "Lifeline Recovery Kit"
	if d.meta.Partial {
		what = "Lifeline recovery codes"
	}
	if d.label != "" {
		d.text(d.left, y, fmt.Sprintf("Lifeline  ·  %s  ·  %s", d.label, dateTime(d.meta.Created)))
	} else {
		d.text(d.left, y, fmt.Sprintf("%s  ·  serial %s  ·  checksum %s  ·  %s", what, d.meta.Serial, d.meta.Checksum, dateTime(d.meta.Created)))
	}
	right := fmt.Sprintf("Page %d of {nb}", p.PageNo())
	// The alias is replaced after layout; measure it with two digits.
	d.text(d.right-d.strWidth(fmt.Sprintf("Page %d of 99", p.PageNo())), y, right)
}

func (d *document) font(family, style string, size float64, c rgb) {
	d.family = family
	d.pdf.SetFont(family, style, size)
	d.pdf.SetTextColor(c.r, c.g, c.b)
}

// Every string reaches fpdf through these four, which make it printable
// in the current font first.

// text writes s with its baseline at y.
func (d *document) text(x, y float64, s string) { d.pdf.Text(x, y, printable(d.family, s)) }

// strWidth is the width of s in the current font.
func (d *document) strWidth(s string) float64 { return d.pdf.GetStringWidth(printable(d.family, s)) }

// multi writes s wrapped to w from the current position.
func (d *document) multi(w, lineH float64, s string) {
	d.pdf.MultiCell(w, lineH, printable(d.family, s), "", "L", false)
}

// fit shortens s with an ellipsis until it is at most w wide in the
// current font, for one-line places such as an account's heading.
func (d *document) fit(s string, w float64) string {
	if d.strWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // the longest prefix that fits is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if d.strWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return string(r[:lo]) + "…"
}

// lines is how many lines multi would take.
func (d *document) lines(w float64, s string) int {
	return len(d.pdf.SplitText(printable(d.family, s), w))
}

func (d *document) line(x1, y1, x2, y2 float64, c rgb, width float64) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(width)
	d.pdf.Line(x1, y1, x2, y2)
}

func (d *document) fill(x, y, w, h float64, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "F")
}

// box draws a rounded panel with a fill and a border.
func (d *document) box(x, y, w, h float64, bg, border rgb) {
	d.pdf.SetFillColor(bg.r, bg.g, bg.b)
	d.pdf.SetDrawColor(border.r, border.g, border.b)
	d.pdf.SetLineWidth(0.3)
	d.pdf.RoundedRect(x, y, w, h, 2.5, "1234", "FD")
}

// para writes wrapped text from the current y at x, w wide.
func (d *document) para(x, w float64, s string, size float64, c rgb) {
	d.font(sans, "", size, c)
	d.pdf.SetX(x)
	d.multi(w, size*0.5, s)
}

// paraHeight is the height para would take in the given style.
func (d *document) paraHeight(w float64, s string, style string, size float64) float64 {
	d.font(sans, style, size, ink)
	return float64(d.lines(w, s)) * size * 0.5
}

// heading starts a section: a teal title over a thin rule.
func (d *document) heading(s string) {
	d.need(22)
	y := d.pdf.GetY() + 4
	d.font(sans, "B", 13, accent)
	d.text(d.left, y+5, s)
	d.line(d.left, y+8, d.right, y+8, rule, 0.3)
	d.pdf.SetY(y + 11)
}

// need starts a new page unless h millimetres fit below the current y.
func (d *document) need(h float64) {
	if d.pdf.GetY()+h > d.bottom {
		d.pdf.AddPage()
	}
}

// steps writes a numbered list with hanging numbers.
func (d *document) steps(items []string, size float64) {
	for i, s := range items {
		d.need(d.paraHeight(d.width-8, s, "", size) + 1.5)
		y := d.pdf.GetY()
		d.pdf.SetFillColor(accent.r, accent.g, accent.b)
		d.pdf.Circle(d.left+2.3, y+size*0.25, 2.3, "F")
		d.font(sans, "B", 8, white)
		n := fmt.Sprint(i + 1)
		d.text(d.left+2.3-d.strWidth(n)/2, y+size*0.25+1.05, n)
		d.para(d.left+8, d.width-8, s, size, ink)
		d.pdf.SetY(d.pdf.GetY() + 1.5)
	}
}
