package gui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/ready"
)

// showLostDevice is "I lost a device": backup/ready's day-after guide,
// each step with a tick box (for the person's eyes; not saved), and where
// a recovery code is the way in, a button to mark it used.
func (u *UI) showLostDevice() {
	if u.vault == nil {
		return
	}
	u.activity()
	g := ready.LostDevice(u.vault.Doc, ready.Options{})
	cmds := &widget.Label{Text: strings.Join(g.Commands, "\n"), TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}
	steps := container.NewVBox(
		widget.NewCheck("First: this vault", nil),
		&widget.Label{Text: g.Vault, Wrapping: fyne.TextWrapWord}, cmds,
		hintText("The window changes the password too (Settings → Change password…) and saves the kit (Settings → Save Recovery Kit…).", fyne.TextAlignLeading))
	for i, s := range g.Steps {
		steps.Add(widget.NewSeparator())
		steps.Add(widget.NewCheck(fmt.Sprintf("%d. %s", i+1, s.Account), nil))
		text := &widget.Label{Text: s.Text, Wrapping: fyne.TextWrapWord}
		if s.Way != ready.WithRecoveryCode {
			steps.Add(text)
			continue
		}
		steps.Add(container.NewBorder(nil, nil, nil, widget.NewButton(fmt.Sprintf("Mark #%d used", s.Code), u.markUsedFn(s)), text))
	}
	save := widget.NewButtonWithIcon("Save as PDF…", theme.DocumentPrintIcon(), func() { u.saveLostDevicePDF(g) })
	body := container.NewVBox(&widget.Label{Text: g.Intro, Wrapping: fyne.TextWrapWord}, steps)
	u.show(screenLost, page(g.Title, u.showList, save, body, nil))
}

// markUsedFn marks the recovery code step s signs in with as used, and
// shows the guide again with the next one.
func (u *UI) markUsedFn(s ready.Step) func() {
	return func() {
		i := u.vault.Doc.Index(s.AccountID)
		if i < 0 || s.Code > len(u.vault.Doc.Accounts[i].RecoveryCodes) {
			return
		}
		if u.vault.Doc.Accounts[i].MarkRecoveryCode(s.Code-1, true, u.clock.Now()) {
			u.vault.Doc.Touch(i, u.clock.Now())
			if u.save() {
				u.notice.show(fmt.Sprintf("Recovery code #%d of %s marked used", s.Code, s.Account), "", nil)
			}
		}
		if u.screen == screenLost {
			u.showLostDevice()
		}
	}
}

// saveLostDevicePDF draws the guide as a checklist (in the background: a
// large vault makes a long one) and asks where to save it.
func (u *UI) saveLostDevicePDF(g ready.Guide) {
	now := u.clock.Now()
	done := u.progress("Making the checklist…")
	u.goBackground(func() {
		var pdf bytes.Buffer
		err := g.WritePDF(&pdf, kit.A4, now)
		u.do(func() {
			done()
			if err != nil {
				u.showError("Could not make the checklist", err)
				return
			}
			u.saveFile("lifeline-lost-device.pdf", "Could not save the checklist", writeBytes(pdf.Bytes()), func(path string) {
				u.notice.show("Saved "+filepath.Base(path), "", nil)
			})
		})
	})
}
