package gui

import (
	"fyne.io/fyne/v2"
)

// The row's renderer: where each part of a row goes.

type rowRenderer struct {
	r    *row
	objs []fyne.CanvasObject
}

func (rr *rowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *rowRenderer) Destroy()                     {}
func (rr *rowRenderer) MinSize() fyne.Size           { return fyne.NewSize(280, rowHeight) }

func (rr *rowRenderer) Refresh() {
	rr.r.applyTheme()
	rr.Layout(rr.r.Size())
	for _, o := range rr.objs {
		o.Refresh()
	}
}

// Layout places, left to right: avatar, labels, next code, code, ring or
// next button, menu button. The code is right-aligned so codes line up.
func (rr *rowRenderer) Layout(size fyne.Size) {
	r := rr.r
	const pad = 8
	midY := size.Height / 2
	r.hover.Resize(size)
	r.avatarBg.Move(fyne.NewPos(pad, midY-avatarSize/2))
	r.avatarBg.Resize(fyne.NewSize(avatarSize, avatarSize))
	ts := r.avatarText.MinSize()
	r.avatarText.Move(fyne.NewPos(pad, midY-ts.Height/2))
	r.avatarText.Resize(fyne.NewSize(avatarSize, ts.Height))
	const glyph = avatarSize * 3 / 5
	r.avatarIcon.Move(fyne.NewPos(pad+(avatarSize-glyph)/2, midY-glyph/2))
	r.avatarIcon.Resize(fyne.NewSize(glyph, glyph))

	x := size.Width - pad
	bs := r.menuBtn.MinSize()
	x -= bs.Width
	r.menuBtn.Move(fyne.NewPos(x, midY-bs.Height/2))
	r.menuBtn.Resize(bs)
	x -= pad
	// The ring's slot is the same in every time-based row, so their codes
	// line up; an HOTP row's "Next code" takes the room it needs.
	slot := float32(ringSize)
	if !r.hasRing {
		slot = r.nextBtn.MinSize().Width
	}
	x -= slot
	if r.hasRing {
		// An Arc's doc says Move sets its centre, but 2.7.1 draws it in
		// its bounds like any other object.
		c := fyne.NewPos(x+(slot-ringSize)/2, midY-ringSize/2)
		for _, o := range []fyne.CanvasObject{r.ringBg, r.ring} {
			o.Resize(fyne.NewSize(ringSize, ringSize))
			o.Move(c)
		}
		s := r.secsText.MinSize()
		r.secsText.Move(fyne.NewPos(c.X, midY-s.Height/2))
		r.secsText.Resize(fyne.NewSize(ringSize, s.Height))
	} else {
		nb := r.nextBtn.MinSize()
		r.nextBtn.Move(fyne.NewPos(x+(slot-nb.Width)/2, midY-nb.Height/2))
		r.nextBtn.Resize(nb)
	}
	x -= pad * 1.5
	cs := r.code.MinSize()
	x -= cs.Width
	r.code.Move(fyne.NewPos(x, midY-cs.Height/2))
	r.code.Resize(cs)
	if r.next.Text != "" {
		ns := r.next.MinSize()
		x -= ns.Width + pad
		// Share the code's baseline, so the two read as one line.
		r.next.Move(fyne.NewPos(x, midY+cs.Height/2-ns.Height-2))
		r.next.Resize(ns)
	}

	rr.layoutLabels(x, midY)
}

// layoutLabels places the issuer, the name and the recovery codes left in
// the room left of x.
func (rr *rowRenderer) layoutLabels(x, midY float32) {
	r := rr.r
	const pad = 8
	left := float32(pad + avatarSize + pad + 4)
	textW := max(x-left-pad, 20)
	starW := float32(0)
	if !r.star.Hidden {
		starW = 20
	}
	r.issuer.Text = ellipsize(r.title, textW-starW, issuerTextSize, r.issuer.TextStyle)
	// The recovery codes left share the name's line, after it; the name
	// gives way first.
	codesW := float32(0)
	if r.codes.Text != "" {
		codesW = min(r.codes.MinSize().Width, textW)
	}
	nameW := textW
	if codesW > 0 {
		nameW = max(textW-codesW-pad, 0)
	}
	r.name.Text = ellipsize(r.sub, nameW, nameTextSize, r.name.TextStyle)
	is, ns := r.issuer.MinSize(), r.name.MinSize()
	y := midY - is.Height/2
	if r.sub != "" || codesW > 0 {
		y = midY - (is.Height+ns.Height)/2
	}
	cx := left
	if r.name.Text != "" {
		cx += r.name.MinSize().Width + pad
	}
	r.codes.Move(fyne.NewPos(cx, y+is.Height))
	r.codes.Resize(fyne.NewSize(codesW, ns.Height))
	r.star.Move(fyne.NewPos(left, y+(is.Height-16)/2))
	r.star.Resize(fyne.NewSize(16, 16))
	r.issuer.Move(fyne.NewPos(left+starW, y))
	r.issuer.Resize(fyne.NewSize(textW-starW, is.Height))
	r.name.Move(fyne.NewPos(left, y+is.Height))
	r.name.Resize(fyne.NewSize(nameW, ns.Height))
}
