//go:build linux || freebsd || openbsd || netbsd

package gui

import (
	"os"
	"time"

	"github.com/godbus/dbus/v5"
)

// trayHostAvailable reports whether a StatusNotifier host (the only kind
// of tray fyne.io/systray talks to on these systems) is on the session bus.
// Plain GNOME has none, and hiding the window there would leave no way
// back to it. The answer comes within a second or is "no".
func trayHostAvailable() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false // connecting would try to autolaunch a bus
	}
	res := make(chan bool, 1)
	go func() {
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			res <- false
			return
		}
		defer conn.Close()
		var has bool
		err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
		res <- err == nil && has
	}()
	select {
	case ok := <-res:
		return ok
	case <-time.After(time.Second):
		return false
	}
}
