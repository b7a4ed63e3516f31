package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// backupList is the Backups page's list of the backups this vault knows
// about (backup.ListVault, as `lifeline backup list`): when, how many
// accounts, whether it was verified, and Restore beside each. The backup
// folder is usually hidden under ~/.config, where a file dialog does not
// go; "Other file…" is for every other backup.
type backupList struct {
	u    *UI
	rows *fyne.Container
}

func newBackupList(u *UI) *backupList {
	l := &backupList{u: u, rows: container.NewVBox(widget.NewLabel("Looking for backups…"))}
	l.load()
	return l
}

func (l *backupList) content() fyne.CanvasObject {
	other := widget.NewButtonWithIcon("Other file…", theme.FolderOpenIcon(), l.u.showRestorePicker)
	title := widget.NewLabelWithStyle("Restore a backup", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(container.NewBorder(nil, nil, nil, other, title), l.rows)
}

// load lists the backups off the UI goroutine: each is opened to count
// its accounts.
func (l *backupList) load() {
	u := l.u
	list, err := backup.PrepareList(u.vault)
	if err != nil {
		l.show(nil, err)
		return
	}
	u.goBackground(func() {
		entries, err := list()
		u.do(func() { l.show(entries, err) })
	})
}

func (l *backupList) show(entries []backup.Entry, err error) {
	l.rows.RemoveAll()
	switch {
	case err != nil:
		l.rows.Add(&widget.Label{Text: "Could not list the backups: " + message(err), Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance})
	case len(entries) == 0:
		l.rows.Add(hintText("No backups yet.", fyne.TextAlignLeading))
	}
	for _, e := range entries {
		l.rows.Add(l.row(e))
	}
	l.rows.Refresh()
}

// row is one backup: "2026-05-04 12:00 · 3 accounts · verified" and Restore.
func (l *backupList) row(e backup.Entry) fyne.CanvasObject {
	when := e.Time.Local().Format("2006-01-02 15:04")
	if e.Snapshot {
		when += " (before a restore)"
	}
	what := e.State()
	if h := e.Holds(); h != "" {
		what = h + " · " + what
	}
	text := &widget.Label{Text: when + " · " + what, Truncation: fyne.TextTruncateEllipsis}
	if e.Problem != nil || !e.Verified {
		text.Importance = widget.WarningImportance
	}
	path := e.Path
	restore := widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), func() { l.onRestore(path) })
	return container.NewBorder(nil, nil, nil, restore, text)
}

// onRestore restores the backup at path, as a file chosen or dropped is.
func (l *backupList) onRestore(path string) {
	data, err := backup.BackupInput.ReadFile(path)
	if err != nil {
		l.u.showError("Could not restore "+filepath.Base(path), err)
		return
	}
	l.u.startRestore(data, filepath.Base(path), nil)
}
