package gui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// restoreFlow restores one backup file: it asks for what opens the backup
// (restoreKeyForm), opens it off the UI goroutine (scrypt for
// passphrases) and goes on to the preview (previewScreen) or, on a device
// with no vault, to the new vault's password (restoreNewVaultScreen).
type restoreFlow struct {
	u    *UI
	rk   *vault.RecoveryKey // a key already at hand (scanned from a kit), or nil
	data []byte             // the backup, once picked
	name string             // the file's name, for people
	info backup.Info        // what opens data
}

// showRestorePicker asks for a backup file, then restores it.
func (u *UI) showRestorePicker() { newRestoreFlow(u, nil).pick() }

// startRestore restores the backup data (named name, for people). rk, when
// not nil, is a recovery key already at hand (scanned from a kit's QR
// code) and fills the key field; with data nil, the backup is asked for
// next. With no vault open, the restore makes a new vault in u.dir (a
// fresh device).
func (u *UI) startRestore(data []byte, name string, rk *vault.RecoveryKey) {
	newRestoreFlow(u, rk).start(name, data)
}

func newRestoreFlow(u *UI, rk *vault.RecoveryKey) *restoreFlow {
	return &restoreFlow{u: u, rk: rk}
}

// pick asks for a backup file and restores it.
func (f *restoreFlow) pick() {
	f.u.pickFile(backup.BackupInput, []string{".age", ".txt", ".asc"}, f.start)
}

