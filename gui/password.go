package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/vault"
)

// newPasswordEntries are a new password and the same again, validated as
// they are typed: long enough, and the same twice.
func newPasswordEntries() (next, again *widget.Entry) {
	next = widget.NewPasswordEntry()
	next.Validator = minLen
	again = widget.NewPasswordEntry()
	again.Validator = func(s string) error {
		if s != next.Text {
			return errors.New("the two passwords are different")
		}
		return nil
	}
	next.OnChanged = func(string) { again.Validate() }
	return next, again
}

// askChangePassword asks for the current password and a new one, twice.
// Settings asks for the current one even after a keyring unlock: whoever
// sits at an unlocked desktop must not be able to take the vault over.
func (u *UI) askChangePassword() {
	current := widget.NewPasswordEntry()
	next, again := newPasswordEntries()
	strengthHint := &widget.Label{Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
	checkAgain := next.OnChanged
	next.OnChanged = func(s string) {
		_, h := strength(s)
		strengthHint.SetText(h)
		checkAgain(s)
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Current password", current),
		widget.NewFormItem("New password", next),
		widget.NewFormItem("", strengthHint),
		widget.NewFormItem("New password again", again),
		widget.NewFormItem("", passwordChangeNote()),
	}
	u.passwordForm("Change password", "Change", "Cancel", items, current, func() {
		u.changePassword(current.Text, next.Text)
	})
}

// passwordForm shows a password dialog of items, focused on first, that
// calls change when confirmed.
func (u *UI) passwordForm(title, confirm, dismiss string, items []*widget.FormItem, first fyne.Focusable, change func()) {
	d := dialog.NewForm(title, confirm, dismiss, items, func(ok bool) {
		if ok {
			change()
		}
	}, u.win)
	d.Resize(fyne.NewSize(460, 0))
	u.trackDialog(d).Show()
	u.win.Canvas().Focus(first)
}

// passwordChangeNote says what a new password means for copies: the vault
// gets a new key with it.
func passwordChangeNote() *widget.Label {
	return &widget.Label{
		Text:       "Old backups still open with your recovery key. A copy of the old password file will no longer open this vault.",
		Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord,
	}
}

// askNewPassword follows an unlock with the recovery key: it offers to
// set a new password, which the recovery key has just proven the right to.
func (u *UI) askNewPassword() {
	next, again := newPasswordEntries()
	intro := widget.NewLabel("You unlocked with the recovery key. If you forgot your password, choose a new one now.")
	intro.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", intro),
		widget.NewFormItem("New password", next),
		widget.NewFormItem("Again", again),
		widget.NewFormItem("", passwordChangeNote()),
	}
	u.passwordForm("Choose a new password", "Set password", "Not now", items, next, func() {
		u.changePassword("", next.Text)
	})
}

// changePassword checks current (unless "": after a recovery-key unlock)
// and sets next, off the UI goroutine: both take a scrypt.
func (u *UI) changePassword(current, next string) { u.changePasswordTry(current, next, 1) }

// changePasswordTry is changePassword's try-th attempt: a vault changed on
// disk meanwhile is reloaded and the change made again.
func (u *UI) changePasswordTry(current, next string, try int) {
	if u.vault == nil {
		return
	}
	v, dir := u.vault, u.dir
	done := u.progress("Changing the password…")
	u.startBusy()
	u.goBackground(func() {
		var err error
		if current != "" {
			var check *vault.Vault
			if check, err = vault.OpenPassword(dir, current); err == nil {
				// After a keyring unlock only the password gives the
				// recovery key, which the new password file holds.
				err = v.AdoptKeys(check)
				check.Drop()
			}
		}
		if err == nil {
			err = v.ChangePassword(next)
		}
		u.do(func() {
			done()
			u.endBusy()
			if try < saveTries && u.vault == v && u.retryAfterReload(err) {
				u.changePasswordTry("", next, try+1) // the keys are adopted
				return
			}
			if err != nil {
				u.showError("Could not change the password", err)
				return
			}
			u.notice.show("Password changed", "", nil)
		})
	})
}

// askShowRecoveryKey shows the recovery key after the password.
func (u *UI) askShowRecoveryKey() {
	pw := widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem("Password", pw)}
	d := dialog.NewForm("Show recovery key", "Show", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		u.withRecoveryKey(pw.Text, "Could not show the recovery key", func(rk vault.RecoveryKey) {
			u.showRecoveryKey(rk, nil, false)
		})
	}, u.win)
	d.Resize(fyne.NewSize(400, 0))
	u.trackDialog(d).Show()
	u.win.Canvas().Focus(pw)
}

// withRecoveryKey checks the vault password off the UI goroutine (scrypt),
// then calls then with the recovery key, which a keyring unlock alone must
// not reveal. Failures are shown titled failure.
func (u *UI) withRecoveryKey(pw, failure string, then func(vault.RecoveryKey)) {
	done := u.progress("Checking the password…")
	u.checkPassword(pw, func(err error) {
		done()
		if err != nil {
			u.showError(failure, err)
			return
		}
		if u.vault == nil {
			return
		}
		rk, err := u.vault.RecoveryKey()
		if err != nil {
			u.showError(failure, err)
			return
		}
		then(rk)
	})
}

// checkPassword verifies the vault password off the UI goroutine (scrypt),
// then calls done on the UI goroutine.
func (u *UI) checkPassword(pw string, done func(error)) {
	dir := u.dir
	u.goBackground(func() {
		v, err := vault.OpenPassword(dir, pw)
		u.do(func() {
			if err == nil && u.vault != nil {
				// After a keyring unlock only the password gives the
				// recovery key.
				err = u.vault.AdoptKeys(v)
			}
			if v != nil {
				v.Drop()
			}
			done(err)
		})
	})
}

func minLen(s string) error {
	if len([]rune(s)) < minPasswordLength {
		return fmt.Errorf("use at least %d characters", minPasswordLength)
	}
	return nil
}
