//go:build !(linux || freebsd || openbsd || netbsd)

package gui

// trayHostAvailable: Windows and macOS always have a notification area
// or menu bar for the tray icon.
func trayHostAvailable() bool { return true }
