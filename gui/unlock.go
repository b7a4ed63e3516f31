package gui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// unlockScreen asks for the password (or the recovery key) and opens the
// vault off the UI goroutine: scrypt takes about a second on purpose.
type unlockScreen struct {
	u          *UI
	useRecover bool

	subtitle *widget.Label
	entry    *keyEntry // the password, or the recovery key
	unlock   *widget.Button
	switcher *widget.Button
	scan     *widget.Button   // kit.ScanButton, in recovery mode
	typing   *widget.RichText // how to type the key, in recovery mode
	problem  *widget.Label
	activity *widget.Activity
	status   *widget.Label
	content  fyne.CanvasObject
}

// showUnlock shows the unlock screen. With tryKeyring it first tries the
// key remembered in the OS keyring: only at start, so that locking stays
// meaningful for someone who walks up to an unlocked desktop.
func (u *UI) showUnlock(tryKeyring bool) {
	s := &unlockScreen{u: u}
	s.subtitle = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.subtitle.Wrapping = fyne.TextWrapWord
	s.entry = newKeyEntry(u)
	s.entry.Password = true
	s.entry.OnSubmitted = func(string) { s.onUnlock() }
	s.entry.OnChanged = func(string) { s.problem.Hide() }
	s.unlock = &widget.Button{Text: "Unlock", Importance: widget.HighImportance, OnTapped: s.onUnlock}
	s.switcher = &widget.Button{Importance: widget.LowImportance, OnTapped: s.onSwitch}
	s.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	s.problem.Hide()
	s.activity = widget.NewActivity()
	s.status = widget.NewLabel("")
	s.scan = u.scanKeyButton(s.onScanned)
	s.typing = hintText(kit.KeyTyping, fyne.TextAlignCenter)
	s.setMode(false)
	s.idle()

	// The problem and the spinner take turns in one slot that keeps its
	// height: the form does not move as they come and go.
	busy := container.NewCenter(container.NewHBox(s.activity, s.status))
	s.content = centred(340,
		masthead(96, "Lifeline", theme.SizeNameHeadingText, s.subtitle,
			s.entry, s.typing, newSlot(3, s.problem, busy), s.unlock, s.scan, s.switcher)...)
	u.show(screenUnlock, s.content)

	if tryKeyring {
		s.tryKeyring()
		return
	}
	u.win.Canvas().Focus(s.entry)
}

func (s *unlockScreen) setMode(recovery bool) {
	s.useRecover = recovery
	s.entry.SetText("")
	s.problem.Hide()
	setVisible(s.scan, recovery)
	setVisible(s.typing, recovery)
	s.u.scan.keyTo = nil
	if recovery {
		s.u.askKeyHere(s.onScanned) // a kit's picture dropped or pasted
		s.entry.Password = false
		s.entry.TextStyle = fyne.TextStyle{Monospace: true}
		s.entry.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
		s.subtitle.SetText("Type the recovery key from your recovery kit.")
		s.switcher.SetText("Use my password instead")
	} else {
		s.entry.Password = true
		s.entry.TextStyle = fyne.TextStyle{}
		s.entry.SetPlaceHolder("Password")
		s.subtitle.SetText("Enter your password to unlock your codes.")
		s.switcher.SetText("Forgot it? Use the recovery key")
	}
	s.entry.Refresh()
}

// onScanned unlocks with the key read from the kit's QR code.
func (s *unlockScreen) onScanned(rk vault.RecoveryKey) {
	if !s.useRecover || s.entry.Disabled() {
		return
	}
	s.entry.SetText(rk.Reveal())
	s.onUnlock()
}

func (s *unlockScreen) onSwitch() {
	s.setMode(!s.useRecover)
	s.u.win.Canvas().Focus(s.entry)
}

// working disables the form and shows the activity indicator.
func (s *unlockScreen) working(what string) {
	s.entry.Disable()
	s.unlock.Disable()
	s.switcher.Disable()
	s.scan.Disable()
	s.problem.Hide()
	s.status.SetText(what)
	s.status.Show()
	s.activity.Show()
	s.activity.Start()
}

func (s *unlockScreen) idle() {
	s.entry.Enable()
	s.unlock.Enable()
	s.switcher.Enable()
	s.scan.Enable()
	s.activity.Stop()
	s.activity.Hide()
	s.status.Hide()
}

func (s *unlockScreen) fail(err error) {
	s.idle()
	s.problem.SetText(message(err))
	s.problem.Show()
	s.u.win.Canvas().Focus(s.entry)
}

func (s *unlockScreen) tryKeyring() {
	s.working("Unlocking with the system keyring…")
	dir := s.u.dir
	s.u.goBackground(func() {
		v, err := vault.OpenKeyring(dir)
		s.u.do(func() {
			switch {
			case err == nil:
				s.idle() // stops the activity's animation, which would keep redrawing
				s.u.opened(v)
			case errors.Is(err, vault.ErrNotInKeyring):
				// Not remembered on this device: asking is the normal way.
				s.idle()
				s.u.win.Canvas().Focus(s.entry)
			default:
				fyne.LogError("unlocking with the keyring", keyringDetail(err))
				s.fail(err)
			}
		})
	})
}

func (s *unlockScreen) onUnlock() {
	text := s.entry.Text
	if text == "" {
		s.fail(vault.ErrEmptyPassword)
		return
	}
	dir, recovery := s.u.dir, s.useRecover
	var key vault.RecoveryKey
	if recovery {
		k, err := vault.ParseRecoveryKey(text)
		if err != nil {
			s.fail(err)
			return
		}
		key = k
	}
	s.u.activity() // typed a password: someone is at the window
	s.working("Unlocking…")
	s.u.goBackground(func() {
		var v *vault.Vault
		var err error
		if recovery {
			v, err = vault.OpenRecoveryKey(dir, key)
		} else {
			v, err = vault.OpenPassword(dir, text)
		}
		s.u.do(func() {
			if err != nil {
				s.entry.SetText("")
				s.fail(err)
				return
			}
			s.idle() // stops the activity's animation, which would keep redrawing
			s.u.opened(v)
			if recovery {
				// Whoever needs the recovery key has usually lost the password.
				s.u.askNewPassword()
			}
		})
	})
}
