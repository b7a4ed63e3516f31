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

// lostDeviceScreen is "I lost a device": backup/ready's day-after guide,
// each step with a tick box (for the person's eyes; not saved), and where
// a recovery code is the way in, a button to mark it used.
type lostDeviceScreen struct {
	u     *UI
	guide ready.Guide
}

func (u *UI) showLostDevice() {
	if u.vault == nil {
		return
	}
	u.activity()
	s := &lostDeviceScreen{u: u, guide: ready.LostDevice(u.vault.Doc, ready.Options{})}
	u.show(screenLost, s.content())
}

func (s *lostDeviceScreen) content() fyne.CanvasObject {
	g := s.guide
	cmds := &widget.Label{Text: strings.Join(g.Commands, "\n"), TextStyle: fyne.TextStyle{Monospace: true}, Selectable: true}
	steps := container.NewVBox(
		widget.NewCheck("First: this vault", nil),
		&widget.Label{Text: g.Vault, Wrapping: fyne.TextWrapWord}, cmds,
		hintText("The window changes the password too (Settings → Change password…) and saves the kit (Settings → Save Recovery Kit…).", fyne.TextAlignLeading))
	for i, st := range g.Steps {
		steps.Add(widget.NewSeparator())
		steps.Add(widget.NewCheck(fmt.Sprintf("%d. %s", i+1, st.Account), nil))
		text := &widget.Label{Text: st.Text, Wrapping: fyne.TextWrapWord}
		if st.Way != ready.WithRecoveryCode {
			steps.Add(text)
			continue
		}
		steps.Add(container.NewBorder(nil, nil, nil, widget.NewButton(fmt.Sprintf("Mark #%d used", st.Code), s.onMarkUsed(st)), text))
	}
	save := widget.NewButtonWithIcon("Save as PDF…", theme.DocumentPrintIcon(), s.onSavePDF)
	body := container.NewVBox(&widget.Label{Text: g.Intro, Wrapping: fyne.TextWrapWord}, steps)
	return page(g.Title, s.u.showList, save, body, nil)
}

// onMarkUsed marks the recovery code step st signs in with as used, and
// shows the guide again with the next one.
func (s *lostDeviceScreen) onMarkUsed(st ready.Step) func() {
	u := s.u
	return func() {
		i := u.vault.Doc.Index(st.AccountID)
		if i < 0 || st.Code > len(u.vault.Doc.Accounts[i].RecoveryCodes) {
			return
		}
		if u.vault.Doc.Accounts[i].MarkRecoveryCode(st.Code-1, true, u.clock.Now()) {
			u.vault.Doc.Touch(i, u.clock.Now())
			if u.save() {
				u.notice.show(fmt.Sprintf("Recovery code #%d of %s marked used", st.Code, st.Account), "", nil)
			}
		}
		if u.screen == screenLost {
			u.showLostDevice()
		}
	}
}

// onSavePDF draws the guide as a checklist (in the background: a large
// vault makes a long one) and asks where to save it.
func (s *lostDeviceScreen) onSavePDF() {
	u, g := s.u, s.guide
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
