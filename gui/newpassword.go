package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newPassword is the new vault password, typed twice, with its strength
// meter and what is wrong said in words as it is typed: "Create a new
// vault" and the restore onto a new device ask with it.
type newPassword struct {
	password, confirm *widget.Entry
	meter             *strengthMeter
	hint, mismatch    *widget.Label
	// changed runs after each keystroke with whether the pair is
	// acceptable (long enough, the same twice); the screen enables its
	// button with it.
	changed func(ok bool)
}

// newNewPassword makes the fields; placeholder names the first one.
// Enter in the first moves to the second; Enter in the second submits.
func newNewPassword(u *UI, placeholder string, changed func(ok bool), submit func()) *newPassword {
	p := &newPassword{changed: changed,
		password: widget.NewPasswordEntry(),
		confirm:  widget.NewPasswordEntry(),
		meter:    newStrengthMeter(),
		hint:     &widget.Label{Wrapping: fyne.TextWrapWord},
		mismatch: &widget.Label{Importance: widget.DangerImportance, Text: "The two passwords are different."},
	}
	p.password.SetPlaceHolder(placeholder)
	p.confirm.SetPlaceHolder("The same password again")
	p.password.OnChanged = func(string) { p.validate() }
	p.confirm.OnChanged = func(string) { p.validate() }
	p.password.OnSubmitted = func(string) { u.win.Canvas().Focus(p.confirm) }
	p.confirm.OnSubmitted = func(string) { submit() }
	p.validate()
	return p
}

// objects are the fields in their order on the screen.
func (p *newPassword) objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{p.password, p.meter.box, p.hint, p.confirm, p.mismatch}
}

// ok reports whether the password may be used: long enough, typed the
// same twice.
func (p *newPassword) ok() bool {
	return minLen(p.password.Text) == nil && p.confirm.Text == p.password.Text
}

// validate runs as the person types: strength hint, match, changed.
func (p *newPassword) validate() {
	pw := p.password.Text
	score, hint := strength(pw)
	if n := len([]rune(pw)); n > 0 && minLen(pw) != nil {
		hint = "Too short: use at least 8 characters."
		score = 0
	}
	p.meter.set(score, pw == "")
	p.hint.SetText(hint)
	p.hint.Importance = [...]widget.Importance{widget.DangerImportance, widget.WarningImportance, widget.MediumImportance, widget.SuccessImportance, widget.SuccessImportance}[score]
	p.hint.Refresh()
	p.mismatch.Hidden = p.confirm.Text == "" || p.confirm.Text == pw
	p.mismatch.Refresh()
	if p.changed != nil {
		p.changed(p.ok())
	}
}

// enable turns the fields on or off (while the vault is made).
func (p *newPassword) enable(on bool) {
	for _, e := range []*widget.Entry{p.password, p.confirm} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
}
