package gui

import (
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// showRestorePicker asks for a backup file, then restores it.
func (u *UI) showRestorePicker() { u.pickBackupFor(nil) }

// pickBackupFor asks for a backup file and restores it, with rk (a key
// scanned from a kit, or nil) filled in.
func (u *UI) pickBackupFor(rk *vault.RecoveryKey) {
	u.pickFile(backup.BackupInput, []string{".age", ".txt", ".asc"}, func(name string, data []byte) {
		u.startRestore(data, name, rk)
	})
}

// startRestore restores the backup data (named name, for people). rk, when
// not nil, is a recovery key already at hand (scanned from a kit's QR
// code) and fills the key field. With no vault open, the restore makes a
// new vault in u.dir (a fresh device).
func (u *UI) startRestore(data []byte, name string, rk *vault.RecoveryKey) {
	if u.vault == nil && vault.Exists(u.dir) {
		// A locked vault: restoring into it needs it open (a fresh-device
		// restore would refuse to write over it).
		u.notice.show("Unlock first, then restore "+name+".", "", nil)
		return
	}
	if data == nil {
		// A key came first (scanned from a kit): now the backup it opens.
		u.pickBackupFor(rk)
		return
	}
	info, err := backup.Inspect(data)
	if err != nil {
		u.showError("Could not restore "+name, err)
		return
	}
	if len(info.Needs) == 0 {
		u.showError("Could not restore "+name, &backup.UnsupportedError{Types: info.Unsupported})
		return
	}
	key := ""
	if rk != nil {
		key = rk.Reveal()
	}
	u.askBackupKey(data, name, info, key, "")
}

// restoreKeyForm holds what the person typed to open a backup.
type restoreKeyForm struct {
	key, pass  *widget.Entry
	idFile     []byte
	idName     *widget.Label
	problem    *widget.Label
	activity   *widget.Activity
	identities bool
}

// askBackupKey asks for what opens the backup, then opens it off the UI
// goroutine (scrypt for passphrases). problem, if set, says why the last
// try failed.
func (u *UI) askBackupKey(data []byte, name string, info backup.Info, key, problem string) {
	f := &restoreKeyForm{}
	var items []*widget.FormItem
	needs := func(n backup.Need) bool { return slices.Contains(info.Needs, n) }
	if needs(backup.NeedRecoveryKey) {
		f.key = widget.NewEntry()
		f.key.TextStyle = fyne.TextStyle{Monospace: true}
		f.key.SetPlaceHolder("Recovery key")
		f.key.SetText(key)
		items = append(items, widget.NewFormItem("Recovery key", f.key))
		if u.vault != nil {
			// Most backups are this vault's own: its key is tried when the
			// field is empty, so restoring an older state is one click —
			// without showing the key, which Settings shows only after
			// the password.
			items = append(items, widget.NewFormItem("", hintText("Leave it empty to use this vault’s recovery key.", fyne.TextAlignLeading)))
		}
	}
	if needs(backup.NeedPassphrase) {
		f.pass = widget.NewPasswordEntry()
		f.pass.SetPlaceHolder("Backup passphrase")
		items = append(items, widget.NewFormItem("Passphrase", f.pass))
	}
	if needs(backup.NeedRecoveryKey) || needs(backup.NeedSSHKey) || needs(backup.NeedAgeIdentity) {
		f.identities = true
		f.idName = widget.NewLabel("")
		pick := widget.NewButton("Choose identity file…", func() {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err != nil || r == nil {
					return
				}
				defer r.Close()
				b, err := backup.KeyInput.Read(r, r.URI().Name())
				if err != nil {
					u.showError("Could not read "+r.URI().Name(), err)
					return
				}
				f.idFile = b
				f.idName.SetText(r.URI().Name())
			}, u.win)
			u.trackDialog(d).Show()
		})
		items = append(items, widget.NewFormItem("Or a key file", container.NewHBox(pick, f.idName)))
	}
	f.problem = &widget.Label{Text: problem, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	f.problem.Hidden = problem == ""
	items = append(items, widget.NewFormItem("", f.problem))
	d := dialog.NewForm("Restore "+name, "Open", "Cancel", items, func(ok bool) {
		if ok {
			u.openBackup(data, name, info, f)
		}
	}, u.win)
	d.Resize(fyne.NewSize(520, 0))
	u.trackDialog(d).Show()
	if f.pass != nil {
		u.win.Canvas().Focus(f.pass)
	}
}

