package gui

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// previewLines are a preview's lines (backup.Preview.Lines, or AllLines
// when nothing changes) as the window lists them: "New — GitHub:alice →
// add".
func previewLines(lines []backup.Line) []string {
	var out []string
	for _, l := range lines {
		kind := strings.TrimSuffix(asSentence(l.Kind.String()), ".")
		out = append(out, kind+" — "+l.String()+" → "+l.Action)
	}
	return out
}

// previewScreen shows what a restore or an import would do and applies it
// in the mode chosen: Merge by default, Replace only after a confirmation.
// The words are backup.Preview's, as on the command line; the summary and
// the list follow the mode. It shows in a dialog over the screen.
type previewScreen struct {
	u       *UI
	p       *backup.Preview
	summary *widget.Label
	nothing *widget.Label // "Nothing to restore…", when the mode changes nothing
	lines   []string      // the list's lines for the mode chosen
	list    *widget.List
	modes   []backup.Mode
	options []string // the modes, in words
	mode    *widget.RadioGroup
	secrets *fyne.Container // secretChecks; nil when there is none
	apply   *widget.Button  // disabled while the mode changes nothing
	dialog  dialog.Dialog
}

// showPreview shows the preview of p in a dialog titled title. extra lines
// (skipped entries of an import, where a backup comes from) come after the
// counts.
func (u *UI) showPreview(p *backup.Preview, title string, extra []string) {
	s := newPreviewScreen(u, p)
	d := u.newDialog(title, s.content(extra), "Cancel", s.apply)
	s.dialog = d
	d.Resize(fyne.NewSize(540, 460))
	d.Show()
}

func newPreviewScreen(u *UI, p *backup.Preview) *previewScreen {
	s := &previewScreen{u: u, p: p,
		summary: &widget.Label{Wrapping: fyne.TextWrapWord},
		nothing: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance},
		modes:   []backup.Mode{backup.Merge, backup.Replace},
	}
	s.apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), s.onApply)
	s.list = widget.NewList(func() int { return len(s.lines) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.lines[i]) })
	for _, m := range s.modes {
		s.options = append(s.options, strings.TrimSuffix(asSentence(m.String()), ".")+" ("+m.Does()+")")
	}
	s.mode = widget.NewRadioGroup(s.options, nil)
	s.mode.Required = true
	s.secrets = secretChecks(p, s.refresh)
	s.mode.OnChanged = s.onMode
	s.mode.SetSelected(s.options[0])
	if p.VaultID == "" {
		s.mode.Hide() // another app's export: only merging makes sense
	}
	return s
}

func (s *previewScreen) content(extra []string) fyne.CanvasObject {
	heading := &widget.Label{Text: s.p.Heading() + ".", Wrapping: fyne.TextWrapWord}
	objs := []fyne.CanvasObject{heading, s.summary}
	for _, e := range extra {
		l := &widget.Label{Text: e, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
		if e == backup.MadeHere {
			l.Importance = widget.SuccessImportance // good news, not a warning
		}
		objs = append(objs, l)
	}
	objs = append(objs, s.nothing, s.mode)
	if s.secrets != nil {
		objs = append(objs, s.secrets)
	}
	return container.NewBorder(container.NewVBox(objs...), nil, nil, nil, s.list)
}

// selected is the mode chosen.
func (s *previewScreen) selected() backup.Mode {
	return s.modes[slices.Index(s.options, s.mode.Selected)]
}

func (s *previewScreen) onMode(string) { s.refresh() }

// refresh makes the words follow the mode and the secrets ticked.
func (s *previewScreen) refresh() {
	m := s.selected()
	s.summary.SetText(s.p.Summary(m))
	s.nothing.SetText(s.p.NothingToDo(m))
	s.nothing.Hidden = s.nothing.Text == ""
	if s.nothing.Hidden {
		s.lines = previewLines(s.p.Lines(m))
		s.apply.Enable()
	} else {
		s.lines = previewLines(s.p.AllLines(m)) // what it would do: keep each
		s.apply.Disable()
	}
	s.list.Refresh()
	if s.secrets != nil && m == backup.Replace {
		s.secrets.Hide() // Replace takes the backup as it is
	} else if s.secrets != nil {
		s.secrets.Show()
	}
}

// onApply applies the preview, after asking once more before a Replace.
func (s *previewScreen) onApply() {
	s.dialog.Hide()
	m := s.selected()
	if m != backup.Replace {
		s.applyMode(m)
		return
	}
	d := dialog.NewConfirm("Replace the vault?", s.p.ReplaceWarning(), func(ok bool) {
		if ok {
			s.applyMode(m)
		}
	}, s.u.win)
	s.u.trackDialog(d).Show()
}

// applyMode applies the preview. It saves a snapshot first and then the
// vault: milliseconds (no KDF), so on the UI goroutine like every save.
func (s *previewScreen) applyMode(m backup.Mode) {
	u := s.u
	if u.vault == nil {
		return
	}
	res, err := u.applyRestore(s.p, m)
	if err != nil {
		u.showError("Could not restore", err)
		return
	}
	u.backupChanged()
	if u.list != nil {
		u.showList()
	}
	text := s.p.Done(res) + "\nUndo goes back to " + filepath.Base(res.Snapshot) + "."
	u.notice.show(text, "Undo", func() { s.onUndo(res.Snapshot) })
}

// onUndo puts back the vault as the snapshot holds it (Replace).
func (s *previewScreen) onUndo(snapshot string) {
	u := s.u
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
