package gui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
)

// Who can open the backups.
const (
	protectRecoveryKey = "Recovery key"
	protectMoreKeys    = "Recovery key and my SSH or age keys"
)

var keepChoices = []int{3, 5, 10, 20, 50, 100, 0}

// The choices of the retention by time: how many days, weeks and months
// keep their newest backup.
var (
	dailyChoices   = []int{0, 3, 7, 14, 31}
	weeklyChoices  = []int{0, 4, 5, 8, 13}
	monthlyChoices = []int{0, 3, 6, 12, 24, 60}
)

// backupScreen is the backup page: folder, how many to keep, who can
// open the backups, and Back up now.
type backupScreen struct {
	u        *UI
	settings backup.Settings
	status   *widget.Label
	folder   *widget.Label
	recips   *widget.Entry
	extra    *fyne.Container // the extra keys, shown with "and extra keys"
	now      *widget.Button
	act      *widget.Activity
	back     func()
	list     *backupList // the backups to restore
}

// showBackupSettings shows the backup page of the open vault, opened from
// Settings (its back button returns there).
func (u *UI) showBackupSettings() { u.showBackups(u.showSettings) }

// showBackups shows the backup page; back returns to where it was opened
// from (Settings, or the list's banner).
func (u *UI) showBackups(back func()) {
	if u.vault == nil {
		return
	}
	u.activity()
	s := newBackupScreen(u)
	s.back = back
	u.show(screenBackups, s.content())
}

func newBackupScreen(u *UI) *backupScreen {
	st, err := backup.LoadSettings(u.vault.Doc)
	if err != nil {
		fyne.LogError("backup settings", err)
	}
	s := &backupScreen{u: u, settings: st,
		status: &widget.Label{Text: u.backupStatusText(), Wrapping: fyne.TextWrapWord},
		folder: &widget.Label{Text: st.FolderFor(u.vault.Dir), Wrapping: fyne.TextWrapBreak},
		recips: widget.NewMultiLineEntry(),
		act:    widget.NewActivity(),
	}
	s.recips.SetPlaceHolder("age1… or ssh-ed25519 … keys, one per line")
	s.recips.SetText(strings.Join(st.Recipients, "\n"))
	s.recips.SetMinRowsVisible(3)
	s.extra = container.NewVBox(s.recips, rightAligned(widget.NewButton("Use these keys", s.onUseKeys)))
	s.now = widget.NewButtonWithIcon("Back up now", theme.UploadIcon(), s.onBackUpNow)
	s.list = newBackupList(u)
	s.act.Hide()
	return s
}

func (s *backupScreen) content() fyne.CanvasObject {
	auto := widget.NewCheck("Back up automatically after every change", func(on bool) {
		s.store(func(n *backup.Settings) { n.Off = !on })
	})
	auto.Checked = !s.settings.Off
	keep := choice(keepChoices, s.settings.Keep, func(n int) string {
		if n == 0 {
			return "All"
		}
		return fmt.Sprintf("The newest %d", n)
	}, func(n int) { s.store(func(x *backup.Settings) { x.Keep = n }) })
	protection := widget.NewRadioGroup([]string{protectRecoveryKey, protectMoreKeys}, s.onProtection)
	protection.Required = true
	protection.SetSelected(protection.Options[min(len(s.settings.Recipients), 1)])
	change := widget.NewButtonWithIcon("Change folder…", theme.FolderOpenIcon(), s.onChangeFolder)
	form := form(
		widget.NewLabel("Folder"), container.NewBorder(nil, nil, nil, change, s.folder),
		widget.NewLabel("Keep"), keep,
		widget.NewLabel("And one a day for"), s.period(dailyChoices, "day", func(x *backup.Settings) *int { return &x.Daily }),
		widget.NewLabel("One a week for"), s.period(weeklyChoices, "week", func(x *backup.Settings) *int { return &x.Weekly }),
		widget.NewLabel("One a month for"), s.period(monthlyChoices, "month", func(x *backup.Settings) *int { return &x.Monthly }))
	body := container.NewVBox(s.status, auto, form,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Who can open the backups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		protection,
		hintText("Your printed recovery key always opens the backups. Add your SSH key, or an age key (age1…), and that key opens them too: on another computer, without typing the recovery key.", fyne.TextAlignLeading),
		s.extra,
		widget.NewSeparator(),
		container.NewHBox(s.now, s.act),
		widget.NewSeparator(),
		s.list.content())
	return page("Backups", s.back, nil, body, nil)
}