// openBackup decrypts with what the form holds and goes on to the preview.
func (u *UI) openBackup(data []byte, name string, info backup.Info, f *restoreKeyForm) {
	var k backup.Key
	keyText := ""
	if f.key != nil && f.key.Text != "" {
		keyText = f.key.Text
		rk, err := vault.ParseRecoveryKey(f.key.Text)
		if err != nil {
			u.askBackupKey(data, name, info, keyText, message(err))
			return
		}
		k.RecoveryKey = rk
	}
	k.DefaultToVault(u.vault) // an empty field: this vault's key
	if f.pass != nil {
		k.Passphrase = f.pass.Text
	}
	if f.idFile != nil {
		ids, err := backup.ParseIdentityFile(f.idFile, nil)
		if err != nil {
			u.askBackupKey(data, name, info, keyText, message(err))
			return
		}
		k.Identities = ids
	}
	// Fresh or not is decided now, from the folder: a lock that lands
	// while the backup decrypts must not turn into a fresh-device restore
	// over the vault; it cancels the restore instead.
	into, fresh := u.vault, u.vault == nil && !vault.Exists(u.dir)
	done := u.progress("Opening " + name + "…")
	u.goBackground(func() {
		o, err := backup.Read(data, k)
		u.do(func() {
			done()
			if err != nil {
				fyne.LogError("opening backup "+name, err)
				var need *backup.NeedKeyError
				if errors.As(err, &need) || errors.Is(err, backup.ErrWrongKey) || errors.Is(err, backup.ErrWrongPassphrase) {
					u.askBackupKey(data, name, info, keyText, message(err))
					return
				}
				u.showError("Could not restore "+name, err)
				return
			}
			switch {
			case fresh:
				u.showRestoreNewVault(o, name)
				return
			case into == nil || u.vault != into: // locked meanwhile
				return
			}
			p := backup.PlanRestore(u.vault.Doc, o, name, u.clock.Now())
			u.showPreview(p, "Restore "+name, originLines(o))
		})
	})
}

// showRestoreNewVault makes the vault from an opened backup on a device
// that has none: a new password (twice) and the keyring choice. The
// recovery key stays the backup's when it carries it; a new one is shown.
func (u *UI) showRestoreNewVault(o *backup.Opened, name string) {
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder("New password")
	again := widget.NewPasswordEntry()
	again.SetPlaceHolder("The same password again")
	remember := widget.NewCheck("Remember on this device (system keyring)", nil)
	notes, adopt := freshRestoreNotes(o)
	problem := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	problem.Hide()
	act := widget.NewActivity()
	act.Hide()
	var create *widget.Button
	check := func(string) {
		if minLen(pw.Text) == nil && again.Text == pw.Text {
			create.Enable()
		} else {
			create.Disable()
		}
	}
	create = &widget.Button{Text: "Restore", Importance: widget.HighImportance}
	create.OnTapped = func() {
		if create.Disabled() {
			return
		}
		password, keep, dir, now := pw.Text, remember.Checked, u.dir, u.clock.Now()
		opts := backup.FreshOptions{AdoptSettings: adopt != nil && adopt.Checked}
		create.Disable()
		act.Show()
		act.Start()
		u.goBackground(func() {
			r, err := backup.RestoreFreshWith(dir, password, o, opts, now)
			var keyringErr error
			if err == nil && keep {
				keyringErr = r.Vault.EnableKeyring()
			}
			u.do(func() {
				act.Stop()
				act.Hide()
				if err != nil {
					problem.SetText(message(err))
					problem.Show()
					check("")
					return
				}
				u.vault = r.Vault
				if !r.KeptKey {
					u.showRecoveryKey(r.RecoveryKey, keyringErr, true)
					dialog.ShowInformation("A new recovery key", newKeyText(o), u.win)
					return
				}
				if keyringErr != nil {
					u.showError("Could not remember the vault on this device", keyringErr)
				}
				u.opened(r.Vault)
				text := fmt.Sprintf("Restored %s from %s.", plural(len(r.Vault.Doc.Accounts), "account"), name)
				if r.FolderReset {
					text += "\nThe old backup folder is not on this computer: backups go into the vault’s folder."
				}
				u.notice.show(text, "", nil)
			})
		})
	}
	pw.OnChanged, again.OnChanged = check, check
	again.OnSubmitted = func(string) { create.OnTapped() }
	check("")
	title := widget.NewLabelWithStyle("Restore "+name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p := backup.PlanFresh(o, name, u.clock.Now())
	holds := plural(p.Count(backup.New), "account")
	if n := p.Count(backup.Invalid) + p.Count(backup.Duplicate); n > 0 {
		holds += fmt.Sprintf(" (it skips %d more: invalid or a second copy)", n)
	}
	intro := widget.NewLabel(fmt.Sprintf("The backup holds %s. Choose the password that unlocks them on this computer.", holds))
	intro.Wrapping = fyne.TextWrapWord
	back := widget.NewButton("Cancel", u.showFirstRun)
	buttons := container.NewHBox(back, layout.NewSpacer(), act, create)
	col := container.NewVBox(append(append([]fyne.CanvasObject{title, intro}, notes...), pw, again, remember, problem, buttons)...)
	u.show(screenFirstRun, container.NewCenter(container.New(&maxWidth{w: 420}, col)))
	u.win.Canvas().Focus(pw)
}
