package gui

import (
	"bytes"
	"fmt"
	"image/png"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

// askExportQR is "Export QR codes…": all accounts, or the ones ticked.
func (u *UI) askExportQR() {
	if u.vault == nil {
		return
	}
	if len(u.vault.Doc.Accounts) == 0 {
		u.showInfo("Export QR codes", "There are no accounts to export yet.")
		return
	}
	u.activity()
	accs := u.vault.Doc.Accounts
	labels := make([]string, len(accs))
	for i := range accs {
		// Labels must be unique for CheckGroup: number them.
		labels[i] = fmt.Sprintf("%d. %s", i+1, accs[i].Label())
	}
	pick := widget.NewCheckGroup(labels, nil)
	all := widget.NewCheck("All accounts", func(on bool) {
		if on {
			pick.SetSelected(labels)
		} else {
			pick.SetSelected(nil)
		}
	})
	all.SetChecked(true)
	intro := widget.NewLabel("Google Authenticator, Aegis and 2FAS scan these codes directly. Each shows secrets: export with nobody looking.")
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(pick)
	scroll.SetMinSize(fyne.NewSize(0, 240))
	d := dialog.NewCustomConfirm("Export QR codes", "Show codes", "Cancel", container.NewBorder(container.NewVBox(intro, all), nil, nil, nil, scroll), func(ok bool) {
		if !ok || u.vault == nil {
			return
		}
		var chosen []core.Account
		for i, l := range labels {
			for _, s := range pick.Selected {
				if s == l {
					chosen = append(chosen, u.vault.Doc.Accounts[i])
				}
			}
		}
		u.showQRExport(chosen)
	}, u.win)
	d.Resize(fyne.NewSize(460, 440))
	u.trackDialog(d).Show()
}

// qrExport is the export screen's state: the images shown one by one.
type qrExport struct {
	u      *UI
	exp    qr.MigrationExport
	images []qr.Image // batches, then the single otpauth codes
	at     int
	img    *canvas.Image
	title  *widget.Label
	prev   *widget.Button
	next   *widget.Button
}

// showQRExport shows the migration codes of accs one after another.
func (u *UI) showQRExport(accs []core.Account) {
	if len(accs) == 0 {
		u.notice.show("No accounts chosen", "", nil)
		return
	}
	exp, err := qr.MigrationImages(accs)
	if err != nil {
		u.showError("Could not make the QR codes", err)
		return
	}
	e := &qrExport{u: u, exp: exp, images: append(append([]qr.Image{}, exp.Batches...), exp.Singles...)}
	e.img = qrCanvas(320)
	e.title = &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	e.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { e.showAt(e.at - 1) })
	e.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { e.showAt(e.at + 1) })
	e.next.IconPlacement = widget.ButtonIconTrailingText

	objs := []fyne.CanvasObject{
		&widget.Label{Text: "Scan each code with the phone's authenticator app, then press Next. Anyone who sees these codes can make your codes: close this screen when done.",
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		e.title,
		container.NewCenter(e.img),
		container.NewCenter(container.NewHBox(e.prev, e.next)),
	}
	if len(exp.Skipped) > 0 {
		var b strings.Builder
		b.WriteString("Exported as single otpauth codes instead (the Google Authenticator format cannot carry them):")
		for i := range exp.Skipped {
			a := &exp.Skipped[i]
			b.WriteString("\n• " + a.Label() + " — " + qr.WhyNotMigratable(a))
		}
		objs = append(objs, &widget.Label{Text: b.String(), Wrapping: fyne.TextWrapWord})
	}
	save := widget.NewButtonWithIcon("Save PNGs…", theme.DocumentSaveIcon(), e.savePNGs)
	u.show(screenQRExport, page("Export QR codes", u.showList, save, container.NewVBox(objs...), nil))
	e.showAt(0)
}

func (e *qrExport) showAt(i int) {
	if i < 0 || i >= len(e.images) {
		return
	}
	e.u.activity()
	e.at = i
	im := e.images[i]
	t := im.Title
	if i >= len(e.exp.Batches) {
		t = "Single code: " + t
	}
	e.title.SetText(fmt.Sprintf("Code %d of %d — %s", i+1, len(e.images), t))
	showPNG(e.img, im.PNG)
	setEnabled(e.prev, i > 0)
	setEnabled(e.next, i < len(e.images)-1)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// savePNGs writes every image to a folder (0600 files; never overwriting).
func (e *qrExport) savePNGs() {
	pickFolder(e.u, func(dir string) {
		e.u.prefs.p.SetString(prefSaveFolder, dir)
		paths, err := qr.WriteImages(dir, e.images)
		if err != nil {
			e.u.showError(fmt.Sprintf("Saved %d of %d QR codes", len(paths), len(e.images)), err)
			return
		}
		e.u.notice.show(fmt.Sprintf("Saved %s in %s", plural(len(paths), "PNG"), dir), "", nil)
	})
}

// saveQR saves one account's otpauth QR code as a PNG for a phone to
// scan from another screen; the notice says it holds the secret.
func (u *UI) saveQR(img qr.Image) {
	u.saveFile(img.Name, "Could not save the QR code", writeBytes(img.PNG), func(path string) {
		u.notice.show("Saved "+filepath.Base(path)+": it holds the secret, delete it after scanning.", "", nil)
	})
}

// qrCanvas is a square image for QR codes, side units wide, drawn with
// whole pixels so the modules stay crisp.
func qrCanvas(side float32) *canvas.Image {
	img := &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScalePixels}
	img.SetMinSize(fyne.NewSize(side, side))
	return img
}

// showPNG puts a QR code drawn by backup/qr in img.
func showPNG(img *canvas.Image, data []byte) {
	pic, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		fyne.LogError("decoding our own QR code", err)
		return
	}
	img.Image = pic
	img.Refresh()
}
