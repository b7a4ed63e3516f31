package gui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// screenScanTimeout bounds a screen capture: a portal that never answers
// must not leave the window waiting forever.
const screenScanTimeout = 20 * time.Second

// scanState is what scanning keeps between scans (u.scan), so on UI and
// not in a scanner: the batches of a Google Authenticator export arrive
// one QR code at a time, and hold secrets that a lock forgets (lock.go).
type scanState struct {
	batches qr.Collector
	running bool // a screen scan is in progress
	// keyTo, when set, is the field asking for a recovery key on show:
	// kit images dropped or pasted go there (keyscan.go). keyGen counts
	// the fields that asked.
	keyTo  func(vault.RecoveryKey)
	keyGen int
}

// scanner is one scan: it reads a QR code from the screen, an image file
// or the clipboard off the UI goroutine, and says what it found in a
// dialog that offers what to do with it. What outlives a scan is u.scan.
type scanner struct {
	u       *UI
	results dialog.Dialog // what the scan found, once shown
	// onKey, when set, takes the recovery key found instead of the
	// results dialog (keyscan.go).
	onKey func(vault.RecoveryKey)
}

// scanImageData scans the bytes of an image file (dropped, opened, read
// from anywhere) off the UI goroutine and shows what it found. name names
// the source in messages.
func (u *UI) scanImageData(name string, data []byte) {
	if s, ok := u.keyWanted(); ok {
		s.scanImage(name, data)
		return
	}
	newScanner(u).scanImage(name, data)
}

// scanClipboard reads what was copied (Ctrl+V on the list).
func (u *UI) scanClipboard() {
	if s, ok := u.keyWanted(); ok {
		s.onScanClipboard()
		return
	}
	newScanner(u).onScanClipboard()
}

func newScanner(u *UI) *scanner { return &scanner{u: u} }

// showMenu offers the ways to scan below at: for any QR code, or, with
// onKey set, for the kit's.
func (s *scanner) showMenu(at fyne.CanvasObject) {
	labels := [...]string{"Scan QR code from screen", "Scan QR code from image file…", "Paste a QR code image or setup link (Ctrl+V)"}
	if s.onKey != nil {
		labels = [...]string{"From the screen", "From a file (the kit’s PDF, or a photo or scan of it)…", "Paste a copied image (Ctrl+V)"}
	}
	m := fyne.NewMenu("",
		fyne.NewMenuItem(labels[0], s.onScanScreen),
		fyne.NewMenuItem(labels[1], s.onScanFile),
		fyne.NewMenuItem(labels[2], s.onScanClipboard),
	)
	widget.ShowPopUpMenuAtRelativePosition(m, s.u.win.Canvas(), fyne.NewPos(0, at.Size().Height), at)
}

// scanImage looks for QR codes in an image off the UI goroutine.
func (s *scanner) scanImage(name string, data []byte) {
	s.u.notice.show("Looking for QR codes in "+name+"…", "", nil)
	s.u.goBackground(func() {
		cs, err := qr.ScanBytes(data)
		s.u.do(func() { s.showResults(name, cs, err) })
	})
}

// onScanScreen captures every display off the UI goroutine.
func (s *scanner) onScanScreen() {
	u := s.u
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
			s.showResults("the screen", cs, err)
		})
	})
}

// onScanFile asks for an image file and scans it.
func (s *scanner) onScanFile() {
	s.u.pickFile(backup.ImageInput, qr.FileExtensions, s.scanImage)
}

// onScanClipboard reads what was copied: an image (a QR code screenshot)
// is scanned for codes, text is read as a QR code's content would be.
// The image comes from the system clipboard (clipimage.go), off the UI
// goroutine; text from Fyne's.
func (s *scanner) onScanClipboard() {
	u := s.u
	text := strings.TrimSpace(u.clipboard().Content())
	u.goBackground(func() {
		img, err := clipboardImage()
		u.do(func() {
			switch {
			case len(img) > 0:
				s.scanImage("the copied image", img)
			case text != "":
				s.showResults("the clipboard", []qr.Content{qr.Classify(text)}, nil)
			case err != nil:
				u.showInfo("Nothing to paste", "The clipboard holds no text, and images cannot be read from it here. Save the picture and drop it on the window, or use “…from image” on the Add screen.")
			default:
				u.showInfo("Nothing to paste", "The clipboard holds neither text nor an image. Copy the QR code (or its setup link) and paste again, or drop a picture of it on the window.")
			}
		})
	})
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

// sort reads what a scan found, one line per code.
func (s *scanner) sort(cs []qr.Content) scanFound {
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
			p, err := s.u.scan.batches.Add(c.Batch)
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

// showResults says what the scan found and offers what to do with it:
// add accounts (with a preview), collect migration batches, restore with a
// recovery key, or name other content without echoing it.
func (s *scanner) showResults(source string, cs []qr.Content, err error) {
	if s.onKey != nil {
		s.keyResults(source, cs, err)
		return
	}
	u := s.u
	u.notice.hide()
	if err != nil {
		fyne.LogError("scanning "+source, err)
		u.showInfo("No 2FA account found", scanErrorText(source, err))
		return
	}
	f := s.sort(cs)
	prep := "in "
	if source == "the screen" {
		prep = "on "
	}
	text := "Found " + prep + source + ":\n" + strings.Join(f.lines, "\n")
	var buttons []*widget.Button
	if f.migration {
		more, add := s.migrationProgress(&f)
		text += more
		buttons = append(buttons, add...)
	}
	for _, rk := range f.keys {
		buttons = append(buttons, widget.NewButton("Restore a backup with this key", s.closeThen(func() { u.startRestore(nil, "", &rk) })))
	}
	if len(f.accounts) > 0 && u.vault != nil {
		found := f.accounts // the main action: last, as in every dialog
		buttons = append(buttons, widget.NewButtonWithIcon("Add "+plural(len(found), "account"), theme.ContentAddIcon(), s.closeThen(func() { s.onAdd(found) })))
	}
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	s.results = u.newDialog("Scan QR code", label, "Close", buttons...)
	s.results.Resize(fyne.NewSize(480, 0))
	s.results.Show()
}

// closeThen is a button's handler that closes the results, then does f.
func (s *scanner) closeThen(f func()) func() {
	return func() {
		s.results.Hide()
		f()
	}
}

// migrationProgress says how far a Google Authenticator export has come.
// A complete one joins f's accounts; an incomplete one gets an "Add now"
// button for what has arrived.
func (s *scanner) migrationProgress(f *scanFound) (string, []*widget.Button) {
	b := &s.u.scan.batches
	text := "\n\nGoogle Authenticator export: " + b.Status() + "."
	if b.Complete() {
		f.accounts = append(f.accounts, b.Accounts()...)
		b.Reset()
		return text + " Every code of the export is here.", nil
	}
	add := widget.NewButton(fmt.Sprintf("Add now (%s)", plural(len(b.Accounts()), "account")), s.closeThen(func() {
		all := b.Accounts()
		b.Reset()
		s.onAdd(all)
	}))
	return text + " Scan the other codes (in any order), or add what has arrived.", []*widget.Button{add}
}

// onAdd adds scanned accounts through the same path as pasted links
// (duplicates are skipped and counted in the notice).
func (s *scanner) onAdd(accs []core.Account) {
	if s.u.vault == nil {
		s.u.notice.show("Unlock first, then scan again.", "", nil)
		return
	}
	s.u.addAccounts(accs)
}
