package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

func (u *UI) markUsedOnCopy() bool { return u.prefs.p.BoolWithFallback(prefMarkUsedOnCopy, false) }

// markUsedCheck is the settings check for prefMarkUsedOnCopy.
func (u *UI) markUsedCheck() *widget.Check {
	c := widget.NewCheck("Mark a recovery code used when copied", func(on bool) { u.prefs.p.SetBool(prefMarkUsedOnCopy, on) })
	c.SetChecked(u.markUsedOnCopy())
	return c
}

// codesHint is "7 of 10 left", with the low warning when it applies, for
// the details screen; "" when the account has no codes.
func codesHint(a *core.Account) string {
	s := a.RecoveryCodesSummary()
	if w := a.RecoveryCodesWarning(); w != "" {
		s += " — " + w
	}
	return s
}

// codesPanel is the state of the recovery-codes screen for one account,
// found again by ID on every action (the vault may change under it).
type codesPanel struct {
	u     *UI
	id    string
	back  func()
	paste *widget.Entry
}

// showCodes opens the recovery-codes panel of Doc.Accounts[i]; back
// returns to where it was opened from (the list, or the details page).
func (u *UI) showCodes(i int, back func()) {
	u.activity()
	p := &codesPanel{u: u, id: u.vault.Doc.Accounts[i].ID, back: back}
	p.paste = widget.NewMultiLineEntry()
	p.paste.SetPlaceHolder("Paste or type recovery codes (spaces, commas or one per line)")
	p.paste.TextStyle = fyne.TextStyle{Monospace: true}
	p.paste.SetMinRowsVisible(3)
	p.render()
}

// account is the panel's account, or nil if it was deleted meanwhile.
func (p *codesPanel) account() (*core.Account, int) {
	if p.u.vault == nil {
		return nil, -1
	}
	j := p.u.vault.Doc.Index(p.id)
	if j < 0 {
		return nil, -1
	}
	return &p.u.vault.Doc.Accounts[j], j
}

func (p *codesPanel) render() {
	u := p.u
	a, _ := p.account()
	if a == nil {
		u.showList()
		return
	}
	summary := a.RecoveryCodesSummary()
	if summary == "" {
		summary = "No recovery codes saved yet. Sites show them once, when you turn on two-factor sign-in: keep them here."
	}
	head := []fyne.CanvasObject{&widget.Label{Text: summary, Wrapping: fyne.TextWrapWord}}
	if w := a.RecoveryCodesWarning(); w != "" {
		head = append(head, &widget.Label{Text: w, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	rows := container.NewVBox()
	for k := range a.RecoveryCodes {
		rows.Add(p.row(a, k))
	}
	add := widget.NewButtonWithIcon("Add codes", theme.ContentAddIcon(), p.addPasted)
	imp := widget.NewButtonWithIcon("Import file…", theme.FolderOpenIcon(), p.importFile)
	kit := widget.NewButtonWithIcon("Print these codes…", theme.DocumentPrintIcon(), func() { u.askSaveKit(p.id) })
	// The actions stay at the top, above the codes, which scroll on their
	// own: with 16 codes they were below the fold. The scroll bar gets room
	// of its own, so it covers no button.
	top := container.NewVBox(append(head, p.paste, container.NewHBox(add, imp, layout.NewSpacer(), kit), widget.NewSeparator())...)
	scrollRoom := layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()+theme.Padding())
	codes := container.NewVScroll(container.New(scrollRoom, rows))
	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), p.back)
	title := widget.NewLabelWithStyle("Recovery codes — "+nonEmpty(a.Issuer, a.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	u.show(screenCodes, container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, back, nil, title)), nil, nil, nil,
		container.NewPadded(container.NewBorder(top, nil, nil, nil, codes))))
}

