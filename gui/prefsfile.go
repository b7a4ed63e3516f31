package gui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// Fyne keeps the preferences (prefs.go, and its file dialogs' last folder)
// in preferences.json in the app's storage folder, which it makes 0700 but
// writes the file in with os.Create: 0644 under the usual umask, readable by
// every user, though it names the folders this person saves kits and
// exports in. os.Create keeps the mode of a file that exists, so the file
// is made 0600 before Fyne first writes it, and an older 0644 one is
// narrowed: the promise that Lifeline's files are 0600 holds for it too.

// prefsFile is where Fyne keeps app a's preferences.
func prefsFile(a fyne.App) string {
	return filepath.Join(a.Storage().RootURI().Path(), "preferences.json")
}

// securePrefsFile makes the preferences file at path its owner's alone:
// created empty ("{}") with mode 0600 if there is none, else chmod 0600.
func securePrefsFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return os.Chmod(path, 0o600)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString("{}\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
