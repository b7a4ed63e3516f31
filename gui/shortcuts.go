package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keyboard shortcuts live in its main menu: Fyne looks there
// before it hands a shortcut to the focused widget, so Ctrl+L locks even
// while the cursor is in a text field (a canvas shortcut would be eaten by
// the Entry). Ctrl is Cmd on macOS (KeyModifierShortcutDefault). Arrows,
// Enter and Esc are handled by the list and the search field (list.go).
var (
	scFind = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	scNew  = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	scLock = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	scQuit = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
)

// menus holds the items whose state follows locked/unlocked.
type menus struct {
	main                          *fyne.MainMenu
	add, find, lock, settings, rk *fyne.MenuItem
}

func (u *UI) addShortcuts() {
	m := &u.menus
	item := func(label string, sc fyne.Shortcut, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Shortcut = sc
		return it
	}
	m.add = item("Add accounts…", scNew, func() { u.runShortcut(scNew) })
	m.find = item("Find", scFind, func() { u.runShortcut(scFind) })
	m.lock = item("Lock", scLock, func() { u.runShortcut(scLock) })
	m.settings = fyne.NewMenuItem("Settings", func() {
		if u.vault != nil {
			u.showSettings()
		}
	})
	kitItem := fyne.NewMenuItem("Save Recovery Kit…", func() { u.askSaveKit("") })
	exportQR := fyne.NewMenuItem("Export QR codes…", func() { u.askExportQR(u.showList) })
	readiness := fyne.NewMenuItem("Recovery readiness…", u.showReady)
	lost := fyne.NewMenuItem("I lost a device…", u.showLostDevice)
	quit := item("Quit", scQuit, u.quit)
	quit.IsQuit = true
	m.main = fyne.NewMainMenu(
		fyne.NewMenu("Lifeline", m.add, m.find, fyne.NewMenuItemSeparator(), kitItem, exportQR, readiness, lost, fyne.NewMenuItemSeparator(), m.settings, m.lock, fyne.NewMenuItemSeparator(), quit),
	)
	u.win.SetMainMenu(m.main)
	u.updateMenus()

	c := u.win.Canvas()
	// Ctrl+V on the list and on first run (a focused text field takes its
	// own paste first) reads a copied QR code image or setup link; where a
	// recovery key is asked for, a copied picture of the kit fills it.
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) {
		if (u.screen == screenList && u.list != nil) || u.screen == screenFirstRun || u.scan.keyTo != nil {
			u.scanClipboard()
		}
	})
	// Typing with nothing focused starts a search.
	c.SetOnTypedRune(func(r rune) {
		if u.screen == screenList && u.list != nil {
			u.list.focusSearch()
			u.list.search.TypedRune(r)
		}
	})
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if u.screen == screenList && u.list != nil {
			u.list.list.TypedKey(ev)
		}
	})
}

// updateMenus enables what makes sense for the vault's state.
func (u *UI) updateMenus() {
	m := &u.menus
	locked := u.vault == nil || u.list == nil
	for _, it := range []*fyne.MenuItem{m.add, m.find, m.lock, m.settings} {
		it.Disabled = locked
	}
	m.main.Refresh()
}

func (u *UI) runShortcut(sc *desktop.CustomShortcut) {
	if h := u.shortcutHandler(sc); h != nil {
		h()
	}
}

// shortcutHandler returns what sc does on the current screen, or nil.
func (u *UI) shortcutHandler(sc *desktop.CustomShortcut) func() {
	unlocked := u.vault != nil && u.list != nil
	switch sc.ShortcutName() {
	case scQuit.ShortcutName():
		return u.quit
	case scLock.ShortcutName():
		if unlocked {
			return u.lock
		}
	case scNew.ShortcutName():
		if unlocked {
			return func() { u.showAdd("") }
		}
	case scFind.ShortcutName():
		if unlocked {
			return func() {
				if u.screen != screenList {
					u.showList()
				}
				u.list.focusSearch()
			}
		}
	}
	return nil
}
