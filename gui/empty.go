package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newEmptyState is the page a new vault opens on: the three ways to add
// accounts, and the hint that files and QR images can be dropped.
func newEmptyState(u *UI) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	title := widget.NewLabelWithStyle("No accounts yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	intro := widget.NewLabelWithStyle("Add the accounts whose sign-in codes you want at hand.", fyne.TextAlignCenter, fyne.TextStyle{})
	intro.Wrapping = fyne.TextWrapWord

	way := func(icon fyne.Resource, label, detail string, tapped func()) fyne.CanvasObject {
		b := &widget.Button{Text: label, Icon: icon, Alignment: widget.ButtonAlignLeading, OnTapped: tapped}
		return container.NewVBox(b, hintText(detail, fyne.TextAlignLeading))
	}
	paste := way(theme.ContentPasteIcon(), "Paste a setup link",
		"An otpauth:// link, or a Google Authenticator export (otpauth-migration://).",
		func() { u.showAdd("") })
	manual := way(theme.DocumentCreateIcon(), "Type the secret key",
		"The key a site shows under “Can’t scan the QR code?”.",
		func() { u.showAddManual() })
	importApp := way(theme.DownloadIcon(), "Import from another app",
		"Aegis, 2FAS, andOTP, Authy, Bitwarden, FreeOTP and more.",
		u.showImportPicker)
	hint := hintText("Tip: you can also drop QR code images and export files onto this window.", fyne.TextAlignCenter)

	col := container.NewVBox(icon, title, intro, widget.NewSeparator(), paste, manual, importApp, widget.NewSeparator(), hint)
	return container.NewCenter(container.New(&maxWidth{w: 400}, col))
}

// hintText is secondary text in the placeholder colour (readable,
// unlike the disabled colour of a low-importance Label), wrapped. Not in
// italics: each text style Fyne meets loads its own copy of the fonts,
// several megabytes each.
func hintText(text string, align fyne.TextAlign) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: align,
		ColorName: theme.ColorNamePlaceHolder,
	}})
	t.Wrapping = fyne.TextWrapWord
	return t
}
