// Package kit makes the Recovery Kit: one PDF with the vault's recovery key
// (large, grouped, and as a QR code), the steps to restore after losing the
// device, where the backups are, and every account with its recovery codes
// as tick boxes. Optionally it adds a paper backup: each account's otpauth
// QR code and secret, enough to re-enrol without any file.
//
// Write renders a kit; Record, Recorded and Check keep track in the vault of
// which kit exists, so the window can nag until one exists for the current
// recovery key. The package never imports Fyne: the window drives it with
// Options and shows PaperWarning itself.
package kit
