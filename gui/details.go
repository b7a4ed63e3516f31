package gui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

// detailsScreen shows everything about an account except its secret, which
// ("Reveal secret") and the QR code ("Show QR to move to a phone") each
// take an explicit click.
type detailsScreen struct {
	u         *UI
	a         core.Account // a copy: edits elsewhere do not change the screen
	reveal    *widget.Button
	showQR    *widget.Button
	secretBox *fyne.Container
	qrBox     *fyne.Container
}

// backToDetails returns to the details of the account id, or to the list
// if it is gone meanwhile.
func (u *UI) backToDetails(id string) func() {
	return func() {
		if u.vault == nil {
			u.showList()
			return
		}
		if j := u.vault.Doc.Index(id); j >= 0 {
			u.showDetails(j)
			return
		}
		u.showList()
	}
}

// showDetails shows the details of the i-th account.
func (u *UI) showDetails(i int) {
	u.activity()
	s := newDetailsScreen(u, u.vault.Doc.Accounts[i].Clone())
	u.show(screenDetails, s.content())
}

func newDetailsScreen(u *UI, a core.Account) *detailsScreen {
	s := &detailsScreen{u: u, a: a, secretBox: container.NewVBox(), qrBox: container.NewVBox()}
	s.reveal = widget.NewButtonWithIcon("Reveal secret", theme.VisibilityIcon(), s.onReveal)
	s.showQR = widget.NewButtonWithIcon("Show QR to move to a phone", theme.NewThemedResource(qrIcon), s.onShowQR)
	if !a.HasSecret() {
		s.reveal.Hide() // recovery codes only: no secret, no QR code
		s.showQR.Hide()
	}
	return s
}

func (s *detailsScreen) content() fyne.CanvasObject {
	body := container.NewVBox(
		form(detailRows(&s.a)...),
		widget.NewSeparator(),
		container.NewHBox(s.reveal, s.showQR),
		container.NewHBox(widget.NewButtonWithIcon("Recovery codes…", theme.ListIcon(), s.open(s.u.showCodes))),
		s.secretBox, s.qrBox,
	)
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), s.open(s.u.showEdit))
	return page(nonEmpty(s.a.Issuer, s.a.Name), s.u.showList, edit, body, nil)
}

// detailRows are the label and value pairs of a, for a FormLayout; empty
// values are left out.
func detailRows(a *core.Account) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	add := func(label, value string) {
		if value != "" {
			rows = append(rows, &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}},
				&widget.Label{Text: value, Wrapping: fyne.TextWrapWord, Selectable: true})
		}
	}
	add("Issuer", a.Issuer)
	add("Account", a.Name)
	if a.HasSecret() {
		add("Type", a.Type.Name())
		if a.Type != core.Steam && a.Type != core.Yandex && a.Type != core.MOTP {
			add("Algorithm", a.Algorithm.String())
		}
		add("Digits", fmt.Sprint(a.Digits))
		if a.Type == core.HOTP {
			add("Counter", fmt.Sprint(a.Counter))
		} else {
			add("Period", fmt.Sprintf("%d s", a.Period))
		}
	} else {
		add("Type", "Recovery codes only (2FA is kept elsewhere)")
	}
	add("Groups", strings.Join(a.Groups, ", "))
	add("Note", a.Note)
	add("Recovery codes", codesHint(a))
	add("Added", a.Created.Local().Format("2 January 2006"))
	add("Codes copied", fmt.Sprint(a.Uses))
	return rows
}

// open is a handler that shows another screen of the account, if it is
// still in the vault.
// open opens a screen of this account that comes back here.
func (s *detailsScreen) open(show func(i int, back func())) func() {
	return func() {
		if j := s.u.vault.Doc.Index(s.a.ID); j >= 0 {
			show(j, s.u.backToDetails(s.a.ID))
		}
	}
}

// onReveal shows the secret, and a button to copy it.
func (s *detailsScreen) onReveal() {
	s.reveal.Hide()
	key := &widget.Label{Text: s.a.Secret.Grouped(), TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapBreak, Selectable: true}
	cp := widget.NewButtonWithIcon("Copy secret", theme.ContentCopyIcon(), func() { s.u.copySecret(s.a.Secret.Base32(), "Secret copied") })
	s.secretBox.Objects = []fyne.CanvasObject{
		&widget.Label{Text: "Anyone with this key can make your codes.", Importance: widget.WarningImportance},
		key, container.NewHBox(cp),
	}
	s.secretBox.Refresh()
}

// onShowQR shows the account's otpauth QR code, and a button to save it.
func (s *detailsScreen) onShowQR() {
	img, err := qr.AccountImage(&s.a, 1)
	if err != nil {
		s.u.showError("Could not draw the QR code", err)
		return
	}
	pic := qrCanvas(256)
	showPNG(pic, img.PNG)
	s.showQR.Hide()
	save := widget.NewButtonWithIcon("Save as PNG…", theme.DocumentSaveIcon(), func() { s.onSaveQR(img) })
	s.qrBox.Objects = []fyne.CanvasObject{
		&widget.Label{Text: "Scan this with the authenticator app on your phone. Anyone who sees it can make your codes: close it when done.", Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		container.NewCenter(pic),
		container.NewCenter(save),
	}
	s.qrBox.Refresh()
}

// onSaveQR saves the account's otpauth QR code as a PNG for a phone to
// scan from another screen; the notice says it holds the secret.
func (s *detailsScreen) onSaveQR(img qr.Image) {
	s.u.saveFile(img.Name, "Could not save the QR code", writeBytes(img.PNG), func(path string) {
		s.u.notice.show("Saved "+filepath.Base(path)+": it holds the secret, delete it after scanning.", "", nil)
	})
}
