package gui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

const screenBackups = "backups"

var keepChoices = []int{3, 5, 10, 20, 50, 100, 0}

// backupsState is the automatic backup of the open vault and its banner.
type backupsState struct {
	b      *backup.Backuper
	dir    string
	status backup.Status
	banner *fyne.Container // above the list; hidden while all is well
	text   *widget.Label
	fix    *widget.Button
}

// backuper returns the Backuper of the open vault, made on first use.
func (u *UI) backuper() *backup.Backuper {
	if u.backups == nil {
		u.backups = &backupsState{}
	}
	s := u.backups
	if s.b == nil || s.dir != u.vault.Dir {
		if s.b != nil {
			s.b.Close()
		}
		s.b = backup.NewBackuper(u.vault.Dir, u.clock)
		s.dir = u.vault.Dir
		s.status = s.b.Status()
		b := s.b
		s.b.OnStatus(func(st backup.Status) {
			u.do(func() {
				if u.backups != nil && u.backups.b == b {
					u.backups.status = st
					u.updateBackupBanner()
				}
			})
		})
	}
	return s.b
}

// backupChanged schedules an automatic backup; call it after each save.
func (u *UI) backupChanged() {
	if u.vault == nil {
		return
	}
	if err := u.backuper().Changed(u.vault); err != nil {
		fyne.LogError("scheduling the automatic backup", err)
	}
}

// closeBackups writes what is pending and stops; call it before the
// vault is dropped (lock, quit).
func (u *UI) closeBackups() {
	if u.backups == nil || u.backups.b == nil {
		return
	}
	if err := u.backups.b.Close(); err != nil {
		fyne.LogError("writing the last automatic backup", err)
	}
	u.backups.b = nil
}

// withBackupBanner puts the backup banner above the list.
func (u *UI) withBackupBanner(content fyne.CanvasObject) fyne.CanvasObject {
	if u.backups == nil {
		u.backups = &backupsState{}
	}
	s := u.backups
	if s.banner == nil {
		s.text = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		s.fix = widget.NewButton("Change folder", u.showBackupSettings)
		s.banner = container.NewPadded(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), s.fix, s.text))
	}
	if s.b == nil && u.vault != nil {
		s.status = backup.NewBackuper(u.vault.Dir, u.clock).Status()
	}
	u.updateBackupBanner()
	if s.banner.Hidden {
		// The list as it is; updateBackupBanner shows the list again
		// when a failure needs the banner.
		return content
	}
	return container.NewBorder(s.banner, nil, nil, nil, content)
}

// updateBackupBanner shows the banner when the last backup failed: the
// changes since are not backed up, why, and when the last backup was.
func (u *UI) updateBackupBanner() {
	s := u.backups
	if s == nil || s.banner == nil {
		return
	}
	st := s.status
	wasHidden := s.banner.Hidden
	defer func() {
		if s.banner.Hidden != wasHidden && u.screen == screenList && u.list != nil {
			u.showList() // to add or take away the banner
		}
	}()
	if st.Failure == nil {
		s.banner.Hide()
		return
	}
	text := "Changes not backed up: " + string(st.Failure.Reason) + "."
	if !st.LastBackup.IsZero() {
		text += " Last backup " + ago(u.clock.Now(), st.LastBackup) + "."
	}
	s.text.SetText(text)
	s.banner.Show()
}

// ago says how long ago t was, roughly: "5 min ago".
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return t.Local().Format("2006-01-02 15:04")
}

// backupStatusText is the status for the settings page.
func (u *UI) backupStatusText() string {
	st := u.backuper().Status()
	if st.Failure == nil && !st.LastBackup.IsZero() && st.Enabled {
		text := "Last backup " + ago(u.clock.Now(), st.LastBackup) + "."
		if st.Pending {
			text += " Changes not backed up yet."
		}
		return text
	}
	return st.Summary()
}

