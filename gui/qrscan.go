package gui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// screenScanTimeout bounds a screen capture: a portal that never answers
// must not leave the window waiting forever.
const screenScanTimeout = 20 * time.Second

// scanState is what scanning keeps between scans: the batches of a Google
// Authenticator export arrive one QR code at a time.
type scanState struct {
	batches qr.Collector
	running bool // a screen scan is in progress
}

// showScanMenu opens the ways to scan a QR code below the object at.
func (u *UI) showScanMenu(at fyne.CanvasObject) {
	m := fyne.NewMenu("",
		fyne.NewMenuItem("Scan QR code from screen", u.scanScreen),
		fyne.NewMenuItem("Scan QR code from image file…", u.scanFile),
		fyne.NewMenuItem("Paste a QR code image or setup link (Ctrl+V)", u.scanClipboard),
	)
	widget.ShowPopUpMenuAtRelativePosition(m, u.win.Canvas(), fyne.NewPos(0, at.Size().Height), at)
}

// scanImageData scans the bytes of an image file (dropped, opened, read
// from anywhere) off the UI goroutine and shows what it found. name names
// the source in messages.
func (u *UI) scanImageData(name string, data []byte) {
	u.notice.show("Looking for QR codes in "+name+"…", "", nil)
	u.goBackground(func() {
		cs, err := qr.ScanBytes(data)
		u.do(func() { u.showScanResults(name, cs, err) })
	})
}

// scanScreen captures every display off the UI goroutine.
func (u *UI) scanScreen() {
	if u.scan.running {
		return
	}
	u.scan.running = true
	done := u.progress("Scanning the screen for QR codes…")
	u.goBackground(func() {
		ctx, cancel := context.WithTimeout(context.Background(), screenScanTimeout)
		defer cancel()
		cs, err := qr.ScanScreen(ctx)
		u.do(func() {
			u.scan.running = false
			done()
			u.showScanResults("the screen", cs, err)
		})
	})
}

// scanFile asks for an image file and scans it.
func (u *UI) scanFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError("Could not open the image", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, backup.MaxImageFile+1))
		if err != nil {
			u.showError("Could not read "+r.URI().Name(), err)
			return
		}
		u.scanImageData(r.URI().Name(), data)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}))
	u.trackDialog(d).Show()
}

// scanClipboard reads what was copied: an image (a QR code screenshot)
// is scanned for codes, text is read as a QR code's content would be.
// The image comes from the system clipboard (clipimage.go), off the UI
// goroutine; text from Fyne's.
func (u *UI) scanClipboard() {
	text := strings.TrimSpace(u.clipboard().Content())
	u.goBackground(func() {
		img, err := clipboardImage()
		u.do(func() {
			switch {
			case len(img) > 0:
				u.scanImageData("the copied image", img)
			case text != "":
				u.showScanResults("the clipboard", []qr.Content{qr.Classify(text)}, nil)
			case err != nil:
				u.showInfo("Nothing to paste", "The clipboard holds no text, and images cannot be read from it here. Save the picture and drop it on the window, or use “Scan QR code from image file…”.")
			default:
				u.showInfo("Nothing to paste", "The clipboard holds neither text nor an image. Copy the QR code (or its setup link) and paste again, or drop a picture of it on the window.")
			}
		})
	})
}

// showInfo is a plain tracked information dialog.
func (u *UI) showInfo(title, text string) {
	d := dialog.NewInformation(title, text, u.win)
	u.trackDialog(d).Show()
}

// scanFound sorts what one scan found: a line for each code, the accounts
// and recovery keys to offer, and whether migration batches came (they
// go to the collector, u.scan.batches).
type scanFound struct {
	lines     []string
	accounts  []core.Account
	keys      []vault.RecoveryKey
	migration bool
}

// sortScan reads what a scan found, one line per code.
func (u *UI) sortScan(cs []qr.Content) scanFound {
	var f scanFound
	for _, c := range cs {
		if c.Err != nil {
			f.lines = append(f.lines, "• "+c.Summary()+": "+message(c.Err))
			continue
		}
		line := "• " + c.Summary()
		switch c.Kind {
		case qr.KindAccount:
			f.accounts = append(f.accounts, c.Account)
		case qr.KindMigration:
			p, err := u.scan.batches.Add(c.Batch)
			switch {
			case err != nil:
				line += ": " + message(err)
			case p.Duplicate:
				line += " (scanned before)"
			}
			f.migration = f.migration || err == nil
		case qr.KindRecoveryKey:
			f.keys = append(f.keys, c.RecoveryKey)
			line = "• a Lifeline recovery key"
		default:
			line = "• This QR code holds " + c.What + ", not a 2FA account."
		}
		f.lines = append(f.lines, line)
	}
	return f
}

// showScanResults says what the scan found and offers what to do with it:
// add accounts (with a preview), collect migration batches, restore with a
// recovery key, or name other content without echoing it.
func (u *UI) showScanResults(source string, cs []qr.Content, err error) {
	u.notice.hide()
	if err != nil {
		fyne.LogError("scanning "+source, err)
		u.showInfo("No 2FA account found", scanErrorText(source, err))
		return
	}
	f := u.sortScan(cs)
	prep := "in "
	if source == "the screen" {
		prep = "on "
	}
	text := "Found " + prep + source + ":\n" + strings.Join(f.lines, "\n")
	var d dialog.Dialog
	closeThen := func(f func()) func() {
		return func() {
			d.Hide()
			f()
		}
	}
	var buttons []fyne.CanvasObject
	if f.migration {
		more, add := u.migrationProgress(&f, closeThen)
		text += more
		buttons = append(buttons, add...)
	}
	if len(f.accounts) > 0 && u.vault != nil {
		found := f.accounts
		b := widget.NewButton("Add "+plural(len(found), "account"), closeThen(func() { u.addScanned(found) }))
		b.Importance = widget.HighImportance
		buttons = append(buttons, b)
	}
	for _, rk := range f.keys {
		buttons = append(buttons, widget.NewButton("Restore a backup with this key", closeThen(func() { u.startRestore(nil, "", &rk) })))
	}
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	d = dialog.NewCustom("Scan QR code", "Close", container.NewVBox(label, container.NewHBox(buttons...)), u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.trackDialog(d).Show()
}

// migrationProgress says how far a Google Authenticator export has come.
// A complete one joins f's accounts; an incomplete one gets an "Add now"
// button (wrapped by closeThen) for what has arrived.
func (u *UI) migrationProgress(f *scanFound, closeThen func(func()) func()) (string, []fyne.CanvasObject) {
	b := &u.scan.batches
	text := "\n\nGoogle Authenticator export: " + b.Status() + "."
	if b.Complete() {
		f.accounts = append(f.accounts, b.Accounts()...)
		b.Reset()
		return text + " Every code of the export is here.", nil
	}
	add := widget.NewButton(fmt.Sprintf("Add now (%s)", plural(len(b.Accounts()), "account")), closeThen(func() {
		all := b.Accounts()
		b.Reset()
		u.addScanned(all)
	}))
	return text + " Scan the other codes (in any order), or add what has arrived.", []fyne.CanvasObject{add}
}

// addScanned adds scanned accounts through the same path as pasted links
// (duplicates are skipped and counted in the notice).
func (u *UI) addScanned(accs []core.Account) {
	if u.vault == nil {
		u.notice.show("Unlock first, then scan again.", "", nil)
		return
	}
	u.addAccounts(accs)
}
