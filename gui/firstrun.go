package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/vault"
)

// minPasswordLength is the shortest vault password first run accepts.
const minPasswordLength = 8

// showFirstRun is the welcome page when there is no vault yet.
func (u *UI) showFirstRun() {
	intro := &widget.Label{Text: "Your two-factor codes, in an encrypted vault on this computer — with a recovery key for the day you forget the password.",
		Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}

	create := &widget.Button{Text: "Create a new vault", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: u.showCreateVault}
	restore := widget.NewButtonWithIcon("Restore from a backup", theme.HistoryIcon(), u.showRestorePicker)
	importApp := widget.NewButtonWithIcon("Import from another app", theme.DownloadIcon(), u.showImportPicker)
	synced := widget.NewButtonWithIcon("Open a vault from a synced folder", theme.FolderOpenIcon(), u.onOpenSynced) // several.go
	u.show(screenFirstRun, centred(380,
		masthead(112, "Welcome to Lifeline", theme.SizeNameHeadingText, intro, vspace(8), create, restore, importApp, synced)...))
}

// createScreen asks for the new vault's password, twice.
type createScreen struct {
	u                 *UI
	password, confirm *widget.Entry
	meter             *strengthMeter
	hint, mismatch    *widget.Label
	remember          *widget.Check
	create, back      *widget.Button
	activity          *widget.Activity
}

func (u *UI) showCreateVault() {
	s := &createScreen{u: u}
	s.password = widget.NewPasswordEntry()
	s.password.SetPlaceHolder("Password")
	s.confirm = widget.NewPasswordEntry()
	s.confirm.SetPlaceHolder("The same password again")
	s.password.OnChanged = func(string) { s.validate() }
	s.confirm.OnChanged = func(string) { s.validate() }
	s.confirm.OnSubmitted = func(string) { s.onCreate() }
	s.password.OnSubmitted = func(string) { u.win.Canvas().Focus(s.confirm) }
	s.meter = newStrengthMeter()
	s.hint = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.mismatch = &widget.Label{Importance: widget.DangerImportance, Text: "The two passwords are different."}
	s.remember = widget.NewCheck("Remember on this device (system keyring)", nil)
	s.create = &widget.Button{Text: "Create vault", Importance: widget.HighImportance, OnTapped: s.onCreate}
	s.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), u.showFirstRun)
	s.activity = widget.NewActivity()
	s.activity.Hide()
	s.validate()

	title := widget.NewLabelWithStyle("Create your vault", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("The password unlocks your codes on this computer. Nobody can reset it for you — the recovery key you get next is the way back in.")
	intro.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(s.back, layout.NewSpacer(), s.activity, s.create)
	u.show(screenFirstRun, centred(420, title, intro, s.password, s.meter.box, s.hint, s.confirm, s.mismatch, s.remember, buttons))
	u.win.Canvas().Focus(s.password)
}

// validate runs as the person types: strength hint, match, button state.
func (s *createScreen) validate() {
	pw := s.password.Text
	score, hint := strength(pw)
	if n := len([]rune(pw)); n > 0 && n < minPasswordLength {
		hint = "Too short: use at least 8 characters."
		score = 0
	}
	s.meter.set(score, pw == "")
	s.hint.SetText(hint)
	s.hint.Importance = [...]widget.Importance{widget.DangerImportance, widget.WarningImportance, widget.MediumImportance, widget.SuccessImportance, widget.SuccessImportance}[score]
	s.hint.Refresh()
	differ := s.confirm.Text != "" && s.confirm.Text != pw
	s.mismatch.Hidden = !differ
	s.mismatch.Refresh()
	if len([]rune(pw)) >= minPasswordLength && s.confirm.Text == pw {
		s.create.Enable()
	} else {
		s.create.Disable()
	}
}

func (s *createScreen) onCreate() {
	if s.create.Disabled() {
		return
	}
	pw, remember, dir := s.password.Text, s.remember.Checked, s.u.dir
	now := s.u.clock.Now()
	for _, w := range []fyne.Disableable{s.password, s.confirm, s.remember, s.create, s.back} {
		w.Disable()
	}
	s.activity.Show()
	s.activity.Start()
	s.u.goBackground(func() {
		v, rk, err := vault.Create(dir, pw, now)
		var keyringErr error
		if err == nil && remember {
			keyringErr = v.EnableKeyring()
		}
		s.u.do(func() {
			s.activity.Stop()
			s.activity.Hide()
			if err != nil {
				for _, w := range []fyne.Disableable{s.password, s.confirm, s.remember, s.back} {
					w.Enable()
				}
				s.validate()
				s.u.showError("Could not create the vault", err)
				return
			}
			s.u.vault = v
			s.u.showRecoveryKey(rk, keyringErr, true)
		})
	})
}
