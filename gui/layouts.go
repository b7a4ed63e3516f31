package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The layouts the screens share; page (app.go) is the frame of the
// screens below the list.

// centred is a column in the middle of the window, no wider than w: the
// welcome, unlock, recovery key and empty pages.
func centred(w float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewCenter(container.New(&maxWidth{w: w}, container.NewVBox(objs...)))
}

// masthead is the top of a centred column: the app icon, side units
// square, over a centred bold title of the given size, then the rest of
// the column. The welcome, unlock and empty pages open so.
func masthead(side float32, title string, size fyne.ThemeSizeName, rest ...fyne.CanvasObject) []fyne.CanvasObject {
	icon := &canvas.Image{Resource: appIcon, FillMode: canvas.ImageFillContain}
	icon.SetMinSize(fyne.NewSize(side, side))
	t := &widget.Label{Text: title, Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}, SizeName: size}
	return append([]fyne.CanvasObject{icon, t}, rest...)
}

// form lays out label and field pairs.
func form(items ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewFormLayout(), items...)
}

// rightAligned is a row of buttons at the right edge, as dialogs have.
func rightAligned(objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, objs...)...)
}

// maxWidth lays its objects out in a column no wider than w: forms look
// lost when stretched across a wide window.
type maxWidth struct{ w float32 }

func (m *maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, m.w)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (m *maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(s.Width, m.w), s.Height)
}

// slot holds objects that come and go in one place (a problem, a
// spinner): it keeps its height whether they show or not, so that what is
// around it never moves. It is at least lines lines of text high, more
// when what shows needs it; they are laid out one above the other.
type slot struct{ lines int }

func newSlot(lines int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&slot{lines: lines}, objs...)
}

func (s *slot) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height // a wrapped label knows its height once it has its width
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h
	}
}

func (s *slot) MinSize(objs []fyne.CanvasObject) fyne.Size {
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	min := fyne.NewSize(0, float32(s.lines)*line+2*theme.InnerPadding())
	h := float32(0)
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			min.Width = max(min.Width, m.Width)
			h += m.Height
		}
	}
	min.Height = max(min.Height, h)
	return min
}

// atLeast holds o at least w wide, so that objects of different widths
// line up in rows.
func atLeast(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(&minWidth{w: w}, o)
}

type minWidth struct{ w float32 }

func (m *minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (m *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(m.w, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// vspace is a fixed vertical gap.
func vspace(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, h))
	return r
}
