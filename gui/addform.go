package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

// manualForm is the "Enter a key" tab: issuer, name, secret and the code
// parameters, validated as you type.
type manualForm struct {
	issuer, name, secret *widget.Entry
	params               *paramsForm
	problem              *widget.Label
	content              fyne.CanvasObject
	changed              func()
}

func newManualForm(changed func()) *manualForm {
	m := &manualForm{changed: changed}
	m.issuer = widget.NewEntry()
	m.issuer.SetPlaceHolder("Service, e.g. GitHub")
	m.name = widget.NewEntry()
	m.name.SetPlaceHolder("Your user name or e-mail")
	m.secret = widget.NewEntry()
	m.secret.TextStyle = fyne.TextStyle{Monospace: true}
	m.secret.SetPlaceHolder("JBSW Y3DP EHPK 3PXP")
	m.secret.Validator = func(s string) error {
		_, err := core.ParseSecret(s)
		return err
	}
	for _, e := range []*widget.Entry{m.issuer, m.name, m.secret} {
		e.OnChanged = func(string) { m.onChanged() }
	}
	m.params = newParamsForm(nil)
	m.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	m.problem.Hide()
	items := []fyne.CanvasObject{
		widget.NewLabel("Issuer"), m.issuer,
		widget.NewLabel("Account"), m.name,
		widget.NewLabel("Secret key"), m.secret,
	}
	items = append(items, m.params.items()...)
	m.params.set(&core.Account{Type: core.TOTP, Digits: 6, Period: 30})
	m.params.changed = m.onChanged
	help := widget.NewLabel("Type the key the site shows under “Can’t scan the QR code?”. Leave the rest as it is unless the site says otherwise.")
	help.Wrapping = fyne.TextWrapWord
	m.content = container.NewVBox(help, form(items...), m.problem)
	return m
}

// onChanged validates the whole form and reports the first problem in
// words, once the person has typed a secret.
func (m *manualForm) onChanged() {
	_, err := m.account()
	m.problem.Hidden = err == nil || strings.TrimSpace(m.secret.Text) == ""
	if err != nil {
		m.problem.SetText(message(err))
	}
	m.problem.Refresh()
	if m.changed != nil {
		m.changed()
	}
}

// account builds the account the form describes, or says what is wrong.
func (m *manualForm) account() (core.Account, error) {
	var a core.Account
	a.Issuer = strings.TrimSpace(m.issuer.Text)
	a.Name = strings.TrimSpace(m.name.Text)
	if strings.TrimSpace(m.secret.Text) == "" {
		return a, errors.New("type the secret key")
	}
	sec, err := core.ParseSecret(m.secret.Text)
	if err != nil {
		return a, err
	}
	a.Secret = sec
	if err := m.params.apply(&a); err != nil {
		return a, err
	}
	if a.Issuer == "" && a.Name == "" {
		return a, errors.New("give the service or the account a name")
	}
	return a, a.Validate()
}
