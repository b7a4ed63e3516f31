// perfbare is the yardstick for `make perf-gui`: a bare Fyne window from the
// same module versions as Lifeline, measured the same way.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.github.lifelineauth.perfbare")
	w := a.NewWindow("Lifeline")
	w.SetContent(widget.NewLabel("bare Fyne window"))
	w.Resize(fyne.NewSize(560, 720))
	w.ShowAndRun()
}
