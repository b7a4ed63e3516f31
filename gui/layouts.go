package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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

// vspace is a fixed vertical gap.
func vspace(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(1, h))
	return r
}
