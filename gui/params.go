package gui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// paramsForm edits how codes are made: type, algorithm, digits, period,
// counter and PIN. The add form shows it; edit hides it behind a warning.
// Every field validates as you type.
type paramsForm struct {
	typ       *widget.Select
	algorithm *widget.Select
	digits    *widget.Select
	period    *widget.Entry
	counter   *widget.Entry
	pin       *widget.Entry
	rows      map[fyne.CanvasObject]*widget.Label // field → its label, to hide both
	changed   func()
}

func newParamsForm(changed func()) *paramsForm {
	p := &paramsForm{changed: changed, rows: map[fyne.CanvasObject]*widget.Label{}}
	var types []string
	for _, t := range core.Types {
		types = append(types, t.Name())
	}
	p.typ = widget.NewSelect(types, func(string) { p.onType() })
	p.algorithm = widget.NewSelect([]string{otp.SHA1.String(), otp.SHA256.String(), otp.SHA512.String()}, func(string) { p.notify() })
	p.digits = widget.NewSelect([]string{"6", "7", "8", "9", "10"}, func(string) { p.notify() })
	p.period = widget.NewEntry()
	p.period.Validator = func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < core.MinPeriod || n > core.MaxPeriod {
			return fmt.Errorf("the period is a number of seconds from %d to %d", core.MinPeriod, core.MaxPeriod)
		}
		return nil
	}
	p.counter = widget.NewEntry()
	p.counter.Validator = func(s string) error {
		if _, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64); err != nil {
			return errors.New("the counter is a whole number, 0 or more")
		}
		return nil
	}
	p.pin = widget.NewPasswordEntry()
	p.pin.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("this type of account needs its PIN")
		}
		return nil
	}
	for _, e := range []*widget.Entry{p.period, p.counter, p.pin} {
		e.OnChanged = func(string) { p.notify() }
	}
	for _, f := range p.fields() {
		p.rows[f.field] = widget.NewLabel(f.label)
	}
	return p
}

type field struct {
	label string
	field fyne.CanvasObject
}

func (p *paramsForm) fields() []field {
	return []field{{"Type", p.typ}, {"Algorithm", p.algorithm}, {"Digits", p.digits}, {"Period (s)", p.period}, {"Counter", p.counter}, {"PIN", p.pin}}
}

// items are the form's label and field pairs, for a FormLayout.
func (p *paramsForm) items() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, f := range p.fields() {
		out = append(out, p.rows[f.field], f.field)
	}
	return out
}

// set shows a's parameters.
func (p *paramsForm) set(a *core.Account) {
	p.typ.SetSelected(a.Type.Name())
	p.algorithm.SetSelected(a.Algorithm.String())
	p.digits.SetSelected(strconv.Itoa(a.Digits))
	period := a.Period
	if period <= 0 {
		period = 30 // HOTP has none; switching the type to TOTP starts here
	}
	p.period.SetText(strconv.Itoa(period))
	p.counter.SetText(strconv.FormatUint(a.Counter, 10))
	p.pin.SetText(string(a.PIN))
	p.onType()
}

// selectedType is the type chosen; the menu offers only core.Types.
func (p *paramsForm) selectedType() core.Type {
	t, err := core.ParseType(p.typ.Selected)
	if err != nil {
		return core.TOTP
	}
	return t
}

// onType shows only the fields the type uses.
func (p *paramsForm) onType() {
	t := p.selectedType()
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
			p.rows[o].Show()
		} else {
			o.Hide()
			p.rows[o].Hide()
		}
	}
	fixed := t == core.Steam || t == core.Yandex || t == core.MOTP // parameters set by the type
	show(p.algorithm, !fixed)
	show(p.digits, !fixed)
	show(p.period, t == core.TOTP || t == core.MOTP)
	show(p.counter, t == core.HOTP)
	show(p.pin, t == core.Yandex || t == core.MOTP)
	p.notify()
}

func (p *paramsForm) notify() {
	if p.changed != nil {
		p.changed()
	}
}

// apply writes the parameters into a, or says which field is wrong.
func (p *paramsForm) apply(a *core.Account) error {
	a.Type = p.selectedType()
	alg, err := otp.ParseAlgorithm(p.algorithm.Selected)
	if err != nil {
		alg = otp.SHA1
	}
	a.Algorithm = alg
	a.Digits, _ = strconv.Atoi(p.digits.Selected)
	a.Period, a.Counter, a.PIN = 0, 0, ""
	switch a.Type {
	case core.TOTP, core.MOTP:
		if err := p.period.Validator(p.period.Text); err != nil {
			return err
		}
		a.Period, _ = strconv.Atoi(strings.TrimSpace(p.period.Text))
	case core.HOTP:
		if err := p.counter.Validator(p.counter.Text); err != nil {
			return err
		}
		a.Counter, _ = strconv.ParseUint(strings.TrimSpace(p.counter.Text), 10, 64)
	}
	if a.Type == core.Yandex || a.Type == core.MOTP {
		if err := p.pin.Validator(p.pin.Text); err != nil {
			return err
		}
		a.PIN = core.Sensitive(strings.TrimSpace(p.pin.Text))
	}
	if a.Type == core.Steam || a.Type == core.Yandex || a.Type == core.MOTP {
		a.Digits, a.Algorithm = 0, otp.SHA1 // Defaults sets what the type fixes
	}
	a.Defaults()
	return nil
}
