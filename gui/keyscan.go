package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Reading the recovery key from the Recovery Kit's QR code: wherever a
// recovery key is asked for (the restore's key form, the unlock screen's
// recovery mode, first run), kit.ScanButton offers an image file (a photo
// or a scan of the kit), the screen, or a copied image, and a kit's image
// dropped onto the window or pasted with Ctrl+V while the field shows
// lands in the field too (u.scan.keyTo).

// scanKeyButton is kit.ScanButton: the key it reads goes to onKey.
func (u *UI) scanKeyButton(onKey func(vault.RecoveryKey)) *widget.Button {
	b := widget.NewButtonWithIcon(kit.ScanButton, theme.NewThemedResource(qrIcon), nil)
	b.OnTapped = func() { newKeyScanner(u, onKey).showMenu(b) }
	return b
}

// newKeyScanner is a scanner whose recovery key goes to onKey, not to the
// usual results dialog.
func newKeyScanner(u *UI, onKey func(vault.RecoveryKey)) *scanner {
	return &scanner{u: u, onKey: onKey}
}

// askKeyHere makes onKey the target of recovery keys dropped onto the
// window or pasted with Ctrl+V, until the screen changes or forget is
// called (a dialog that closes).
func (u *UI) askKeyHere(onKey func(vault.RecoveryKey)) (forget func()) {
	u.scan.keyGen++
	gen := u.scan.keyGen
	u.scan.keyTo = onKey
	return func() {
		if u.scan.keyGen == gen { // not already replaced by another field
			u.scan.keyTo = nil
		}
	}
}

// keyWanted reports whether a field asking for a recovery key is showing
// and, if so, gives the scanner that fills it.
func (u *UI) keyWanted() (*scanner, bool) {
	if u.scan.keyTo == nil {
		return nil, false
	}
	return newKeyScanner(u, u.scan.keyTo), true
}

// keyResults hands the first recovery key the scan found to s.onKey, or
// says what was found instead.
func (s *scanner) keyResults(source string, cs []qr.Content, err error) {
	u := s.u
	u.notice.hide()
	if err != nil {
		fyne.LogError("scanning "+source+" for a recovery key", err)
		u.showInfo("No recovery key found", scanErrorText(source, err)+" "+keyScanHint)
		return
	}
	if rk, ok := qr.RecoveryKeyIn(cs); ok {
		s.onKey(rk)
		return
	}
	text := "No Lifeline recovery key in " + source + ":"
	for _, c := range cs {
		text += "\n• " + c.Summary()
	}
	u.showInfo("No recovery key found", text+"\n"+keyScanHint)
}

// keyScanHint says where the key's QR code is and what else works.
const keyScanHint = "The recovery key’s QR code is on page 1 of your Recovery Kit, beside the key. You can also type the key: " + kit.KeyTyping

// keyEntry is a recovery key's field. Ctrl+V with a picture on the
// clipboard (no text) reads the kit's QR code from it, where a plain
// Entry would paste nothing.
type keyEntry struct {
	widget.Entry
	u *UI
}

func newKeyEntry(u *UI) *keyEntry {
	e := &keyEntry{u: u}
	e.TextStyle = fyne.TextStyle{Monospace: true}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedShortcut(sc fyne.Shortcut) {
	if _, paste := sc.(*fyne.ShortcutPaste); paste && e.u.scan.keyTo != nil && strings.TrimSpace(e.u.clipboard().Content()) == "" {
		e.u.scanClipboard()
		return
	}
	e.Entry.TypedShortcut(sc)
}
