package kit

import (
	"fmt"
	"io"
	"time"
)

// Checklist is a printable list of things to do, each with a tick box:
// the lost-device guide (backup/ready). It is drawn with the kit's fonts
// and layout, so it reads like the kit it goes with.
type Checklist struct {
	Title    string
	Subtitle string
	Intro    string
	Sections []ChecklistSection
	Created  time.Time
}

// ChecklistSection is a heading over some items.
type ChecklistSection struct {
	Heading string
	Items   []ChecklistItem
}

// ChecklistItem is one thing to do: a bold line, an explanation and
// commands to type, each optional but the title.
type ChecklistItem struct {
	Title    string
	Text     string
	Commands []string
}

// WriteChecklist writes c as a PDF on paper of size page.
func WriteChecklist(w io.Writer, c Checklist, page Page) error {
	if c.Created.IsZero() {
		c.Created = time.Now()
	}
	d, err := newDocument(page, Meta{Created: c.Created})
	if err != nil {
		return err
	}
	d.label = c.Title
	d.pdf.SetTitle(c.Title, true)
	d.pdf.AddPage()
	d.title(c.Title, c.Subtitle)
	if c.Intro != "" {
		d.para(d.left, d.width, c.Intro, 10, ink)
		d.pdf.SetY(d.pdf.GetY() + 2)
	}
	for _, s := range c.Sections {
		d.heading(s.Heading)
		for _, it := range s.Items {
			d.checkItem(it)
		}
	}
	if d.err != nil {
		return fmt.Errorf("drawing %s: %w", c.Title, d.err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("writing %s: %w", c.Title, err)
	}
	return nil
}

// checkItem draws a tick box beside the item's title, text and commands,
// kept together on one page.
func (d *document) checkItem(it ChecklistItem) {
	const indent, size = 7.0, 9.5
	w := d.width - indent
	h := d.paraHeight(w, it.Title, "B", 10.5) + 2
	if it.Text != "" {
		h += d.paraHeight(w, it.Text, "", size) + 1
	}
	h += float64(len(it.Commands)) * 5
	d.need(h + 3)
	y := d.pdf.GetY()
	d.pdf.SetDrawColor(muted.r, muted.g, muted.b)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Rect(d.left, y+0.6, boxSide+0.6, boxSide+0.6, "D")
	d.font(sans, "B", 10.5, ink)
	d.pdf.SetX(d.left + indent)
	d.multi(w, 5.2, it.Title)
	if it.Text != "" {
		d.para(d.left+indent, w, it.Text, size, ink)
	}
	for _, cmd := range it.Commands {
		d.font(mono, "", 9, ink)
		d.text(d.left+indent+2, d.pdf.GetY()+4, cmd)
		d.pdf.SetY(d.pdf.GetY() + 5)
	}
	end := d.pdf.GetY() + 1.5
	d.line(d.left+indent, end, d.right, end, rule, 0.2)
	d.pdf.SetY(end + 2.5)
}
