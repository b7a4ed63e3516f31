package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/lifelineauth/lifeline/core"
)

var (
	lockChoices = []int{0, 1, 2, 5, 10, 15, 30, 60}
	clipChoices = []int{0, 10, 20, 30, 45, 60, 90}
	themeLabels = map[string]string{themeSystem: "System", themeLight: "Light", themeDark: "Dark"}
)

func minutesLabel(m int) string {
	switch m {
	case 0:
		return "Never"
	case 1:
		return "After 1 minute"
	}
	return fmt.Sprintf("After %d minutes", m)
}

func secondsLabel(s int) string {
	if s == 0 {
		return "Never"
	}
	return fmt.Sprintf("After %d seconds", s)
}

// choice is a Select over ints shown through label.
func choice(values []int, current int, label func(int) string, set func(int)) *widget.Select {
	var opts []string
	for _, v := range values {
		opts = append(opts, label(v))
	}
	sel := widget.NewSelect(opts, nil)
	sel.SetSelected(label(current))
	if sel.Selected == "" {
		sel.Options = append(sel.Options, label(current))
		sel.SetSelected(label(current))
	}
	sel.OnChanged = func(l string) {
		for _, v := range values {
			if label(v) == l {
				set(v)
			}
		}
	}
	return sel
}

// settingsScreen is the settings page. Choices apply at once; preferences
// hold only harmless values, and the keyring choice lives in the vault.
type settingsScreen struct {
	u        *UI
	autoLock *widget.Select
	clip     *widget.Select
	hide     *widget.Check
	tray     *widget.Check
	themeSel *widget.RadioGroup
	keyring  *widget.Check     // "Remember on this device"
	trayHint fyne.CanvasObject // why the tray cannot be used; nil when it can
}

const rememberText = "Remember on this device (through the system keyring)"

// showSettings shows the settings page.
func (u *UI) showSettings() {
	u.activity()
	u.show(screenSettings, newSettingsScreen(u).content())
}

func newSettingsScreen(u *UI) *settingsScreen {
	p := &u.prefs
	s := &settingsScreen{u: u}
	s.autoLock = choice(lockChoices, p.autoLockMinutes, minutesLabel, setter(p, &p.autoLockMinutes))
	s.clip = choice(clipChoices, p.clipSeconds, secondsLabel, setter(p, &p.clipSeconds))
	s.hide = widget.NewCheck("Hide codes until clicked", setter(p, &p.hideCodes))
	s.hide.SetChecked(p.hideCodes)
	// Checks do not wrap: their words stay short enough for the window's
	// 560 units, and what needs more is a hint under them.
	s.tray = widget.NewCheck("Closing the window keeps Lifeline in the tray", setter(p, &p.closeToTray))
	s.tray.SetChecked(p.closeToTray)
	if !u.trayReady() {
		s.trayHint = hintText("This desktop shows no tray icons.", fyne.TextAlignLeading)
		s.tray.Disable()
	}
	s.themeSel = widget.NewRadioGroup([]string{"System", "Light", "Dark"}, nil)
	s.themeSel.Horizontal = true
	s.themeSel.Required = true
	s.themeSel.SetSelected(themeLabels[p.theme])
	s.themeSel.OnChanged = s.onTheme
	s.keyring = widget.NewCheck(rememberText, nil)
	s.keyring.SetChecked(u.vault != nil && u.vault.Meta.Keyring)
	s.keyring.OnChanged = s.onKeyring
	return s
}

func (s *settingsScreen) content() fyne.CanvasObject {
	u := s.u
	changePw := widget.NewButtonWithIcon("Change password…", theme.NewThemedResource(lockIcon), u.askChangePassword)
	showRK := widget.NewButtonWithIcon("Show recovery key…", theme.VisibilityIcon(), u.askShowRecoveryKey)
	where := hintText("Vault: "+u.dir, fyne.TextAlignLeading)

	body := container.NewVBox(
		section("Security",
			form(widget.NewLabel("Lock"), s.autoLock, widget.NewLabel("Clear copied codes"), s.clip),
			s.hide, s.keyring, u.markUsedCheck()),
		widget.NewSeparator(),
		section("Appearance", form(widget.NewLabel("Theme"), s.themeSel), s.tray, s.trayHint),
		widget.NewSeparator(),
		section("Password and recovery", container.NewHBox(changePw, showRK), where,
			container.NewHBox(
				widget.NewButtonWithIcon("Recovery readiness…", theme.ConfirmIcon(), u.showReady),
				widget.NewButtonWithIcon("Test your printed key…", theme.VisibilityIcon(), u.askTestKey)),
			container.NewHBox(
				widget.NewButtonWithIcon("Save Recovery Kit…", theme.DocumentPrintIcon(), func() { u.askSaveKit("") }),
				widget.NewButtonWithIcon("Export QR codes…", theme.NewThemedResource(qrIcon), func() { u.askExportQR(u.showSettings) }))),
		widget.NewSeparator(),
		section("Backups and export", container.NewHBox(
			widget.NewButtonWithIcon("Backups…", theme.HistoryIcon(), u.showBackupSettings),
			widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.showExport))),
		widget.NewButtonWithIcon("Use on several computers…", theme.ComputerIcon(), u.showSeveral),
		widget.NewSeparator(),
		section("About", hintText(aboutText(), fyne.TextAlignLeading)),
	)
	return page("Settings", u.showList, nil, body, nil)
}

// aboutText is the About section: the version (FyneApp.toml's, as
// `lifeline --version` says it) and the licence.
func aboutText() string {
	return "Lifeline " + core.Version() + " · GPL-3.0-or-later · the same program is the CLI: lifeline help"
}

// section is a part of the settings page under a bold title; nil objects
// are left out.
func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	c := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, o := range objs {
		if o != nil {
			c.Add(o)
		}
	}
	return c
}

func (s *settingsScreen) onTheme(label string) {
	p := &s.u.prefs
	for k, v := range themeLabels {
		if v == label && k != p.theme {
			p.theme = k
			p.save()
			s.u.applyTheme()
		}
	}
}

// onKeyring turns "remember on this device" on and off. The keyring can
// take seconds to answer (or hang until its timeout), so only that call
// runs in a goroutine, while the check is disabled; lifeline.json and
// v.Meta change back on the UI goroutine.
func (s *settingsScreen) onKeyring(on bool) {
	u := s.u
	if u.vault == nil || on == u.vault.Meta.Keyring {
		return
	}
	change, err := u.vault.PrepareKeyring(on)
	if err != nil {
		s.keyringFailed(on, err)
		return
	}
	s.keyring.Disable()
	u.startBusy()
	u.goBackground(func() {
		err := change.Store()
		u.do(func() {
			if err == nil {
				err = change.Record()
			}
			s.keyring.Enable()
			if err != nil {
				s.keyringFailed(on, err)
			}
			u.endBusy()
		})
	})
}

// keyringFailed puts the check back as it was, without running onKeyring
// again, and says why.
func (s *settingsScreen) keyringFailed(on bool, err error) {
	s.keyring.OnChanged = nil
	s.keyring.SetChecked(!on)
	s.keyring.OnChanged = s.onKeyring
	s.u.showError("Could not change “Remember on this device”", err)
}
