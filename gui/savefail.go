package gui

import "fyne.io/fyne/v2"

// saveFailed follows a save that did not reach the disk (disk full, the
// lock held by another Lifeline, vault.age changed meanwhile): the document
// goes back to what vault.age holds, so the window never shows, or indexes
// into, a change that is not there, and the list is rebuilt from it. The
// error is shown with what was lost.
func (u *UI) saveFailed(err error) {
	if rerr := u.vault.Revert(); rerr != nil {
		// The document keeps the unsaved change; the list is rebuilt from
		// it all the same, so no row points past its end.
		fyne.LogError("reloading the vault after a failed save", rerr)
	}
	if u.list != nil {
		u.list.rebuild()
	}
	u.showError("Your change was not saved", err)
}
