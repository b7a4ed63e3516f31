package gui

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// previewLines are the preview's lines (backup.Preview.Lines) as the
// window lists them: "New — GitHub:alice → add".
func previewLines(p *backup.Preview, m backup.Mode) []string {
	var out []string
	for _, l := range p.Lines(m) {
		kind := strings.TrimSuffix(asSentence(l.Kind.String()), ".")
		out = append(out, kind+" — "+l.String()+" → "+l.Action)
	}
	return out
}

// showPreview shows what a restore or an import would do and applies it
// in the mode chosen: Merge by default, Replace only after a confirmation.
// The words are backup.Preview's, as on the command line; the summary and
// the list follow the mode. extra lines (skipped entries of an import)
// come after the counts.
func (u *UI) showPreview(p *backup.Preview, title string, extra []string) {
	heading := &widget.Label{Text: p.Heading() + ".", Wrapping: fyne.TextWrapWord}
	summary := &widget.Label{Wrapping: fyne.TextWrapWord}
	nothing := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	var lines []string
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	objs := []fyne.CanvasObject{heading, summary}
	for _, e := range extra {
		l := &widget.Label{Text: e, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
		if e == backup.MadeHere {
			l.Importance = widget.SuccessImportance // good news, not a warning
		}
		objs = append(objs, l)
	}
	modes := []backup.Mode{backup.Merge, backup.Replace}
	var options []string
	for _, m := range modes {
		options = append(options, strings.TrimSuffix(asSentence(m.String()), ".")+" ("+m.Does()+")")
	}
	mode := widget.NewRadioGroup(options, nil)
	mode.Required = true
	selected := func() backup.Mode { return modes[slices.Index(options, mode.Selected)] }
	secrets := secretChecks(p, func() { mode.OnChanged(mode.Selected) })
	mode.OnChanged = func(string) {
		m := selected()
		summary.SetText(p.Summary(m))
		lines = previewLines(p, m)
		list.Refresh()
		nothing.SetText(p.NothingToDo(m))
		nothing.Hidden = nothing.Text == ""
		if secrets != nil && m == backup.Replace {
			secrets.Hide() // Replace takes the backup as it is
		} else if secrets != nil {
			secrets.Show()
		}
	}
	mode.SetSelected(options[0])
	if p.VaultID == "" {
		mode.Hide() // another app's export: only merging makes sense
	}
	objs = append(objs, nothing, mode)
	if secrets != nil {
		objs = append(objs, secrets)
	}
	body := container.NewBorder(container.NewVBox(objs...), nil, nil, nil, list)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(title, "Apply", "Cancel", body, func(ok bool) {
		if ok {
			u.confirmApply(p, selected())
		}
	}, u.win)
	d.Resize(fyne.NewSize(540, 460))
	u.trackDialog(d).Show()
}

// confirmApply asks once more before a Replace.
func (u *UI) confirmApply(p *backup.Preview, m backup.Mode) {
	if m != backup.Replace {
		u.applyPreview(p, m)
		return
	}
	d := dialog.NewConfirm("Replace the vault?", p.ReplaceWarning(), func(ok bool) {
		if ok {
			u.applyPreview(p, m)
		}
	}, u.win)
	u.trackDialog(d).Show()
}

// applyPreview applies p. It saves a snapshot first and then the vault:
// milliseconds (no KDF), so on the UI goroutine like every save.
func (u *UI) applyPreview(p *backup.Preview, m backup.Mode) {
	if u.vault == nil {
		return
	}
	res, err := u.applyRestore(p, m)
	if err != nil {
		u.showError("Could not restore", err)
		return
	}
	u.backupChanged()
	if u.list != nil {
		u.showList()
	}
	text := p.Done(res) + "\nUndo goes back to " + filepath.Base(res.Snapshot) + "."
	u.notice.show(text, "Undo", func() { u.undoRestore(res.Snapshot) })
}

// undoRestore puts back the vault as the snapshot holds it (Replace).
func (u *UI) undoRestore(snapshot string) {
	if u.vault == nil {
		return
	}
	data, err := backup.BackupInput.ReadFile(snapshot)
	if err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	var k backup.Key
	k.DefaultToVault(u.vault) // the snapshot is this vault's own
	o, err := backup.Read(data, k)
	if err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	p := backup.Plan(u.vault.Doc, backup.FromDocument(o.Doc, filepath.Base(snapshot)), u.clock.Now())
	if _, err := u.applyRestore(p, backup.Replace); err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	u.backupChanged()
	u.showList()
	u.notice.show("The restore was undone.", "", nil)
}
