package gui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

var errGone = errors.New("the account was deleted meanwhile")

// editScreen edits what people name and sort by; how codes are made sits
// behind a warning, since changing it makes the codes wrong unless the
// site changed too.
type editScreen struct {
	u                    *UI
	id                   string
	issuer, name, groups *widget.Entry
	note                 *widget.Entry
	favourite            *widget.Check
	icon                 *iconPicker
	params               *paramsForm
	problem              *widget.Label
	save                 *widget.Button
	back                 func()
}

// showEdit shows the edit form of the i-th account; back (Cancel, the
// back button, and after saving) returns to where it was opened from.
func (u *UI) showEdit(i int, back func()) {
	u.activity()
	a := u.vault.Doc.Accounts[i]
	s := &editScreen{u: u, id: a.ID, back: back}
	s.issuer = widget.NewEntry()
	s.issuer.SetText(a.Issuer)
	s.name = widget.NewEntry()
	s.name.SetText(a.Name)
	s.groups = widget.NewEntry()
	s.groups.SetPlaceHolder("Work, Personal")
	s.groups.SetText(strings.Join(a.Groups, ", "))
	s.note = widget.NewMultiLineEntry()
	s.note.SetText(a.Note)
	s.note.SetMinRowsVisible(3)
	s.note.Wrapping = fyne.TextWrapWord
	s.favourite = widget.NewCheck("Favourite (pinned on top)", nil)
	s.favourite.SetChecked(a.Favorite)
	s.icon = newIconPicker(a.Icon, func() { s.validate() })
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.problem.Hide()
	s.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: s.onSave}
	// Every field is checked as it is typed: a note or group over its
	// limit (core.CheckLimits) disables Save until it is short enough.
	for _, e := range []*widget.Entry{s.issuer, s.name, s.groups, s.note} {
		e.OnChanged = func(string) { s.validate() }
	}

	s.params = newParamsForm(nil)
	s.params.set(&a)
	s.params.changed = s.validate
	warn := &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
		Text: "Change these only if the site tells you to: wrong values give wrong codes, and you may be locked out."}
	advanced := widget.NewAccordion(widget.NewAccordionItem("Advanced: how codes are made",
		container.NewVBox(warn, form(s.params.items()...))))
	s.params.onType()
	s.icon.show(&a)
	if !a.HasSecret() {
		advanced.Hide() // recovery codes only: no codes are made
	}

	form := form(
		widget.NewLabel("Issuer"), s.issuer,
		widget.NewLabel("Account"), s.name,
		widget.NewLabel("Groups"), s.groups,
		widget.NewLabel("Note"), s.note,
		widget.NewLabel("Icon"), s.icon.object(),
		layout.NewSpacer(), s.favourite,
	)
	footer := rightAligned(widget.NewButton("Cancel", back), s.save)
	body := container.NewVBox(form, advanced, s.problem)
	u.show(screenEdit, page("Edit "+nonEmpty(a.Issuer, a.Name), back, nil, body, footer))
	u.win.Canvas().Focus(s.issuer)
}

// edited is the account with the form's values, or what is wrong.
func (s *editScreen) edited() (core.Account, error) {
	i := s.u.vault.Doc.Index(s.id)
	if i < 0 {
		return core.Account{}, errGone
	}
	a := s.u.vault.Doc.Accounts[i].Clone()
	a.Issuer = strings.TrimSpace(s.issuer.Text)
	a.Name = strings.TrimSpace(s.name.Text)
	a.Groups = splitGroups(s.groups.Text)
	a.Note = strings.TrimSpace(s.note.Text)
	a.Favorite = s.favourite.Checked
	a.Icon = s.icon.value()
	if err := s.params.apply(&a); err != nil {
		return a, err
	}
	return a, a.Validate()
}

func (s *editScreen) validate() {
	a, err := s.edited()
	s.icon.show(&a)
	s.problem.Hidden = err == nil
	if err != nil {
		s.problem.SetText(message(err))
		s.save.Disable()
	} else {
		s.save.Enable()
	}
	s.problem.Refresh()
}

func (s *editScreen) onSave() {
	a, err := s.edited()
	if err != nil {
		s.validate()
		return
	}
	i := s.u.vault.Doc.Index(s.id)
	if i < 0 { // gone from vault.age while the form was open
		s.u.showError("Could not save the account", errGone)
		return
	}
	s.u.vault.Doc.Accounts[i] = a
	s.u.vault.Doc.Touch(i, s.u.clock.Now())
	if s.u.save() {
		s.back()
		s.u.notice.show("Saved "+nonEmpty(a.Issuer, a.Name), "", nil)
	}
}

// splitGroups reads "Work, Personal" into trimmed, distinct groups.
func splitGroups(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range strings.Split(s, ",") {
		g = strings.TrimSpace(g)
		if g != "" && !seen[strings.ToLower(g)] {
			seen[strings.ToLower(g)] = true
			out = append(out, g)
		}
	}
	return out
}
