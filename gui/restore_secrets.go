package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// secretChecks is one checkbox per secret change in p (an account whose
// newer copy in the backup has another secret, type, algorithm, digits or
// period), each off until the person ticks it: a merge takes the backup's
// code only for those ticked (backup.Item.Accept). changed runs after
// each tick, to refresh the preview's words. It is nil when there is none.
func secretChecks(p *backup.Preview, changed func()) *fyne.Container {
	var checks []fyne.CanvasObject
	for i := range p.Items {
		it := &p.Items[i]
		if it.Kind != backup.NewSecret {
			continue
		}
		text := "Take the backup’s " + strings.Join(it.CodeFields(), ", ") + " for " + it.Label
		checks = append(checks, widget.NewCheck(text, func(on bool) {
			it.Accept = on
			changed()
		}))
	}
	if checks == nil {
		return nil
	}
	intro := &widget.Label{Text: "The backup changes what makes these codes. Keep yours unless you changed them on another device:", Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	return container.NewVBox(append([]fyne.CanvasObject{intro}, checks...)...)
}
