package gui

// The automatic backup of the open vault: its Backuper, made on first use,
// closed before the vault is dropped, and the list's banner when a backup
// failed. The backup page is backups.go.

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// backupsState is the automatic backup of the open vault and its banner.
type backupsState struct {
	b      *backup.Backuper
	dir    string
	status backup.Status
	banner *fyne.Container // above the list; hidden while all is well
	text   *widget.Label
	fix    *widget.Button
	// closing counts the last backups a lock left writing (closeBackups).
	closing sync.WaitGroup
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
					u.refreshReady()
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
// vault is dropped (lock, quit). The pending backup is a snapshot taken
// when the vault was saved, so the write need not keep the vault: with
// inBackground (lock) it runs off the UI goroutine while a notice says so;
// quit waits for it, and for any a lock left running.
func (u *UI) closeBackups(inBackground bool) {
	if u.backups == nil {
		return
	}
	s := u.backups
	b := s.b
	s.b = nil
	if !inBackground {
		if b != nil {
			logBackupClose(b.Close())
		}
		s.closing.Wait()
		return
	}
	if b == nil {
		return
	}
	if !b.Status().Pending {
		logBackupClose(b.Close()) // nothing to write: at once
		return
	}
	const text = "Writing the last automatic backup…"
	s.closing.Add(1)
	u.goBackground(func() {
		defer s.closing.Done()
		err := b.Close()
		u.do(func() {
			logBackupClose(err)
			if u.notice.Text() == text {
				u.notice.hide()
			}
		})
	})
	u.notice.show(text, "", nil)
}

func logBackupClose(err error) {
	if err != nil {
		fyne.LogError("writing the last automatic backup", err)
	}
}

// withBackupBanner puts the backup banner above the list.
func (u *UI) withBackupBanner(content fyne.CanvasObject) fyne.CanvasObject {
	if u.backups == nil {
		u.backups = &backupsState{}
	}
	s := u.backups
	if s.banner == nil {
		s.text = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
		s.fix = widget.NewButton("Change folder", func() { u.showBackups(u.showList) })
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
		text += " Last verified backup " + ago(u.clock.Now(), st.LastBackup) + "."
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
		text := "Last verified backup " + ago(u.clock.Now(), st.LastBackup) + "."
		if st.Pending {
			text += " Changes not backed up yet."
		}
		return text
	}
	return st.Summary()
}
