package gui

import (
	"bytes"
	"errors"
	"maps"
	"path/filepath"
	"strings"

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

// exportScreen is the export dialog: what to export to, how it is
// protected, and where it goes.
type exportScreen struct {
	u          *UI
	format     *widget.Select
	protection *widget.RadioGroup
	pass       *widget.Entry
	again      *widget.Entry
	hint       *widget.Label
	warn       *widget.Label
}

// showExport asks what to export to, how it is protected, and where.
func (u *UI) showExport() {
	if u.vault == nil {
		return
	}
	newExportScreen(u).show()
}

func newExportScreen(u *UI) *exportScreen {
	s := &exportScreen{u: u,
		pass:       widget.NewPasswordEntry(),
		again:      widget.NewPasswordEntry(),
		protection: widget.NewRadioGroup([]string{"Recovery key", "A passphrase"}, nil),
		warn: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
			Text: "This file is NOT encrypted: anyone who reads it can make your codes. Import it at once and delete it."},
		hint:   widget.NewLabel(""),
		format: widget.NewSelect([]string{exportBackup, exportAegis, exportAegisPlain, exportOTPAuth}, nil),
	}
	s.pass.SetPlaceHolder("Passphrase")
	s.again.SetPlaceHolder("The same passphrase again")
	s.protection.Required = true
	s.protection.SetSelected("Recovery key")
	s.hint.Wrapping = fyne.TextWrapWord
	s.format.OnChanged = func(string) { s.onChanged() }
	s.protection.OnChanged = func(string) { s.onChanged() }
	s.format.SetSelected(exportBackup)
	return s
}

func (s *exportScreen) show() {
	body := container.NewVBox(s.format, s.protection, s.pass, s.again, s.hint, s.warn)
	d := dialog.NewCustomConfirm("Export", "Save…", "Cancel", body, func(ok bool) {
		if ok {
			s.onSave()
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(480, 0))
	s.u.trackDialog(d).Show()
}

// onChanged shows the fields and the words the chosen format needs.
func (s *exportScreen) onChanged() {
	f := s.format.Selected
	needPass := f == exportAegis || (f == exportBackup && s.protection.Selected == "A passphrase")
	setVisible(s.protection, f == exportBackup)
	setVisible(s.pass, needPass)
	setVisible(s.again, needPass)
	setVisible(s.warn, f == exportAegisPlain || f == exportOTPAuth)
	switch {
	case f == exportBackup && !needPass:
		s.hint.SetText("Opens with your recovery key, in Lifeline or with the age tool.")
	case f == exportBackup:
		s.hint.SetText("Opens with this passphrase only (not with the recovery key).")
	case f == exportAegis:
		s.hint.SetText("Aegis on a phone imports it with this password.")
	default:
		s.hint.SetText("")
	}
	if s.u.vault == nil || f == exportBackup {
		return
	}
	if _, only := core.SplitCodesOnly(s.u.vault.Doc.Accounts); len(only) > 0 {
		s.hint.SetText(strings.TrimSpace(s.hint.Text + " Left out: " + plural(len(only), "account") +
			" with recovery codes only; the other app has nothing to make codes with."))
	}
}

// onSave checks the passphrase, if one is needed, and exports.
func (s *exportScreen) onSave() {
	pw := ""
	if s.pass.Visible() {
		if s.pass.Text != s.again.Text {
			s.u.showError("Could not export", errors.New("the two passphrases are different"))
			return
		}
		if err := minLen(s.pass.Text); err != nil {
			s.u.showError("Could not export", err)
			return
		}
		pw = s.pass.Text
	}
	s.exportTo(s.format.Selected, pw)
}

// exportTo makes the file off the UI goroutine (scrypt for passphrases)
// from a copy of the document, then asks where to save it.
func (s *exportScreen) exportTo(format, password string) {
	u := s.u
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
			s.onExported(format, data, err)
		})
	})
}

// onExported asks where to save the file made, or says why there is none.
func (s *exportScreen) onExported(format string, data []byte, err error) {
	if err != nil {
		s.u.showError("Could not export", err)
		return
	}
	s.u.saveFile(exportNames[format], "Could not save the export", writeBytes(data), func(path string) {
		if format == exportBackup {
			s.recordExport(path)
		}
		s.u.notice.show("Exported to "+filepath.Base(path)+".", "", nil)
	})
}

// recordExport remembers where a Lifeline backup was exported: the
// Recovery Kit names it when it is off this computer.
func (s *exportScreen) recordExport(path string) {
	u := s.u
	if u.vault == nil {
		return // locked meanwhile
	}
	if err := backup.RecordExport(u.vault.Doc, path, u.clock.Now()); err != nil {
		fyne.LogError("recording the export", err)
		return
	}
	u.save() // else save said why
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
