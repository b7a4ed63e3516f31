package gui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// progress is the one "working" dialog: a line saying what runs and a
// spinner, shown while something runs off the UI goroutine (reading a file,
// the KDF, the kit PDF, a screen scan). It is tracked, so a lock closes it;
// the returned func closes it when the work is done. The work itself takes
// no percentage: none of it reports one (a 10,000-account backup takes
// about 25 ms, a KDF is one call).
func (u *UI) progress(text string) func() {
	act := widget.NewActivity()
	d := dialog.NewCustomWithoutButtons("", container.NewVBox(widget.NewLabel(text), act), u.win)
	d.SetOnClosed(act.Stop)
	u.trackDialog(d).Show()
	act.Start()
	return d.Hide
}
