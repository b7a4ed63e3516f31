package gui

import (
	"bytes"
	"errors"
	"maps"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Export formats, as the export dialog names them.
const (
	exportBackup     = "Lifeline backup (age, encrypted)"
	exportAegis      = "Aegis, encrypted"
	exportAegisPlain = "Aegis, not encrypted"
	exportOTPAuth    = "List of otpauth:// links, not encrypted"
)

var exportNames = map[string]string{
	exportBackup:     "lifeline-export.age",
	exportAegis:      "aegis-export.json",
	exportAegisPlain: "aegis-export-plain.json",
	exportOTPAuth:    "otpauth-links.txt",
}

// showExport asks what to export to, how it is protected, and where.
func (u *UI) showExport() {
	if u.vault == nil {
		return
	}
	pass := widget.NewPasswordEntry()
	pass.SetPlaceHolder("Passphrase")
	again := widget.NewPasswordEntry()
	again.SetPlaceHolder("The same passphrase again")
	protection := widget.NewRadioGroup([]string{"Recovery key", "A passphrase"}, nil)
	protection.Required = true
	protection.SetSelected("Recovery key")
	warn := &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
		Text: "This file is NOT encrypted: anyone who reads it can make your codes. Import it at once and delete it."}
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	format := widget.NewSelect([]string{exportBackup, exportAegis, exportAegisPlain, exportOTPAuth}, nil)
	update := func() {
		f := format.Selected
		needPass := f == exportAegis || (f == exportBackup && protection.Selected == "A passphrase")
		setVisible(protection, f == exportBackup)
		setVisible(pass, needPass)
		setVisible(again, needPass)
		setVisible(warn, f == exportAegisPlain || f == exportOTPAuth)
		switch {
		case f == exportBackup && !needPass:
			hint.SetText("Opens with your recovery key, in Lifeline or with the age tool.")
		case f == exportBackup:
			hint.SetText("Opens with this passphrase only (not with the recovery key).")
		case f == exportAegis:
			hint.SetText("Aegis on a phone imports it with this password.")
		default:
			hint.SetText("")
		}
	}
	format.OnChanged = func(string) { update() }
	protection.OnChanged = func(string) { update() }
	format.SetSelected(exportBackup)
	body := container.NewVBox(format, protection, pass, again, hint, warn)
	d := dialog.NewCustomConfirm("Export", "Save…", "Cancel", body, func(ok bool) {
		if !ok {
			return
		}
		f := format.Selected
		pw := ""
		if pass.Visible() {
			if pass.Text != again.Text {
				u.showError("Could not export", errors.New("the two passphrases are different"))
				return
			}
			if err := minLen(pass.Text); err != nil {
				u.showError("Could not export", err)
				return
			}
			pw = pass.Text
		}
		u.exportTo(f, pw)
	}, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.trackDialog(d).Show()
}

// exportTo makes the file off the UI goroutine (scrypt for passphrases)
// from a copy of the document, then asks where to save it.
func (u *UI) exportTo(format, password string) {
	rr, err := u.vault.RecoveryRecipient()
	if err != nil {
		u.showError("Could not export", err)
		return
	}
	doc := exportCopy(u.vault.Doc)
	done := u.progress("Encrypting…")
	// A lock waits for the export (busy), so the file is not offered on
	// the unlock screen.
	u.startBusy()
	u.goBackground(func() {
		data, err := exportData(format, &doc, rr, password)
		for i := range doc.Accounts {
			clear(doc.Accounts[i].Secret)
		}
		u.do(func() {
			done()
			u.endBusy()
			if err != nil {
				u.showError("Could not export", err)
				return
			}
			u.saveFile(exportNames[format], "Could not save the export", writeBytes(data), func(path string) {
				u.notice.show("Exported to "+filepath.Base(path)+".", "", nil)
			})
		})
	})
}

// exportCopy is a copy of doc that shares nothing the UI goroutine may
// change while an export reads it: the accounts (cloned, secrets and
// all; the export wipes their secrets when done) and the settings.
func exportCopy(doc *vault.Document) vault.Document {
	c := *doc
	c.Accounts = make([]core.Account, len(doc.Accounts))
	for i := range doc.Accounts {
		c.Accounts[i] = doc.Accounts[i].Clone()
	}
	c.Settings = maps.Clone(doc.Settings)
	return c
}

// exportData is the file's content in the chosen format.
func exportData(format string, doc *vault.Document, rr, password string) ([]byte, error) {
	switch format {
	case exportBackup:
		var b bytes.Buffer
		err := backup.Export(&b, doc, rr, backup.Options{Passphrase: password})
		return b.Bytes(), err
	case exportAegis:
		return apps.ExportAegis(doc.Accounts, password)
	case exportAegisPlain:
		return apps.ExportAegis(doc.Accounts, "")
	}
	return apps.ExportOTPAuthList(doc.Accounts), nil
}
