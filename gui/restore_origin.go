package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// originLines are the preview's extra lines for a restore into the open
// vault: who made the backup, and that its backup settings are not taken.
func originLines(o *backup.Opened) []string {
	lines := []string{o.Origin()}
	if s := o.OfferedSettings(); len(s) > 0 {
		lines = append(lines, "The backup holds its own backup settings ("+strings.Join(s, "; ")+"). "+backup.SettingsNotTaken(false))
	}
	return lines
}

// freshRestoreNotes are what the fresh-device restore says about the
// backup before it makes the vault: who made it and, when the backup
// carries backup settings, those settings with a check box (off) to take
// them. adopt is nil when there are none.
func freshRestoreNotes(o *backup.Opened) (notes []fyne.CanvasObject, adopt *widget.Check) {
	origin := &widget.Label{Text: o.Origin(), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	if o.Trusted() {
		origin.Importance = widget.SuccessImportance
	}
	notes = []fyne.CanvasObject{origin}
	s := o.OfferedSettings()
	if len(s) == 0 {
		return notes, nil
	}
	list := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: "The backup holds its own backup settings:\n• " + strings.Join(s, "\n• ") + "\n" + backup.SettingsNotTaken(true)}
	adopt = widget.NewCheck("Take these backup settings", nil)
	return append(notes, list, adopt), adopt
}

// newKeyText says plainly why a restored vault has a new recovery key.
func newKeyText(o *backup.Opened) string {
	return "The backup was opened with the " + o.By + ", not with the recovery key, so this vault has a NEW recovery key. " +
		"Your old recovery kit does not open it: print or write down the key shown now."
}