// row is one code: the code (greyed, with the date, once used), copy,
// mark used/unused and delete.
func (p *codesPanel) row(a *core.Account, k int) fyne.CanvasObject {
	c := a.RecoveryCodes[k]
	code := &widget.Label{Text: string(c.Code), TextStyle: fyne.TextStyle{Monospace: true}}
	state := &widget.Label{}
	mark := "Mark used"
	if c.UsedAt != nil {
		// Fyne text has no strike-through: used codes are greyed and dated.
		code.Importance = widget.LowImportance
		state.Text = "used " + c.UsedAt.Local().Format("2 Jan 2006")
		state.Importance = widget.LowImportance
		mark = "Mark unused"
	}
	text := string(c.Code)
	cp := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() { p.copy(text) })
	mk := widget.NewButton(mark, func() { p.mark(text, c.UsedAt == nil) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.confirmDelete(text) })
	// The date and the mark button take the same width in every row, used
	// or not, so the rows' buttons line up.
	stateW := (&widget.Label{Text: "used 30 Sep 2000"}).MinSize().Width
	markW := widget.NewButton("Mark unused", nil).MinSize().Width
	return container.NewBorder(nil, nil, nil, container.NewHBox(atLeast(stateW, state), cp, atLeast(markW, mk), del), code)
}

// find is the index of code in the account now, or -1.
func (p *codesPanel) find(code string) (*core.Account, int, int) {
	a, j := p.account()
	if a == nil {
		return nil, -1, -1
	}
	k, err := a.FindRecoveryCode(code)
	if err != nil {
		return nil, -1, -1
	}
	return a, j, k
}

// changed records the edit, saves and redraws.
func (p *codesPanel) changed(j int) {
	p.u.vault.Doc.Touch(j, p.u.clock.Now())
	p.u.save()
	p.render()
}

func (p *codesPanel) copy(code string) {
	a, j, k := p.find(code)
	if a == nil {
		return
	}
	mark := p.u.markUsedOnCopy() && a.RecoveryCodes[k].UsedAt == nil
	text := a.CopyRecoveryCode(k, mark, p.u.clock.Now())
	msg := "Recovery code copied"
	if mark {
		p.changed(j)
		msg += " and marked used"
	}
	p.u.copySecret(text, msg)
}

func (p *codesPanel) mark(code string, used bool) {
	a, j, k := p.find(code)
	if a == nil {
		return
	}
	if a.MarkRecoveryCode(k, used, p.u.clock.Now()) {
		p.changed(j)
	}
}

func (p *codesPanel) confirmDelete(code string) {
	d := dialog.NewConfirm("Delete this recovery code?",
		"Delete it only if the site no longer accepts it. A code you delete cannot be brought back here.",
		func(ok bool) {
			if !ok {
				return
			}
			a, j, k := p.find(code)
			if a == nil {
				return
			}
			if err := a.RemoveRecoveryCode(k); err != nil {
				p.u.showError("Could not delete the code", err)
				return
			}
			p.changed(j)
			p.u.notice.show("Recovery code deleted", "", nil)
		}, p.u.win)
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	p.u.trackDialog(d).Show()
}

func (p *codesPanel) addPasted() {
	if p.addText(p.paste.Text) {
		p.paste.SetText("")
	}
}

// addText parses text (a paste or a site's file) and adds its codes, all
// or none; it reports whether they were added.
func (p *codesPanel) addText(text string) bool {
	a, j := p.account()
	if a == nil {
		return false
	}
	codes, skipped := core.ParseRecoveryCodes(text)
	if len(codes) == 0 {
		p.u.showInfo("No recovery codes found", "Paste the codes as the site shows them: separated by spaces, commas or new lines.")
		return false
	}
	if err := a.AddRecoveryCodes(codes, p.u.clock.Now()); err != nil {
		var dup *core.DuplicateCodesError
		title := "Could not add the codes"
		if errors.As(err, &dup) {
			title = "Some codes are already saved"
		}
		p.u.showError(title, err)
		return false
	}
	p.changed(j)
	msg := "Added " + plural(len(codes), "recovery code")
	if len(skipped) > 0 {
		msg += fmt.Sprintf(" (%s skipped as not codes)", plural(len(skipped), "line"))
	}
	p.u.notice.show(msg, "", nil)
	return true
}

// importFile reads a site's codes file (github-recovery-codes.txt, Google's
// Backup-codes-*.txt…).
func (p *codesPanel) importFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			p.u.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		b, err := backup.CodesInput.Read(r, r.URI().Name())
		if err != nil {
			p.u.showError("Could not read "+r.URI().Name(), err)
			return
		}
		p.addText(strings.ToValidUTF8(string(b), ""))
	}, p.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt"}))
	p.u.trackDialog(d).Show()
}
