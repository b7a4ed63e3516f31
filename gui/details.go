package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/lifelineauth/lifeline/core"
)

var errGone = errors.New("the account was deleted meanwhile")

// showDetails shows everything about an account except its secret, which
// ("Reveal secret") and the QR code ("Show QR to move to a phone") each
// take an explicit click.
func (u *UI) showDetails(i int) {
	u.activity()
	a := u.vault.Doc.Accounts[i].Clone()
	id := a.ID
	rows := []fyne.CanvasObject{}
	add := func(label, value string) {
		if value == "" {
			return
		}
		v := &widget.Label{Text: value, Wrapping: fyne.TextWrapWord, Selectable: true}
		rows = append(rows, &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}}, v)
	}
	add("Issuer", a.Issuer)
	add("Account", a.Name)
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
	add("Groups", strings.Join(a.Groups, ", "))
	add("Note", a.Note)
	add("Recovery codes", codesHint(&a))
	add("Added", a.Created.Local().Format("2 January 2006"))
	add("Codes copied", fmt.Sprint(a.Uses))

	secretBox := container.NewVBox()
	reveal := widget.NewButtonWithIcon("Reveal secret", theme.VisibilityIcon(), nil)
	reveal.OnTapped = func() {
		reveal.Hide()
		key := &widget.Label{Text: a.Secret.Grouped(), TextStyle: fyne.TextStyle{Monospace: true}, Wrapping: fyne.TextWrapBreak, Selectable: true}
		cp := widget.NewButtonWithIcon("Copy secret", theme.ContentCopyIcon(), func() { u.copySecret(a.Secret.Base32(), "Secret copied") })
		secretBox.Objects = []fyne.CanvasObject{
			&widget.Label{Text: "Anyone with this key can make your codes.", Importance: widget.WarningImportance},
			key, container.NewHBox(cp),
		}
		secretBox.Refresh()
	}
	qrBox := container.NewVBox()
	showQR := widget.NewButtonWithIcon("Show QR to move to a phone", theme.NewThemedResource(qrIcon), nil)
	showQR.OnTapped = func() {
		img, err := qrImage(core.FormatURI(&a))
		if err != nil {
			u.showError("Could not draw the QR code", err)
			return
		}
		showQR.Hide()
		save := widget.NewButtonWithIcon("Save as PNG…", theme.DocumentSaveIcon(), func() { u.saveAccountQR(&a) })
		qrBox.Objects = []fyne.CanvasObject{
			&widget.Label{Text: "Scan this with the authenticator app on your phone. Anyone who sees it can make your codes: close it when done.", Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
			container.NewCenter(img),
			container.NewCenter(save),
		}
		qrBox.Refresh()
	}

	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), u.showList)
	title := widget.NewLabelWithStyle(nonEmpty(a.Issuer, a.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Truncation = fyne.TextTruncateEllipsis
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if j := u.vault.Doc.Index(id); j >= 0 {
			u.showEdit(j)
		}
	})
	header := container.NewBorder(nil, nil, back, edit, title)
	body := container.NewVBox(
		container.New(layout.NewFormLayout(), rows...),
		widget.NewSeparator(),
		container.NewHBox(reveal, showQR),
		container.NewHBox(widget.NewButtonWithIcon("Recovery codes…", theme.ListIcon(), func() {
			if j := u.vault.Doc.Index(id); j >= 0 {
				u.showCodes(j)
			}
		})),
		secretBox, qrBox,
	)
	u.show(screenDetails, container.NewBorder(container.NewPadded(header), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body))))
}

// qrImage draws text as a QR code image, 256 units square.
func qrImage(text string) (*canvas.Image, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("making QR code: %w", err)
	}
	img := canvas.NewImageFromImage(q.Image(512))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSize(256, 256))
	return img, nil
}
