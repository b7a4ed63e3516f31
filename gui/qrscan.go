package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
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
		data, err := io.ReadAll(io.LimitReader(r, qr.MaxFileBytes+1))
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

// scanErrorText words a scan failure for people.
func scanErrorText(source string, err error) string {
	var se *qr.ScreenError
	switch {
	case errors.As(err, &se):
		return "Lifeline cannot capture the screen here (" + se.Reason + "). " + qr.ScreenHint
	case errors.Is(err, qr.ErrNoCode):
		return "No QR code found in " + source + ". Make sure the whole code is visible and not too small."
	}
	return message(err)
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
	var lines []string
	var accs []core.Account
	var keys []qr.Content
	migration := false
	for _, c := range cs {
		if c.Err != nil {
			lines = append(lines, "• "+c.Summary()+": "+message(c.Err))
			continue
		}
		switch c.Kind {
		case qr.KindAccount:
			accs = append(accs, c.Account)
			lines = append(lines, "• "+c.Summary())
		case qr.KindMigration:
			p, aerr := u.scan.batches.Add(c.Batch)
			if aerr != nil {
				lines = append(lines, "• "+c.Summary()+": "+message(aerr))
				continue
			}
			migration = true
			s := "• " + c.Summary()
			if p.Duplicate {
				s += " (scanned before)"
			}
			lines = append(lines, s)
		case qr.KindRecoveryKey:
			keys = append(keys, c)
			lines = append(lines, "• a Lifeline recovery key")
		default:
			lines = append(lines, "• This QR code holds "+c.What+", not a 2FA account.")
		}
	}
	prep := "in "
	if source == "the screen" {
		prep = "on "
	}
	text := "Found " + prep + source + ":\n" + strings.Join(lines, "\n")
	var buttons []fyne.CanvasObject
	var d dialog.Dialog
	closeThen := func(f func()) func() {
		return func() {
			d.Hide()
			f()
		}
	}
	if migration {
		status := u.scan.batches.Status()
		text += "\n\nGoogle Authenticator export: " + status + "."
		n := len(u.scan.batches.Accounts())
		if u.scan.batches.Complete() {
			text += " Every code of the export is here."
			accs = append(accs, u.scan.batches.Accounts()...)
			u.scan.batches.Reset()
		} else {
			text += " Scan the other codes (in any order), or add what has arrived."
			buttons = append(buttons, widget.NewButton(fmt.Sprintf("Add now (%s)", plural(n, "account")), closeThen(func() {
				all := u.scan.batches.Accounts()
				u.scan.batches.Reset()
				u.addScanned(all)
			})))
		}
	}
	if len(accs) > 0 && u.vault != nil {
		found := accs
		b := widget.NewButton("Add "+plural(len(found), "account"), closeThen(func() { u.addScanned(found) }))
		b.Importance = widget.HighImportance
		buttons = append(buttons, b)
	}
	for _, k := range keys {
		rk := k.RecoveryKey
		buttons = append(buttons, widget.NewButton("Restore a backup with this key", closeThen(func() { u.startRestore(nil, "", &rk) })))
	}
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(label, container.NewHBox(buttons...))
	d = dialog.NewCustom("Scan QR code", "Close", content, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.trackDialog(d).Show()
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
