package gui

import (
	"bytes"
	"fmt"
	"image/png"
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
func (u *UI) askExportQR(back func()) {
	if u.vault == nil {
		return
	}
	if with, _ := core.SplitCodesOnly(u.vault.Doc.Accounts); len(with) == 0 {
		u.showInfo("Export QR codes", "There are no accounts with a secret to export yet (entries of recovery codes only have no QR code).")
		return
	}
	u.activity()
	p := newQRPicker(u)
	p.back = back
	p.show()
}

// qrPicker is the dialog that chooses the accounts to export.
type qrPicker struct {
	u       *UI
	back    func()   // the screen the export was asked from
	labels  []string // unique, as CheckGroup needs: numbered; one per account
	offered []string // the labels of the accounts with a secret, the ones shown
	pick    *widget.CheckGroup
	all     *widget.Check
}

func newQRPicker(u *UI) *qrPicker {
	accs := u.vault.Doc.Accounts
	p := &qrPicker{u: u, labels: make([]string, len(accs))}
	for i := range accs {
		p.labels[i] = fmt.Sprintf("%d. %s", i+1, accs[i].Label())
		if accs[i].HasSecret() { // recovery codes only: nothing to scan, not offered
			p.offered = append(p.offered, p.labels[i])
		}
	}
	p.pick = widget.NewCheckGroup(p.offered, nil)
	p.all = widget.NewCheck("All accounts", p.onAll)
	p.all.SetChecked(true)
	return p
}

func (p *qrPicker) show() {
	intro := widget.NewLabel("Google Authenticator, Aegis and 2FAS scan these codes directly. Each shows secrets: export with nobody looking.")
	intro.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(p.pick)
	scroll.SetMinSize(fyne.NewSize(0, 240))
	d := dialog.NewCustomConfirm("Export QR codes", "Show codes", "Cancel", container.NewBorder(container.NewVBox(intro, p.all), nil, nil, nil, scroll), func(ok bool) {
		if ok {
			p.onShow()
		}
	}, p.u.win)
	d.Resize(fyne.NewSize(460, 440))
	p.u.trackDialog(d).Show()
}

// onAll ticks every account, or none.
func (p *qrPicker) onAll(on bool) {
	if on {
		p.pick.SetSelected(p.offered)
	} else {
		p.pick.SetSelected(nil)
	}
}

// onShow shows the migration codes of the accounts ticked, one after
// another.
func (p *qrPicker) onShow() {
	u := p.u
	if u.vault == nil {
		return
	}
	var chosen []core.Account
	for i, l := range p.labels {
		for _, s := range p.pick.Selected {
			if s == l {
				chosen = append(chosen, u.vault.Doc.Accounts[i])
			}
		}
	}
	if len(chosen) == 0 {
		u.notice.show("No accounts chosen", "", nil)
		return
	}
	exp, err := qr.MigrationImages(chosen)
	if err != nil {
		u.showError("Could not make the QR codes", err)
		return
	}
	e := newQRExportScreen(u, exp)
	e.back = p.back
	u.show(screenQRExport, e.content())
	e.showAt(0)
}

// qrExportScreen shows the images of an export one by one.
type qrExportScreen struct {
	u      *UI
	back   func() // where its back button goes: where the export was asked from
	exp    qr.MigrationExport
	images []qr.Image // batches, then the single otpauth codes
	at     int
	img    *canvas.Image
	title  *widget.Label
	prev   *widget.Button
	next   *widget.Button
}

func newQRExportScreen(u *UI, exp qr.MigrationExport) *qrExportScreen {
	e := &qrExportScreen{u: u, exp: exp, images: append(append([]qr.Image{}, exp.Batches...), exp.Singles...),
		img:   qrCanvas(320),
		title: &widget.Label{Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}},
	}
	e.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), e.onPrev)
	e.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), e.onNext)
	e.next.IconPlacement = widget.ButtonIconTrailingText
	return e
}

func (e *qrExportScreen) content() fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		&widget.Label{Text: "Scan each code with the phone's authenticator app, then press Next. Anyone who sees these codes can make your codes: close this screen when done.",
			Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance},
		e.title,
		container.NewCenter(e.img),
		container.NewCenter(container.NewHBox(e.prev, e.next)),
	}
	if len(e.exp.Skipped) > 0 {
		var b strings.Builder
		b.WriteString("Exported as single otpauth codes instead (the Google Authenticator format cannot carry them):")
		for i := range e.exp.Skipped {
			a := &e.exp.Skipped[i]
			b.WriteString("\n• " + a.Label() + " — " + qr.WhyNotMigratable(a))
		}
		objs = append(objs, &widget.Label{Text: b.String(), Wrapping: fyne.TextWrapWord})
	}
	save := widget.NewButtonWithIcon("Save PNGs…", theme.DocumentSaveIcon(), e.onSavePNGs)
	return page("Export QR codes", e.back, save, container.NewVBox(objs...), nil)
}

func (e *qrExportScreen) onPrev() { e.showAt(e.at - 1) }
func (e *qrExportScreen) onNext() { e.showAt(e.at + 1) }

func (e *qrExportScreen) showAt(i int) {
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

// onSavePNGs writes every image to a folder (0600 files; never
// overwriting).
func (e *qrExportScreen) onSavePNGs() {
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
