package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// minPasswordLength is the shortest vault password accepted (minLen).
const minPasswordLength = 8

// showFirstRun is the welcome page when there is no vault yet: a new
// vault, or the way back in after losing a computer, in the Recovery
// Kit's own steps (kit.RestoreSteps), and what can be dropped.
func (u *UI) showFirstRun() {
	intro := &widget.Label{Text: "Your two-factor codes, in an encrypted vault on this computer — with a recovery key for the day you forget the password.",
		Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}

	create := &widget.Button{Text: "Create a new vault", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: u.showCreateVault}
	restore := widget.NewButtonWithIcon(kit.RestoreButton, theme.HistoryIcon(), u.showRestorePicker)
	withKey := func(rk vault.RecoveryKey) { u.startRestore(nil, "", &rk) } // then the backup it opens
	scan := u.scanKeyButton(withKey)
	importApp := widget.NewButtonWithIcon("Import from another app", theme.DownloadIcon(), u.showImportPicker)
	synced := widget.NewButtonWithIcon("Open a vault from a synced folder", theme.FolderOpenIcon(), u.onOpenSynced) // several.go
	u.show(screenFirstRun, centred(440,
		masthead(72, "Welcome to Lifeline", theme.SizeNameHeadingText, intro, create,
			container.NewGridWithColumns(2, restore, scan), importApp, synced,
			widget.NewSeparator(), lostComputer())...))
	// A picture of the kit dropped or pasted here starts the restore.
	u.askKeyHere(withKey)
}

// lostComputer is first run's "Lost your computer?": the Recovery Kit's
// restore steps from the second on (the first installs Lifeline), and
// what the window takes dropped onto it.
func lostComputer() *widget.RichText {
	hint := widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}
	steps := &widget.ListSegment{Ordered: true}
	for _, st := range kit.RestoreSteps[1:] {
		steps.Items = append(steps.Items, &widget.TextSegment{Text: st, Style: hint})
	}
	t := widget.NewRichText(
		&widget.TextSegment{Text: "Lost your computer?", Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}},
		steps,
		&widget.TextSegment{Text: droppable, Style: hint},
	)
	t.Wrapping = fyne.TextWrapWord
	return t
}

// createScreen asks for the new vault's password, twice.
type createScreen struct {
	u            *UI
	pw           *newPassword
	remember     *widget.Check
	create, back *widget.Button
	activity     *widget.Activity
}

func (u *UI) showCreateVault() {
	s := &createScreen{u: u}
	s.create = &widget.Button{Text: "Create vault", Importance: widget.HighImportance, OnTapped: s.onCreate}
	s.pw = newNewPassword(u, "Password", func(ok bool) { setEnabled(s.create, ok) }, s.onCreate)
	s.remember = widget.NewCheck("Remember on this device (system keyring)", nil)
	s.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), u.showFirstRun)
	s.activity = widget.NewActivity()
	s.activity.Hide()

	title := widget.NewLabelWithStyle("Create your vault", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("The password unlocks your codes on this computer. Nobody can reset it for you — the recovery key you get next is the way back in.")
	intro.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(s.back, layout.NewSpacer(), s.activity, s.create)
	col := append(append([]fyne.CanvasObject{title, intro}, s.pw.objects()...), s.remember, buttons)
	u.show(screenFirstRun, centred(420, col...))
	u.win.Canvas().Focus(s.pw.password)
}

func (s *createScreen) onCreate() {
	if s.create.Disabled() {
		return
	}
	pw, remember, dir := s.pw.password.Text, s.remember.Checked, s.u.dir
	now := s.u.clock.Now()
	s.pw.enable(false)
	for _, w := range []fyne.Disableable{s.remember, s.create, s.back} {
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
				s.pw.enable(true)
				for _, w := range []fyne.Disableable{s.remember, s.back} {
					w.Enable()
				}
				s.pw.validate()
				s.u.showError("Could not create the vault", err)
				return
			}
			s.u.vault = v
			s.u.showRecoveryKey(rk, keyringErr, true)
		})
	})
}
