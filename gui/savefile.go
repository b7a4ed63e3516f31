package gui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/backup"
)

// pickSaveFile asks where to save a file named name and calls done with its
// local path. Tests replace it: Fyne's file dialog cannot be driven by them.
var pickSaveFile = func(u *UI, name string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		path := ""
		if err == nil {
			path, err = localPath(w)
		}
		if err != nil {
			u.showError("Could not choose the file", err)
			return
		}
		done(path)
	}, u.win)
	d.SetFileName(name)
	if dir := u.prefs.p.String(prefSaveFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetFilter(storage.NewExtensionFileFilter([]string{filepath.Ext(name)}))
	u.trackDialog(d).Show()
}

// pickFolder asks for a folder and calls done with its path. Tests replace
// it: Fyne's folder dialog cannot be driven by them.
var pickFolder = func(u *UI, done func(path string)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError("Could not choose the folder", err)
			return
		}
		if l != nil {
			done(l.Path())
		}
	}, u.win)
	if dir := u.prefs.p.String(prefSaveFolder); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	u.trackDialog(d).Show()
}

// localPath closes the file Fyne's save dialog opened (it has created the
// file, or emptied the one there, with default permissions) and returns
// its path: saveFile writes it afresh, atomically and 0600.
func localPath(w fyne.URIWriteCloser) (string, error) {
	if err := w.Close(); err != nil {
		return "", err
	}
	if w.URI().Scheme() != "file" {
		return "", fmt.Errorf("%s is not a file on this computer", w.URI())
	}
	return w.URI().Path(), nil
}

// saveFile is every "Save…" of the window: it asks where to save a file
// named name, writes it there through write with backup.SaveFile (0600;
// a failed write leaves no half file and the folder as it was), then
// calls saved. A failure is shown under the title failure ("Could not
// save the QR code").
func (u *UI) saveFile(name, failure string, write func(io.Writer) error, saved func(path string)) {
	pickSaveFile(u, name, func(path string) {
		u.prefs.p.SetString(prefSaveFolder, filepath.Dir(path))
		if err := backup.SaveFile(path, write); err != nil {
			removeEmpty(path)
			u.showError(failure, fmt.Errorf("writing %s: %w", filepath.Base(path), err))
			return
		}
		saved(path)
	})
}

// removeEmpty removes the empty file the save dialog left at path when
// nothing could be written in its place.
func removeEmpty(path string) {
	if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
}

// writeBytes is a saveFile write func for data already made.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}
