// Package gui is Lifeline's Fyne window: first run, unlock, the list of
// accounts with live codes, add/edit/details, settings, lock and the tray.
//
// Threading: every Fyne callback runs on the UI goroutine, and so does every
// method of UI. Goroutines this package starts (goBackground: the KDF, the
// keyring, QR scans, exports, reading dropped files, the kit PDF, the last
// backup at a lock; the file watcher) and every timer (u.after: the
// ticker, notices, clearing the clipboard, the kit reminder) come back to
// the UI goroutine through fyne.Do: goroutines through u.do, timers through
// its twin u.doTimer. In tests u.do is a queue that the UI's Wait drains,
// and u.doTimer runs the work at once, inside the fake clock's Advance,
// which runs on the test's goroutine. No file but app.go calls fyne.Do
// itself (threading_test.go checks it). The only other goroutine,
// trayHostAvailable's, asks D-Bus before the window exists and answers over
// a channel. A vault they create or open is theirs until they hand it over
// in u.do. The open vault (u.vault) belongs to the UI goroutine, with these
// exceptions, each bracketed by startBusy/endBusy so that a lock
// (vault.Drop) waits for it:
//
//   - Change password (password.go) runs vault.ChangePassword, which reads
//     the vault key and folder: fields only Drop writes.
//
// The window follows vault.age on disk (reload.go): a watcher goroutine
// (fsnotify on the vault folder, polling the file's hash where
// notifications fail) only reads the file and calls u.do; the reload
// (vault.Reload, backup.Reconcile), the list refresh and any question run
// on the UI goroutine. Every save goes through saveVault (or applyRestore),
// which reloads and retries when another process saved first.
//
// Export, "Back up now" and "Remember on this device" take what they need
// on the UI goroutine (exportCopy, Backuper.Prepare, vault.PrepareKeyring);
// only encrypting and writing it, or the keyring call (KeyringChange.Store),
// run off it, and lifeline.json is updated back on it (KeyringChange.Record).
package gui
