package gui

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// This file words errors for people: a capitalised sentence that says what
// happened, and a hint that says what to do. The raw error goes to
// fyne.LogError for whoever reads the log. Goroutines hand their errors to
// the UI goroutine first (u.do, which is fyne.Do). Screens choose a
// dialog's title ("Could not save the vault") and turn an error into its
// text with showError, message or scanErrorText; the one that words an
// error itself is the import's password retry (importapp.go), which asks
// again instead of reporting a failure.

// explain turns err into a sentence and a hint ("" when there is nothing
// useful to suggest).
func explain(err error) (sentence, hint string) {
	var dmg *vault.DamagedError
	switch {
	case errors.Is(err, vault.ErrWrongPassword):
		return "That password is not right.", "Check Caps Lock and the keyboard layout, or use your recovery key."
	case errors.Is(err, vault.ErrEmptyPassword):
		return "The password is empty.", "Type your password."
	case errors.Is(err, vault.ErrRecoveryKeyTypo):
		return "The recovery key has a typo.", "Compare each group of four with your recovery kit."
	case errors.Is(err, vault.ErrWrongRecoveryKey):
		return "This recovery key belongs to another vault.", "Use the recovery key you were given when this vault was created, or the newest one if you made a new one since."
	case errors.Is(err, vault.ErrKeyringUnavailable):
		// The words come from core, so the CLI says the same.
		return asSentence(err.Error()), keyringHint(err)
	case errors.Is(err, vault.ErrKeyringMismatch):
		return "The keyring holds a key for a different vault.", "Unlock with your password, then turn “Remember on this device” off and on in Settings."
	case errors.Is(err, vault.ErrLocked):
		return "Another Lifeline is writing to the vault.", "Wait for it to finish (a command in a terminal?) and try again."
	case errors.Is(err, vault.ErrChangedOnDisk):
		return "Another Lifeline kept changing the vault while this window saved.", "Your change stays in this window and is saved with the next one; if this goes on, close the other Lifeline."
	case errors.Is(err, vault.ErrNeedsUnlock):
		return "The vault’s password was changed elsewhere.", "Lock and unlock with the new password."
	case errors.Is(err, vault.ErrNewerFormat):
		return "This vault was written by a newer Lifeline.", "Update Lifeline to open it."
	case errors.Is(err, vault.ErrDuplicate):
		return "That account is already in the vault.", ""
	case errors.Is(err, vault.ErrDropped):
		return "The vault is locked.", "Unlock it and try again."
	case errors.Is(err, core.ErrCounterExhausted):
		return "This account's counter has reached its largest value, so Lifeline cannot make another code.", "Set the account up again with a new secret from the site."
	case errors.Is(err, vault.ErrNoVault):
		return "There is no vault here.", "Create one, or restore a backup."
	case errors.As(err, &dmg):
		s := "The vault file " + dmg.File + " is damaged (" + dmg.Reason + ")."
		if dmg.Reason == vault.ReasonMissing {
			s = "The vault file " + dmg.File + " is missing."
		}
		return s, "Restore it from a backup, or open the vault with your recovery key."
	}
	return asSentence(err.Error()), ""
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

// asSentence makes a library message ("otpauth URI: digits 12 out of range")
// read as a sentence: capital first letter, full stop.
func asSentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return "Something went wrong."
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") {
		msg += "."
	}
	return msg
}

// keyringHint is what to do after the keyring failed: try again later,
// or, when it could not store the key, turn remembering on again.
func keyringHint(err error) string {
	var ke *vault.KeyringError
	if errors.As(err, &ke) {
		if ke.Op == vault.KeyringOpStore {
			return "Unlock the system keyring, then turn “Remember on this device” on in Settings."
		}
	}
	return "Lifeline will try the keyring again next time."
}

// keyringDetail is err with the keyring's own words, for the log.
func keyringDetail(err error) error {
	var ke *vault.KeyringError
	if errors.As(err, &ke) {
		return fmt.Errorf("%w (%s)", err, ke.Detail())
	}
	return err
}

// message is explain as one text: the sentence, then the hint.
func message(err error) string {
	s, h := explain(err)
	if h != "" {
		return s + " " + h
	}
	return s
}

// showError logs err and shows it in a dialog titled with what failed
// ("Could not save the vault"). Call it on the UI goroutine.
func (u *UI) showError(title string, err error) {
	fyne.LogError(title, err)
	s, h := explain(err)
	text := s
	if h != "" {
		text += "\n\n" + h
	}
	d := dialog.NewInformation(title, text, u.win)
	u.trackDialog(d).Show()
}
