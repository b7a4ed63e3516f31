package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Every dialog lays out its buttons one way, the way Fyne's own confirm,
// form and information dialogs do: one centred row, each button with an
// icon, the one that closes without doing anything (Cancel, Close) first
// and the main action last, highlighted. Fyne's dialogs do it themselves;
// a dialog with other buttons than theirs is made here.

// newDialog is a tracked dialog with content and the buttons in that
// order: dismiss ("Cancel", "Close") closes it; then actions, the last
// being the main one (highlighted, and given the confirm icon if it has
// none). An action does not close the dialog by itself: its handler calls
// Hide when it should. Resize, then Show it.
func (u *UI) newDialog(title string, content fyne.CanvasObject, dismiss string, actions ...*widget.Button) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, u.win)
	buttons := []fyne.CanvasObject{&widget.Button{Text: dismiss, Icon: theme.CancelIcon(), OnTapped: d.Hide}}
	for i, b := range actions {
		if i == len(actions)-1 {
			b.Importance = widget.HighImportance
			if b.Icon == nil {
				b.Icon = theme.ConfirmIcon()
			}
		}
		buttons = append(buttons, b)
	}
	d.SetButtons(buttons)
	u.trackDialog(d)
	return d
}