// showBackupSettings is the backup page: folder, how many to keep, who
// can open them, and Back up now.
func (u *UI) showBackupSettings() {
	if u.vault == nil {
		return
	}
	u.activity()
	s, err := backup.LoadSettings(u.vault.Doc)
	if err != nil {
		fyne.LogError("backup settings", err)
	}
	store := func(change func(*backup.Settings)) {
		next := s
		change(&next)
		if err := next.Store(u.vault.Doc); err != nil {
			u.showError("Could not change the backup settings", err)
			return
		}
		s = next
		u.save() // which schedules a backup with the new settings
	}
	status := widget.NewLabel(u.backupStatusText())
	status.Wrapping = fyne.TextWrapWord
	auto := widget.NewCheck("Back up automatically after every change", func(on bool) {
		store(func(n *backup.Settings) { n.Off = !on })
	})
	auto.Checked = !s.Off
	folder := widget.NewLabel(s.FolderFor(u.vault.Dir))
	folder.Wrapping = fyne.TextWrapBreak
	change := widget.NewButtonWithIcon("Change folder…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				return
			}
			store(func(n *backup.Settings) { n.Folder = l.Path() })
			folder.SetText(s.FolderFor(u.vault.Dir))
		}, u.win)
		u.trackDialog(d).Show()
	})
	keep := choice(keepChoices, s.Keep, func(n int) string {
		if n == 0 {
			return "All"
		}
		return fmt.Sprintf("The newest %d", n)
	}, func(n int) { store(func(x *backup.Settings) { x.Keep = n }) })

	recips := widget.NewMultiLineEntry()
	recips.SetPlaceHolder("age1… or ssh-ed25519 … keys, one per line")
	recips.SetText(strings.Join(s.Recipients, "\n"))
	recips.SetMinRowsVisible(3)
	saveRecips := widget.NewButton("Use these keys", func() {
		var keys []string
		for _, l := range strings.Split(recips.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				if _, err := backup.ParseRecipient(l); err != nil {
					u.showError("Could not use the key", err)
					return
				}
				keys = append(keys, l)
			}
		}
		store(func(n *backup.Settings) { n.Recipients = keys })
		u.notice.show("Backups are now also encrypted to "+plural(len(keys), "key")+".", "", nil)
	})
	extra := container.NewVBox(recips, container.NewHBox(layout.NewSpacer(), saveRecips))
	protection := widget.NewRadioGroup([]string{"Recovery key", "Recovery key and extra keys"}, func(sel string) {
		if sel == "Recovery key" {
			extra.Hide()
			if len(s.Recipients) > 0 {
				store(func(n *backup.Settings) { n.Recipients = nil })
				recips.SetText("")
			}
		} else {
			extra.Show()
		}
	})
	protection.Required = true
	if len(s.Recipients) > 0 {
		protection.SetSelected(protection.Options[1])
	} else {
		protection.SetSelected(protection.Options[0])
	}
	protHint := hintText("Your printed recovery key always opens the backups. Extra keys (another computer’s age key, an SSH key) open them too, without the vault’s own keys.", fyne.TextAlignLeading)

	act := widget.NewActivity()
	act.Hide()
	var now *widget.Button
	now = widget.NewButtonWithIcon("Back up now", theme.UploadIcon(), func() {
		v, b := u.vault, u.backuper()
		now.Disable()
		act.Show()
		act.Start()
		u.startBusy()
		u.goBackground(func() {
			path, err := b.Now(v)
			u.do(func() {
				act.Stop()
				act.Hide()
				now.Enable()
				u.endBusy()
				status.SetText(u.backupStatusText())
				if err != nil {
					u.showError("Could not back up", err)
					return
				}
				u.notice.show("Backed up to "+filepath.Base(path)+".", "", nil)
			})
		})
	})

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Folder"), container.NewBorder(nil, nil, nil, change, folder),
		widget.NewLabel("Keep"), keep)
	body := container.NewVBox(status, auto, form,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Who can open the backups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		protection, protHint, extra,
		widget.NewSeparator(),
		container.NewHBox(now, act, layout.NewSpacer(),
			widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), u.showRestorePicker)))
	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), u.showSettings)
	title := widget.NewLabelWithStyle("Backups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	u.show(screenBackups, container.NewBorder(container.NewPadded(container.NewHBox(back, title)), nil, nil, nil,
		container.NewVScroll(container.NewPadded(body))))
}