// start checks that data (the file name) can be restored here and asks
// for its key.
func (f *restoreFlow) start(name string, data []byte) {
	u := f.u
	if u.vault == nil && vault.Exists(u.dir) {
		// A locked vault: restoring into it needs it open (a fresh-device
		// restore would refuse to write over it).
		u.notice.show("Unlock first, then restore "+name+".", "", nil)
		return
	}
	if data == nil {
		// A key came first (scanned from a kit): now the backup it opens.
		u.notice.show("Recovery key read from the kit. Now choose the backup it opens.", "", nil)
		f.pick()
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
	f.data, f.name, f.info = data, name, info
	key := ""
	if f.rk != nil {
		key = f.rk.Reveal()
	}
	f.askKey(key, "")
}

// askKey asks for what opens the backup, with key in the recovery key
// field. problem, if set, says why the last try failed.
func (f *restoreFlow) askKey(key, problem string) {
	newRestoreKeyForm(f, key, problem).show()
}

// open decrypts with what the form holds, off the UI goroutine, and goes
// on to the preview or the new vault.
func (f *restoreFlow) open(form *restoreKeyForm) {
	u := f.u
	k, keyText, err := form.backupKey(u.vault)
	if err != nil {
		f.askKey(keyText, message(err))
		return
	}
	// Fresh or not is decided now, from the folder: a lock that lands
	// while the backup decrypts must not turn into a fresh-device restore
	// over the vault; it cancels the restore instead.
	into, fresh := u.vault, u.vault == nil && !vault.Exists(u.dir)
	data, name := f.data, f.name
	done := u.progress("Opening " + name + "…")
	u.goBackground(func() {
		o, err := backup.Read(data, k)
		u.do(func() {
			done()
			if err != nil {
				f.failed(err, keyText)
				return
			}
			f.opened(o, into, fresh)
		})
	})
}

// failed says why the backup did not open: a wrong or missing key asks
// again, with keyText (the recovery key as typed) in the field.
func (f *restoreFlow) failed(err error, keyText string) {
	fyne.LogError("opening backup "+f.name, err)
	var need *backup.NeedKeyError
	if errors.As(err, &need) || errors.Is(err, backup.ErrWrongKey) || errors.Is(err, backup.ErrWrongPassphrase) {
		f.askKey(keyText, message(err))
		return
	}
	f.u.showError("Could not restore "+f.name, err)
}

// opened goes on with the opened backup o: a new vault when the restore
// started on a fresh device, else the preview of a restore into the vault
// that was open then (into), unless it was locked meanwhile.
func (f *restoreFlow) opened(o *backup.Opened, into *vault.Vault, fresh bool) {
	u := f.u
	switch {
	case fresh:
		s := newRestoreNewVaultScreen(u, o, f.name)
		u.show(screenFirstRun, s.content())
		u.win.Canvas().Focus(s.pw.password)
		return
	case into == nil || u.vault != into: // locked meanwhile
		return
	}
	p := backup.PlanRestore(u.vault.Doc, o, f.name, u.clock.Now())
	u.showPreview(p, "Restore "+f.name, originLines(o))
}

// restoreKeyForm asks for what opens a backup: the fields its info needs.
type restoreKeyForm struct {
	f       *restoreFlow
	key     *keyEntry     // nil when the backup does not take a recovery key
	pass    *widget.Entry // nil when the backup does not take a passphrase
	dialog  *dialog.FormDialog
	idFile  []byte        // the identity file chosen, or nil
	idName  *widget.Label // nil when the backup takes no identity file
	problem *widget.Label
}

func newRestoreKeyForm(f *restoreFlow, key, problem string) *restoreKeyForm {
	k := &restoreKeyForm{f: f}
	needs := func(n backup.Need) bool { return slices.Contains(f.info.Needs, n) }
	if needs(backup.NeedRecoveryKey) {
		k.key = newKeyEntry(f.u)
		k.key.SetPlaceHolder("Recovery key")
		k.key.SetText(key)
		k.key.OnSubmitted = k.submit // Enter opens, as on the unlock screen
	}
	if needs(backup.NeedPassphrase) {
		k.pass = widget.NewPasswordEntry()
		k.pass.SetPlaceHolder("Backup passphrase")
		k.pass.OnSubmitted = k.submit
	}
	if needs(backup.NeedRecoveryKey) || needs(backup.NeedSSHKey) || needs(backup.NeedAgeIdentity) {
		k.idName = widget.NewLabel("")
	}
	k.problem = &widget.Label{Text: problem, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	k.problem.Hidden = problem == ""
	return k
}

// show shows the form in a dialog; Open goes on to restoreFlow.open.
func (k *restoreKeyForm) show() {
	u := k.f.u
	var items []*widget.FormItem
	if k.key != nil {
		items = append(items, widget.NewFormItem("Recovery key", k.key),
			widget.NewFormItem("", u.scanKeyButton(k.onScanned)),
			widget.NewFormItem("", hintText(kit.KeyTyping+" You can also drop or paste a picture of the kit.", fyne.TextAlignLeading)))
		if u.vault != nil {
			// Most backups are this vault's own: its key is tried when the
			// field is empty, so restoring an older state is one click —
			// without showing the key, which Settings shows only after
			// the password.
			items = append(items, widget.NewFormItem("", hintText("Leave it empty to use this vault’s recovery key.", fyne.TextAlignLeading)))
		}
	}
	if k.pass != nil {
		items = append(items, widget.NewFormItem("Passphrase", k.pass))
	}
	if k.idName != nil {
		pick := widget.NewButton("Choose key file…", k.onChooseIdentity)
		items = append(items, widget.NewFormItem("Or a key file", container.NewHBox(pick, k.idName)))
	}
	items = append(items, widget.NewFormItem("", k.problem))
	d := dialog.NewForm("Restore "+k.f.name, "Open", "Cancel", items, k.onOpen, u.win)
	d.Resize(fyne.NewSize(520, 0))
	k.dialog = d
	if k.key != nil {
		d.SetOnClosed(u.askKeyHere(k.onScanned))
	}
	u.trackDialog(d).Show()
	switch {
	case k.pass != nil:
		u.win.Canvas().Focus(k.pass)
	case k.key != nil:
		u.win.Canvas().Focus(k.key)
	}
}

// submit is Enter in a field: Open.
func (k *restoreKeyForm) submit(string) { k.dialog.Submit() }

// onScanned fills the key field with a key read from the kit's QR code
// and opens the backup with it.
func (k *restoreKeyForm) onScanned(rk vault.RecoveryKey) {
	k.key.SetText(rk.Reveal())
	k.dialog.Submit()
}

// onChooseIdentity reads an identity file (an age or SSH key) for the key.
func (k *restoreKeyForm) onChooseIdentity() {
	u := k.f.u
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
		k.idFile = b
		k.idName.SetText(r.URI().Name())
	}, u.win)
	u.trackDialog(d).Show()
}

func (k *restoreKeyForm) onOpen(ok bool) {
	if ok {
		k.f.open(k)
	}
}

// backupKey is what the form holds, with an empty recovery key field
// meaning v's own key (when v is open). keyText is the recovery key as
// typed, for the field when the form comes back; err says what in the
// form is wrong.
func (k *restoreKeyForm) backupKey(v *vault.Vault) (key backup.Key, keyText string, err error) {
	if k.key != nil && k.key.Text != "" {
		keyText = k.key.Text
		rk, err := vault.ParseRecoveryKey(k.key.Text)
		if err != nil {
			return key, keyText, err
		}
		key.RecoveryKey = rk
	}
	key.DefaultToVault(v) // an empty field: this vault's key
	if k.pass != nil {
		key.Passphrase = k.pass.Text
	}
	if k.idFile != nil {
		ids, err := backup.ParseIdentityFile(k.idFile, nil)
		if err != nil {
			return key, keyText, err
		}
		key.Identities = ids
	}
	return key, keyText, nil
}
