package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// showSettings is the settings page. Choices apply at once; preferences
// hold only harmless values, and the keyring choice lives in the vault.
func (u *UI) showSettings() {
	u.activity()
	p := &u.prefs
	autoLock := choice(lockChoices, p.autoLockMinutes, minutesLabel, func(v int) { p.autoLockMinutes = v; p.save() })
	clip := choice(clipChoices, p.clipSeconds, secondsLabel, func(v int) { p.clipSeconds = v; p.save() })
	hide := widget.NewCheck("Hide codes until clicked", func(on bool) { p.hideCodes = on; p.save() })
	hide.SetChecked(p.hideCodes)
	tray := widget.NewCheck("Closing the window keeps Lifeline in the tray", func(on bool) { p.closeToTray = on; p.save() })
	tray.SetChecked(p.closeToTray)
	if !u.trayReady() {
		tray.Text += " (this desktop shows no tray icons)"
		tray.Disable()
	}
	themeSel := widget.NewRadioGroup([]string{"System", "Light", "Dark"}, nil)
	themeSel.Horizontal = true
	themeSel.Required = true
	themeSel.SetSelected(themeLabels[p.theme])
	themeSel.OnChanged = func(l string) {
		for k, v := range themeLabels {
			if v == l && k != p.theme {
				p.theme = k
				p.save()
				u.applyTheme()
			}
		}
	}
	keyring := u.keyringCheck()

	section := func(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
		h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		return container.NewVBox(append([]fyne.CanvasObject{h}, objs...)...)
	}
	changePw := widget.NewButtonWithIcon("Change password…", theme.NewThemedResource(lockIcon), u.askChangePassword)
	showRK := widget.NewButtonWithIcon("Show recovery key…", theme.VisibilityIcon(), u.askShowRecoveryKey)
	where := hintText("Vault: "+u.dir, fyne.TextAlignLeading)

	body := container.NewVBox(
		section("Security",
			form(widget.NewLabel("Lock"), autoLock, widget.NewLabel("Clear copied codes"), clip),
			hide, keyring, u.markUsedCheck()),
		widget.NewSeparator(),
		section("Appearance", form(widget.NewLabel("Theme"), themeSel), tray),
		widget.NewSeparator(),
		section("Password and recovery", container.NewHBox(changePw, showRK), where,
			container.NewHBox(
				widget.NewButtonWithIcon("Save Recovery Kit…", theme.DocumentPrintIcon(), func() { u.askSaveKit("") }),
				widget.NewButtonWithIcon("Export QR codes…", theme.NewThemedResource(qrIcon), u.askExportQR))),
		widget.NewSeparator(),
		section("Backups and export", container.NewHBox(
			widget.NewButtonWithIcon("Backups…", theme.HistoryIcon(), u.showBackupSettings),
			widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.showExport))),
	)
	u.show(screenSettings, page("Settings", u.showList, nil, body, nil))
}

// keyringCheck turns "remember on this device" on and off. The keyring
// can take seconds to answer (or hang until its timeout), so only that call
// runs in a goroutine, while the check is disabled; lifeline.json and
// v.Meta change back on the UI goroutine.
func (u *UI) keyringCheck() *widget.Check {
	c := widget.NewCheck("Remember on this device (unlock through the system keyring)", nil)
	c.SetChecked(u.vault != nil && u.vault.Meta.Keyring)
	var handler func(bool)
	failed := func(on bool, err error) {
		c.OnChanged = nil
		c.SetChecked(!on)
		c.OnChanged = handler
		u.showError("Could not change “Remember on this device”", err)
	}
	handler = func(on bool) {
		if u.vault == nil || on == u.vault.Meta.Keyring {
			return
		}
		change, err := u.vault.PrepareKeyring(on)
		if err != nil {
			failed(on, err)
			return
		}
		c.Disable()
		u.startBusy()
		u.goBackground(func() {
			err := change.Store()
			u.do(func() {
				if err == nil {
					err = change.Record()
				}
				c.Enable()
				if err != nil {
					failed(on, err)
				}
				u.endBusy()
			})
		})
	}
	c.OnChanged = handler
	return c
}
