package gui

import (
	"bytes"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// kitScreen is the Recovery Kit dialog and the saving of the kit: the
// paper and paper-backup choices, the password a full kit asks for, and
// rendering the PDF off the UI goroutine.
type kitScreen struct {
	u         *UI
	accountID string // "" for the full kit, else the account's codes only
	paper     *widget.Check
	warn      *widget.Label
	page      *widget.RadioGroup
	pw        *widget.Entry
	noCopy    bool // the kit found no backup off this computer (kit.NoCopyWarning)
}

// askSaveKit is "Save Recovery Kit…" (accountID "") or "print this
// account's codes" (one account). A full kit prints the recovery key, so it
// asks for the password first, as the CLI does: a keyring unlock alone is
// not enough to read the key.
func (u *UI) askSaveKit(accountID string) {
	if u.vault == nil {
		return
	}
	u.activity()
	newKitScreen(u, accountID).show()
}

// offerKitAfterFirstRun is the end of first run: the person has just
// written the key down and typed the password, so the kit needs no
// password again.
func (u *UI) offerKitAfterFirstRun() { newKitScreen(u, "").offerAfterFirstRun() }

func newKitScreen(u *UI, accountID string) *kitScreen {
	s := &kitScreen{u: u, accountID: accountID,
		warn: &widget.Label{Text: kit.PaperWarning, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		page: widget.NewRadioGroup([]string{"A4", "Letter"}, nil),
		pw:   widget.NewPasswordEntry(),
	}
	s.paper = widget.NewCheck("Add a paper backup (every account's secret)", s.onPaper)
	s.warn.Hide()
	s.page.Horizontal = true
	s.page.Required = true
	s.page.SetSelected("A4")
	s.pw.SetPlaceHolder("Password")
	return s
}

func (s *kitScreen) show() {
	var items []*widget.FormItem
	title := "Save Recovery Kit"
	if s.accountID == "" {
		items = append(items, widget.NewFormItem("Password", s.pw))
	} else {
		title = "Print this account's codes"
	}
	items = append(items, widget.NewFormItem("Paper", s.page), widget.NewFormItem("", s.paper), widget.NewFormItem("", s.warn))
	d := dialog.NewForm(title, "Save…", "Cancel", items, func(ok bool) {
		if ok {
			s.onSave()
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(460, 0))
	s.u.trackDialog(d).Show()
	if s.accountID == "" {
		s.u.win.Canvas().Focus(s.pw)
	}
}

// onPaper shows the warning while a paper backup is ticked.
func (s *kitScreen) onPaper(on bool) {
	if on {
		s.warn.Show()
	} else {
		s.warn.Hide()
	}
}

// onSave makes the kit chosen: one account's codes at once, a full kit
// once the password gave the recovery key.
func (s *kitScreen) onSave() {
	opt := kit.Options{Paper: s.paper.Checked, Page: kit.A4}
	if s.page.Selected == "Letter" {
		opt.Page = kit.Letter
	}
	if s.accountID != "" {
		opt.Accounts = []string{s.accountID}
		s.write(vault.RecoveryKey{}, opt)
		return
	}
	s.u.withRecoveryKey(s.pw.Text, "Could not save the Recovery Kit", func(rk vault.RecoveryKey) {
		s.write(rk, opt)
	})
}

// offerAfterFirstRun offers the full kit with the new vault's key.
func (s *kitScreen) offerAfterFirstRun() {
	u := s.u
	if u.vault == nil {
		return
	}
	rk, err := u.vault.RecoveryKey()
	if err != nil {
		fyne.LogError("reading the new vault's recovery key", err)
		return
	}
	text := widget.NewLabel("Save a Recovery Kit now: one PDF with your recovery key, how to restore, and your accounts' recovery codes. Print it and keep it away from this computer.")
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Your Recovery Kit", "Save Recovery Kit…", "Later", container.NewVBox(text), func(ok bool) {
		if ok {
			s.write(rk, kit.Options{Page: kit.A4})
		}
	}, u.win)
	d.Resize(fyne.NewSize(420, 0))
	u.trackDialog(d).Show()
}

// write renders the kit off the UI goroutine (a paper backup of many
// accounts takes a while), from a copy of the document, then asks where
// to save it.
func (s *kitScreen) write(rk vault.RecoveryKey, opt kit.Options) {
	u := s.u
	v := u.vault
	if v == nil {
		return
	}
	name := "Lifeline-Recovery-Kit.pdf"
	if len(opt.Accounts) > 0 {
		name = "Lifeline-recovery-codes.pdf"
	}
	doc := exportCopy(v.Doc)
	opt.Now = u.clock.Now()
	dir := v.Dir
	done := u.progress("Making the Recovery Kit…")
	u.goBackground(func() {
		// Where the backups off this computer are: it reads the folders.
		opt.Copies = backup.OffDeviceCopies(&doc, dir)
		var pdf bytes.Buffer
		m, err := kitWrite(&pdf, &doc, rk, opt)
		for i := range doc.Accounts {
			clear(doc.Accounts[i].Secret)
		}
		u.do(func() {
			done()
			switch {
			case err != nil:
				u.showError("Could not save the Recovery Kit", err)
			case u.vault != v: // locked meanwhile: the kit is not offered
				clear(pdf.Bytes())
			default:
				s.noCopy = len(opt.Copies) == 0
				u.saveFile(name, "Could not save the Recovery Kit", writeBytes(pdf.Bytes()), func(path string) {
					clear(pdf.Bytes())
					s.onSaved(filepath.Base(path), m)
				})
			}
		})
	})
}

// kitWrite is kit.Write; tests hold it to see the window go on meanwhile.
var kitWrite = kit.Write

// onSaved follows a kit saved as name: a full kit is recorded in the
// vault so the nag stops.
func (s *kitScreen) onSaved(name string, m kit.Meta) {
	u := s.u
	if m.Partial {
		u.notice.show("Saved "+name+" (no recovery key in it)", "", nil)
		return
	}
	if u.vault == nil {
		return
	}
	if err := kit.Record(u.vault.Doc, m); err != nil {
		u.showError("Could not save the Recovery Kit", err)
		return
	}
	if !u.save() { // save said why
		return
	}
	text := "Saved " + name + ": print it, then delete the file"
	if s.noCopy {
		text += ".\nYou have no backup off this computer: the kit says how to make one."
	}
	u.notice.show(text, "", nil)
}

// kitNagDelay is how long after unlocking the kit reminder comes: not at
// once, where it would hide the clipboard offer and greet every unlock.
const kitNagDelay = 15 * time.Second

// nagKit schedules the gentle reminder while no kit exists for the current
// recovery key. It is a notice, not a dialog: it goes away by itself. If
// the list is not showing (or another notice is), it waits for another
// round; a new unlock (a new list) ends the old rounds. The reminder is on
// UI, not kitScreen: it belongs to the unlock's lifecycle (opened starts
// it, the list, the screen showing and the notice decide it), and builds a
// kitScreen only when the person answers it.
func (u *UI) nagKit() {
	list := u.list
	u.after(kitNagDelay, func() {
		if u.vault == nil || u.list != list || !kit.Check(u.vault).NeedsKit() {
			return
		}
		if u.screen != screenList || u.notice.Text() != "" {
			u.nagKit()
			return
		}
		u.nagKitNow()
	})
}

// nagKitNow shows the reminder if a kit is still needed.
func (u *UI) nagKitNow() {
	if u.vault == nil || !kit.Check(u.vault).NeedsKit() {
		return
	}
	u.notice.show("Print your Recovery Kit", "Save…", func() { u.askSaveKit("") })
}