// period is the choice of how many days (weeks, months) keep their newest
// backup besides the newest ones; field picks the setting.
func (s *backupScreen) period(values []int, unit string, field func(*backup.Settings) *int) *widget.Select {
	return choice(values, *field(&s.settings), func(n int) string {
		if n == 0 {
			return "None"
		}
		return "The last " + plural(n, unit) + " with backups"
	}, func(n int) { s.store(func(x *backup.Settings) { *field(x) = n }) })
}

// store changes the settings in the vault and saves it, which schedules a
// backup with the new settings.
func (s *backupScreen) store(change func(*backup.Settings)) {
	next := s.settings
	change(&next)
	if err := next.Store(s.u.vault.Doc); err != nil {
		s.u.showError("Could not change the backup settings", err)
		return
	}
	s.settings = next
	if !s.u.save() { // the document went back to vault.age's settings
		if kept, err := backup.LoadSettings(s.u.vault.Doc); err == nil {
			s.settings = kept
		}
	}
}

func (s *backupScreen) onChangeFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil || s.u.vault == nil {
			return
		}
		s.store(func(n *backup.Settings) { n.Folder = l.Path() })
		s.folder.SetText(s.settings.FolderFor(s.u.vault.Dir))
	}, s.u.win)
	s.u.trackDialog(d).Show()
}

// onUseKeys checks the extra keys typed and encrypts backups to them too.
func (s *backupScreen) onUseKeys() {
	var keys []string
	for _, l := range strings.Split(s.recips.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			keys = append(keys, l)
		}
	}
	if _, err := backup.ParseRecipients(keys); err != nil {
		s.u.showError("Could not use the key", err)
		return
	}
	s.store(func(n *backup.Settings) { n.Recipients = keys })
	s.u.notice.show("Backups are now also encrypted to "+plural(len(keys), "key")+".", "", nil)
}

// onProtection shows the extra keys, or drops them for the recovery key
// alone.
func (s *backupScreen) onProtection(sel string) {
	if sel != protectRecoveryKey {
		s.extra.Show()
		return
	}
	s.extra.Hide()
	if len(s.settings.Recipients) > 0 {
		s.store(func(n *backup.Settings) { n.Recipients = nil })
		s.recips.SetText("")
	}
}

// onBackUpNow writes a backup at once. The snapshot of the vault is taken
// here, on the UI goroutine; only encrypting and writing it run off it.
func (s *backupScreen) onBackUpNow() {
	started := s.u.backUpNow(func() {
		s.act.Stop()
		s.act.Hide()
		s.now.Enable()
		s.status.SetText(s.u.backupStatusText())
		s.list.load() // the new backup joins the list
	})
	if started {
		s.now.Disable()
		s.act.Show()
		s.act.Start()
	}
}

// backUpNow writes a backup at once, in the background, and runs done on
// the UI goroutine when it is written (or failed, which it reports). It
// reports whether the backup started.
func (u *UI) backUpNow(done func()) bool {
	write, err := u.backuper().Prepare(u.vault)
	if err != nil {
		u.showError("Could not back up", err)
		return false
	}
	u.startBusy() // a lock waits, so the outcome shows on this page
	u.goBackground(func() {
		path, err := write()
		u.do(func() {
			u.endBusy()
			done()
			if err != nil {
				u.showError("Could not back up", err)
				return
			}
			u.notice.show("Backed up to "+filepath.Base(path)+".", "", nil)
		})
	})
	return true
}
