//go:build !windows && !darwin

package vault

import (
	"fmt"
	"os"
)

// sessionBus reports whether there is a session bus for the keyring to
// use, found the way godbus finds it, but without its last resort: with no
// address and no bus in /run/user/UID, godbus "autolaunches" one through
// dbus-launch, which starts a dbus-daemon (and, once asked for the Secret
// Service, a gnome-keyring-daemon) that outlive the command. A CLI command
// must start nothing that stays behind it.
func sessionBus() error {
	if a := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return nil
	}
	dir := fmt.Sprintf("/run/user/%d", os.Getuid())
	for _, name := range []string{"bus", "dbus-session"} {
		if _, err := os.Stat(dir + "/" + name); err == nil {
			return nil
		}
	}
	return errNoSessionBus
}
