package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// restoreNewVaultScreen makes the vault from an opened backup on a device
// that has none: a new password (twice) and the keyring choice. The
// recovery key stays the backup's when it carries it; a new one is shown.
type restoreNewVaultScreen struct {
	u        *UI
	o        *backup.Opened
	name     string // the backup file's name, for people
	pw       *newPassword
	remember *widget.Check
	notes    []fyne.CanvasObject // who made the backup, its backup settings
	adopt    *widget.Check       // take the backup's settings; nil when it has none
	problem  *widget.Label
	act      *widget.Activity
	create   *widget.Button
}

func newRestoreNewVaultScreen(u *UI, o *backup.Opened, name string) *restoreNewVaultScreen {
	s := &restoreNewVaultScreen{u: u, o: o, name: name,
		remember: widget.NewCheck("Remember on this device (system keyring)", nil),
		problem:  &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
		act:      widget.NewActivity(),
	}
	s.notes, s.adopt = freshRestoreNotes(o)
	s.problem.Hide()
	s.act.Hide()
	s.create = &widget.Button{Text: "Restore", Importance: widget.HighImportance, OnTapped: s.onRestore}
	// The same checks and words as "Create a new vault".
	s.pw = newNewPassword(u, "New password", func(ok bool) { setEnabled(s.create, ok) }, s.onRestore)
	return s
}

func (s *restoreNewVaultScreen) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Restore "+s.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p := backup.PlanFresh(s.o, s.name, s.u.clock.Now())
	holds := plural(p.Count(backup.New), "account")
	if n := p.Count(backup.Invalid) + p.Count(backup.Duplicate); n > 0 {
		holds += fmt.Sprintf(" (it skips %d more: invalid or a second copy)", n)
	}
	intro := widget.NewLabel(fmt.Sprintf("The backup holds %s. Choose the password that unlocks them on this computer.", holds))
	intro.Wrapping = fyne.TextWrapWord
	back := widget.NewButton("Cancel", s.u.showFirstRun)
	buttons := container.NewHBox(back, layout.NewSpacer(), s.act, s.create)
	col := container.NewVBox(append(append(append([]fyne.CanvasObject{title, intro}, s.notes...), s.pw.objects()...), s.remember, s.problem, buttons)...)
	return container.NewCenter(container.New(&maxWidth{w: 420}, col))
}

// onRestore makes the vault off the UI goroutine (scrypt).
func (s *restoreNewVaultScreen) onRestore() {
	if s.create.Disabled() {
		return
	}
	u, o := s.u, s.o
	password, keep, dir, now := s.pw.password.Text, s.remember.Checked, u.dir, u.clock.Now()
	opts := backup.FreshOptions{AdoptSettings: s.adopt != nil && s.adopt.Checked}
	s.create.Disable()
	s.act.Show()
	s.act.Start()
	u.goBackground(func() {
		r, err := backup.RestoreFreshWith(dir, password, o, opts, now)
		var keyringErr error
		if err == nil && keep {
			keyringErr = r.Vault.EnableKeyring()
		}
		u.do(func() { s.restored(r, keyringErr, err) })
	})
}

// restored opens the vault made (r), or says why there is none (err).
// keyringErr is why it could not be remembered on this device.
func (s *restoreNewVaultScreen) restored(r backup.Restored, keyringErr, err error) {
	u := s.u
	s.act.Stop()
	s.act.Hide()
	if err != nil {
		s.problem.SetText(message(err))
		s.problem.Show()
		s.pw.validate()
		return
	}
	u.vault = r.Vault
	if !r.KeptKey {
		u.showRecoveryKey(r.RecoveryKey, keyringErr, true)
		dialog.ShowInformation("A new recovery key", newKeyText(s.o), u.win)
		s.firstBackup("")
		return
	}
	if keyringErr != nil {
		u.showError("Could not remember the vault on this device", keyringErr)
	}
	u.opened(r.Vault)
	text := fmt.Sprintf("Restored %s from %s.", plural(len(r.Vault.Doc.Accounts), "account"), s.name)
	if r.FolderReset {
		text += "\nThe old backup folder is not on this computer: backups go into the vault’s folder."
	}
	s.firstBackup(text)
}

// firstBackup writes the new vault's first automatic backup at once, read
// back to check it as every one is, rather than at the first change; then
// says text (if any) and where the backup is. Backups turned off (the
// backup's own settings, taken) are left off.
func (s *restoreNewVaultScreen) firstBackup(text string) {
	u, v := s.u, s.u.vault
	say := func(more string) {
		if t := strings.TrimSpace(text + "\n" + more); t != "" {
			u.notice.show(t, "", nil)
		}
	}
	if st, _ := backup.LoadSettings(v.Doc); st.Off {
		say("")
		return
	}
	write, err := u.backuper().Prepare(v)
	if err != nil {
		u.showError("Could not make the first backup", err)
		say("")
		return
	}
	u.startBusy() // a lock waits for it
	u.goBackground(func() {
		_, err := write()
		u.do(func() {
			u.endBusy()
			if err != nil {
				u.showError("Could not make the first backup", err)
				say("")
				return
			}
			say("First backup made and checked.")
		})
	})
}
