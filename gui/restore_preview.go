package gui

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// previewKinds are the kinds a preview lists by name, in this order; the
// rest (identical, only in the vault) are counted only.
var previewKinds = []backup.Kind{backup.New, backup.Changed, backup.Conflict, backup.Older, backup.Deleted, backup.Gone, backup.Duplicate, backup.Invalid}

// previewSummary is the preview's counts as one line: "3 new, 1 changed,
// 2 identical".
func previewSummary(p *backup.Preview) string {
	var parts []string
	for k := backup.New; k <= backup.Invalid; k++ {
		if n := p.Count(k); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	if len(parts) == 0 {
		return "The file holds no accounts."
	}
	return strings.Join(parts, ", ") + "."
}

// previewLines names the accounts that matter: "New — GitHub:alice".
func previewLines(p *backup.Preview) []string {
	var lines []string
	for _, k := range previewKinds {
		for _, it := range p.Items {
			if it.Kind != k {
				continue
			}
			l := asSentence(k.String())
			l = strings.TrimSuffix(l, ".") + " — " + it.Label
			if len(it.Fields) > 0 {
				l += " (" + strings.Join(it.Fields, ", ") + ")"
			}
			if it.Note != "" {
				l += ": " + it.Note
			}
			lines = append(lines, l)
		}
	}
	return lines
}

// showPreview shows what a restore or an import would do and applies it
// in the mode chosen: Merge by default, Replace only after a confirmation.
// extra lines (skipped entries of an import) come after the counts.
func (u *UI) showPreview(p *backup.Preview, title string, extra []string) {
	summary := widget.NewLabel(previewSummary(p))
	summary.Wrapping = fyne.TextWrapWord
	lines := previewLines(p)
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	objs := []fyne.CanvasObject{summary}
	for _, e := range extra {
		l := &widget.Label{Text: e, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
		objs = append(objs, l)
	}
	mode := widget.NewRadioGroup([]string{"Merge (keeps everything in this vault)", "Replace (the vault becomes the backup)"}, nil)
	mode.Required = true
	mode.SetSelected(mode.Options[0])
	if p.VaultID == "" {
		mode.Hide() // another app's export: only merging makes sense
	}
	objs = append(objs, mode)
	top := container.NewVBox(objs...)
	body := container.NewBorder(top, nil, nil, nil, list)
	if len(lines) == 0 {
		body = container.NewBorder(top, nil, nil, nil, widget.NewLabel("Nothing new: every account is already in the vault."))
	}
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(title, "Apply", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		m := backup.Merge
		if mode.Selected == mode.Options[1] {
			m = backup.Replace
		}
		u.confirmApply(p, m)
	}, u.win)
	d.Resize(fyne.NewSize(540, 460))
	u.trackDialog(d).Show()
}

// confirmApply asks once more before a Replace that removes accounts.
func (u *UI) confirmApply(p *backup.Preview, m backup.Mode) {
	removes := 0
	for _, it := range p.Items {
		if it.Action(m) == "remove" {
			removes++
		}
	}
	if m != backup.Replace {
		u.applyPreview(p, m)
		return
	}
	text := "Replace makes the vault hold exactly what the backup holds."
	if removes > 0 {
		text += fmt.Sprintf(" %s will be removed from this vault.", plural(removes, "account"))
	}
	text += " A copy of the vault as it is now is saved first, so you can undo."
	d := dialog.NewConfirm("Replace the vault?", text, func(ok bool) {
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
	res, err := backup.Apply(u.vault, p, m, u.clock.Now())
	if err != nil {
		u.showError("Could not restore", err)
		return
	}
	u.backupChanged()
	if u.list != nil {
		u.showList()
	}
	text := fmt.Sprintf("Restored: %d added, %d updated, %d removed.\nUndo goes back to %s.",
		res.Added, res.Updated, res.Removed, baseName(res.Snapshot))
	u.notice.show(text, "Undo", func() { u.undoRestore(res.Snapshot) })
}

// undoRestore puts back the vault as the snapshot holds it (Replace).
func (u *UI) undoRestore(snapshot string) {
	if u.vault == nil {
		return
	}
	data, err := os.ReadFile(snapshot)
	if err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	rk, err := u.vault.RecoveryKey()
	if err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	o, err := backup.Read(data, backup.Key{RecoveryKey: rk})
	if err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	p := backup.Plan(u.vault.Doc, backup.FromDocument(o.Doc, baseName(snapshot)))
	if _, err := backup.Apply(u.vault, p, backup.Replace, u.clock.Now()); err != nil {
		u.showError("Could not undo the restore", err)
		return
	}
	u.backupChanged()
	u.showList()
	u.notice.show("The restore was undone.", "", nil)
}
