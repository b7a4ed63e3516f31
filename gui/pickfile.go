package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/backup"
)

// pickFile asks for a file of the kind in (of the given extensions; nil
// for any) and hands its name and content, read up to in's limit, to done.
func (u *UI) pickFile(in backup.Input, exts []string, done func(name string, data []byte)) {
	pickOpenFile(u, in, exts, done)
}

// pickOpenFile is pickFile's dialog; tests answer it with a file.
var pickOpenFile = (*UI).pickFileDialog

func (u *UI) pickFileDialog(in backup.Input, exts []string, done func(name string, data []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		data, err := in.Read(r, r.URI().Name())
		if err != nil {
			u.showError("Could not read the file", err)
			return
		}
		done(r.URI().Name(), data)
	}, u.win)
	if exts != nil {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	u.trackDialog(d).Show()
}
