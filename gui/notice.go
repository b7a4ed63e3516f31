package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Notice durations: a plain notice, and one with an action such as Undo.
const (
	noticeTime       = 4 * time.Second
	noticeActionTime = 10 * time.Second
)

// notice is a short message floating at the bottom of the list ("Copied —
// clears in 30 s", "Deleted GitHub  Undo"). It hides itself after a while.
type notice struct {
	u       *UI
	text    *widget.Label
	action  *widget.Button
	box     *fyne.Container
	bg      *canvas.Rectangle
	overlay *fyne.Container // add this on top of a screen
	stop    func() bool
	gen     int
}

func newNotice(u *UI) *notice {
	n := &notice{u: u}
	n.text = widget.NewLabel("")
	n.action = &widget.Button{Importance: widget.HighImportance}
	n.bg = canvas.NewRectangle(nil)
	n.bg.StrokeWidth = 1
	n.box = container.NewStack(n.bg, container.NewPadded(container.NewHBox(n.text, n.action)))
	n.box.Hide()
	n.overlay = container.NewVBox(layout.NewSpacer(), container.NewCenter(n.box), widget.NewLabel(""))
	return n
}

// show displays text, with an action button when action is not nil.
func (n *notice) show(text, actionText string, action func()) {
	n.gen++
	gen := n.gen
	if n.stop != nil {
		n.stop()
	}
	n.text.SetText(text)
	d := noticeTime
	if action != nil {
		d = noticeActionTime
		n.action.SetText(actionText)
		n.action.OnTapped = func() {
			n.hide()
			action()
		}
		n.action.Show()
	} else {
		n.action.Hide()
	}
	n.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground) // the theme may have changed
	n.bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	n.bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	n.box.Show()
	n.overlay.Refresh() // lay the box out for its new text and button
	n.stop = n.u.after(d, func() {
		if n.gen == gen {
			n.hide()
		}
	})
}

func (n *notice) hide() {
	n.box.Hide()
	n.action.OnTapped = nil
}

// Text is what the notice says, "" when hidden.
func (n *notice) Text() string {
	if n.box.Hidden {
		return ""
	}
	return n.text.Text
}
