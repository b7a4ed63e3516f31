package gui

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// formLayout is the type of Fyne's form layout: settings' form() and the
// dialogs' widget.Form lay out label, widget, label, widget... with it.
var formLayout = reflect.TypeOf(layout.NewFormLayout())

// labelled is the widget of type T that a form on screen (the window's or
// a dialog's) shows beside the label text; it fails the test if there is
// none, or more than one.
func labelled[T fyne.CanvasObject](t testing.TB, u *UI, label string) T {
	t.Helper()
	var found []T
	everything(u, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || reflect.TypeOf(c.Layout) != formLayout {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			if textOf(c.Objects[i]) == label {
				walk(c.Objects[i+1], func(o fyne.CanvasObject) {
					if w, ok := o.(T); ok {
						found = append(found, w)
					}
				})
			}
		}
	})
	if len(found) != 1 {
		var zero T
		t.Fatalf("%d %T labelled %q on screen %q; text:\n%s", len(found), zero, label, u.Screen(), visibleText(u))
	}
	return found[0]
}

// textOf is the text of a form's label: a widget.Label, or the
// canvas.Text that widget.Form wraps in a container.
func textOf(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text
	case *canvas.Text:
		return x.Text
	case *fyne.Container:
		if len(x.Objects) == 1 {
			return textOf(x.Objects[0])
		}
	}
	return ""
}
