//go:build windows || darwin

package vault

// sessionBus: Windows' Credential Manager and the macOS keychain need no
// D-Bus.
func sessionBus() error { return nil }
