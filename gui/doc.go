// Package gui is Lifeline's Fyne window: first run, unlock, the list of
// accounts with live codes, add/edit/details, settings, lock and the tray.
//
// Threading: every Fyne callback runs on the UI goroutine, and so does every
// method of UI. Goroutines this package starts (the KDF, the keyring, timers)
// touch widgets and the vault only inside fyne.Do.
package gui
