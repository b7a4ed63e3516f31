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

// importFlow takes another app's export file through reading it (asking
// its password if it is encrypted) to the restore preview, which merges.
type importFlow struct {
	u      *UI
	name   string // the file's name, for people and for detecting the format
	data   []byte
	format apps.Format
}

// showImportPicker asks for another app's export file, then imports it.
func (u *UI) showImportPicker() { newImportFlow(u).onPick() }

// startImport reads another app's export (name, for people and for
// detecting the format) and shows the preview before merging.
func (u *UI) startImport(name string, data []byte) { newImportFlow(u).onFile(name, data) }

func newImportFlow(u *UI) *importFlow { return &importFlow{u: u} }

// onPick asks for the file.
func (s *importFlow) onPick() {
	if s.u.vault == nil {
		s.needVault()
		return
	}
	s.u.pickFile(backup.ImportInput, nil, s.onFile)
}

// needVault explains that accounts need a vault to go into.
func (s *importFlow) needVault() {
	text := "Imported accounts go into your vault: create it first (or unlock it), then import the file."
	d := dialog.NewInformation("Import from another app", text, s.u.win)
	s.u.trackDialog(d).Show()
}

// onFile detects the file's format and reads it.
func (s *importFlow) onFile(name string, data []byte) {
	if s.u.vault == nil {
		s.needVault()
		return
	}
	f, err := apps.Detect(name, data)
	if err != nil {
		s.u.showError("Could not import "+name, err)
		return
	}
	s.name, s.data, s.format = name, data, f
	s.read("", false)
}

// read imports off the UI goroutine (the encrypted formats run a KDF).
// With asked false, an encrypted file comes back as ErrPasswordNeeded and
// the password is asked for; a wrong one asks again, saying so.
func (s *importFlow) read(password string, asked bool) {
	pwFunc := func() (string, error) {
		if !asked {
			return "", errNoPassword
		}
		return password, nil
	}
	f, data := s.format, s.data
	done := s.u.progress("Reading " + s.name + " (" + f.Title + ")…")
	s.u.goBackground(func() {
		res, err := apps.Import(f, data, pwFunc)
		s.u.do(func() {
			done()
			s.onRead(res, err, asked)
		})
	})
}

// onRead is the importer's answer, back on the UI goroutine.
func (s *importFlow) onRead(res apps.Result, err error, asked bool) {
	switch {
	case errors.Is(err, errNoPassword), errors.Is(err, apps.ErrPasswordNeeded) && !asked:
		s.askPassword("")
	case errors.Is(err, apps.ErrWrongPassword):
		s.askPassword("That password does not open the file. Try again.")
	case err != nil:
		s.u.showError("Could not import "+s.name, err)
	default:
		s.preview(res)
	}
}

// askPassword asks for the password of an encrypted export.
func (s *importFlow) askPassword(problem string) {
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder("Password of the export")
	items := []*widget.FormItem{widget.NewFormItem("Password", pw)}
	if problem != "" {
		items = append(items, widget.NewFormItem("", &widget.Label{Text: problem, Importance: widget.DangerImportance}))
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(fmt.Sprintf("%s is encrypted", s.name), "Open", "Cancel", items, func(ok bool) {
		if ok {
			s.read(pw.Text, true)
		}
	}, s.u.win)
	pw.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(440, 0))
	s.u.trackDialog(d).Show()
	s.u.win.Canvas().Focus(pw)
}

// preview shows what merging the imported accounts does, with the
// entries the importer had to skip.
func (s *importFlow) preview(res apps.Result) {
	if s.u.vault == nil {
		return
	}
	var extra []string
	for _, sk := range res.Skipped {
		extra = append(extra, "Skipped "+sk.Label+": "+sk.Reason)
	}
	p := backup.Plan(s.u.vault.Doc, backup.Incoming{Source: s.name, Accounts: res.Accounts}, s.u.clock.Now())
	s.u.showPreview(p, "Import from "+res.Format.Title, extra)
}
