package gui

import (
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
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

// onDropped takes the text files of setup links that dropped (drop.go)
// sorted out, and opens the add screen with them.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	if u.vault == nil || u.list == nil {
		u.notice.show("Unlock first, then drop the file again.", "", nil)
		return
	}
	var links []string
	var other []string
	for _, uri := range uris {
		text, ok := readSmallText(uri)
		if ok && looksLikeURI(text) {
			links = append(links, strings.TrimSpace(text))
			continue
		}
		other = append(other, filepath.Base(uri.Path()))
	}
	if len(links) > 0 {
		u.showAdd(strings.Join(links, "\n"))
		return
	}
	if len(other) > 0 {
		u.notice.show("No setup links in "+strings.Join(other, ", ")+".", "", nil)
	}
}

// readSmallText reads a dropped file if it is small enough to be a list of
// links (1 MiB).
func readSmallText(uri fyne.URI) (string, bool) {
	r, err := storage.Reader(uri)
	if err != nil {
		return "", false
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, 1<<20+1))
	if err != nil || len(b) > 1<<20 {
		return "", false
	}
	return string(b), true
}
