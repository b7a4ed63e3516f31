package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
)

// errNoPassword is what the import's password function returns when the
// file needs a password and none has been asked for yet.
var errNoPassword = errors.New("no password typed yet")

// showImportPicker asks for another app's export file, then imports it.
func (u *UI) showImportPicker() {
	if u.vault == nil {
		u.needVaultForImport()
		return
	}
	u.pickFile(backup.ImportInput, nil, func(name string, data []byte) { u.startImport(name, data) })
}

// needVaultForImport explains that accounts need a vault to go into.
func (u *UI) needVaultForImport() {
	text := "Imported accounts go into your vault: create it first (or unlock it), then import the file."
	d := dialog.NewInformation("Import from another app", text, u.win)
	u.trackDialog(d).Show()
}

// startImport reads another app's export (name, for people and for
// detecting the format) and shows the preview before merging.
func (u *UI) startImport(name string, data []byte) {
	if u.vault == nil {
		u.needVaultForImport()
		return
	}
	f, err := apps.Detect(name, data)
	if err != nil {
		u.showError("Could not import "+name, err)
		return
	}
	u.runImport(name, data, f, "", false)
}

// runImport imports off the UI goroutine (the encrypted formats run a KDF).
// With asked false, an encrypted file comes back as ErrPasswordNeeded and
// the password is asked for; a wrong one asks again, saying so.
func (u *UI) runImport(name string, data []byte, f apps.Format, password string, asked bool) {
	pwFunc := func() (string, error) {
		if !asked {
			return "", errNoPassword
		}
		return password, nil
	}
	done := u.progress("Reading " + name + " (" + f.Title + ")…")
	u.goBackground(func() {
		res, err := apps.Import(f, data, pwFunc)
		u.do(func() {
			done()
			switch {
			case errors.Is(err, errNoPassword), errors.Is(err, apps.ErrPasswordNeeded) && !asked:
				u.askImportPassword(name, data, f, "")
			case errors.Is(err, apps.ErrWrongPassword):
				u.askImportPassword(name, data, f, "That password does not open the file. Try again.")
			case err != nil:
				u.showError("Could not import "+name, err)
			default:
				u.previewImport(name, res)
			}
		})
	})
}

// askImportPassword asks for the password of an encrypted export.
func (u *UI) askImportPassword(name string, data []byte, f apps.Format, problem string) {
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder("Password of the export")
	items := []*widget.FormItem{widget.NewFormItem("Password", pw)}
	if problem != "" {
		items = append(items, widget.NewFormItem("", &widget.Label{Text: problem, Importance: widget.DangerImportance}))
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(fmt.Sprintf("%s is encrypted", name), "Open", "Cancel", items, func(ok bool) {
		if ok {
			u.runImport(name, data, f, pw.Text, true)
		}
	}, u.win)
	pw.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(440, 0))
	u.trackDialog(d).Show()
	u.win.Canvas().Focus(pw)
}

// previewImport shows what merging the imported accounts does, with the
// entries the importer had to skip.
func (u *UI) previewImport(name string, res apps.Result) {
	if u.vault == nil {
		return
	}
	var extra []string
	for _, s := range res.Skipped {
		extra = append(extra, "Skipped "+s.Label+": "+s.Reason)
	}
	p := backup.Plan(u.vault.Doc, backup.Incoming{Source: name, Accounts: res.Accounts}, u.clock.Now())
	u.showPreview(p, "Import from "+res.Format.Title, extra)
}
