package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// setupTray puts Lifeline in the system tray: show/hide, lock, quit. On
// desktops without a tray host the icon never shows, so "close to tray"
// then quits instead (trayReady).
func (u *UI) setupTray() {
	d, ok := u.app.(desktop.App)
	if !ok {
		return
	}
	show := fyne.NewMenuItem("Show / hide Lifeline", func() {
		if u.visible {
			u.win.Hide()
			u.visible = false
		} else {
			u.showWindow()
		}
	})
	lock := fyne.NewMenuItem("Lock", u.lock)
	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	d.SetSystemTrayIcon(appIcon)
	d.SetSystemTrayMenu(fyne.NewMenu("Lifeline", show, lock, fyne.NewMenuItemSeparator(), quit))
	d.SetSystemTrayWindow(u.win)
	u.hasTray = true
}

// trayReady reports whether hiding the window leaves a way back to it.
func (u *UI) trayReady() bool { return u.hasTray }
