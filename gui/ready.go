package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/ready"
)

// The readiness page (Settings → Recovery readiness) shows backup/ready's
// report: each line with the one button that fixes it. While something is
// missing, its summary is a banner above the list, which the person may
// put away for readyDismissFor.

// readyDismissFor is how long "not now" hides the list's readiness banner.
const readyDismissFor = 7 * 24 * time.Hour

// readiness checks the open vault now; a failure is logged and reads as
// ready, so a broken check never nags.
func (u *UI) readiness() ready.Report {
	// A change the Backuper is about to back up is not yet a problem.
	scheduled := false
	if u.backups != nil && u.backups.b != nil {
		st := u.backups.b.Status()
		scheduled = st.Pending && st.Failure == nil
	}
	r, err := ready.Check(u.vault, u.clock.Now(), ready.Options{BackupScheduled: scheduled})
	if err != nil {
		fyne.LogError("readiness check", err)
		return ready.Report{Ready: true}
	}
	return r
}

// readyScreen is the readiness page: the report's lines, each with the
// button that fixes it.
type readyScreen struct {
	u      *UI
	report ready.Report
}

// showReady shows the readiness page of the open vault.
func (u *UI) showReady() {
	if u.vault == nil {
		return
	}
	u.activity()
	s := &readyScreen{u: u, report: u.readiness()}
	u.show(screenReady, s.content())
}

func (s *readyScreen) content() fyne.CanvasObject {
	u, r := s.u, s.report
	rows := container.NewVBox()
	for _, l := range r.Lines() {
		rows.Add(s.line(l))
	}
	summary := widget.NewLabelWithStyle(r.Summary+".", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	lost := widget.NewButtonWithIcon("I lost a device…", theme.HelpIcon(), u.showLostDevice)
	body := container.NewVBox(summary,
		hintText("If this computer died today, this is what you would need to get back into every account.", fyne.TextAlignLeading),
		widget.NewSeparator(), rows, widget.NewSeparator(), container.NewHBox(lost))
	return page("Recovery readiness", u.showSettings, nil, body, nil)
}

// line is one line of the page: an icon for its severity, the sentence
// and, where there is one, the button that fixes it.
func (s *readyScreen) line(l ready.Line) fyne.CanvasObject {
	text := l.Text
	if l.Account != "" {
		text = l.Account + ": " + text
	}
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	var fix fyne.CanvasObject
	if l.Fix != nil && l.Severity >= ready.Warning {
		if f := s.fix(l); f != nil {
			fix = widget.NewButton(l.Fix.Label, f)
		}
	}
	return container.NewBorder(nil, nil, widget.NewIcon(severityIcon(l.Severity)), fix, label)
}

func severityIcon(s ready.Severity) fyne.Resource {
	switch s {
	case ready.OK:
		return theme.ConfirmIcon()
	case ready.Info:
		return theme.InfoIcon()
	case ready.Warning:
		return theme.WarningIcon()
	}
	return theme.ErrorIcon()
}

// fix is what a line's button does.
func (s *readyScreen) fix(l ready.Line) func() {
	u := s.u
	switch l.Fix.Action {
	case ready.BackupOn, ready.BackupFolder:
		return u.showBackupSettings
	case ready.BackupNow:
		return func() { u.backUpNow(u.refreshReady) }
	case ready.SaveKit:
		return func() { u.askSaveKit("") }
	case ready.TestKey:
		return u.askTestKey
	case ready.AddCodes, ready.ReplaceCodes:
		return func() {
			if i := u.vault.Doc.Index(l.AccountID); i >= 0 {
				u.showCodes(i, u.showReady)
			}
		}
	}
	return nil
}

// refreshReady redraws the readiness page if it is showing.
func (u *UI) refreshReady() {
	if u.screen == screenReady && u.vault != nil {
		u.showReady()
	}
}

// askTestKey is "Test your printed key": the person types the key from
// paper; it is checked against the vault, never shown, and the test's date
// recorded so the check asks again in a year.
func (u *UI) askTestKey() {
	if u.vault == nil {
		return
	}
	u.activity()
	key := widget.NewPasswordEntry()
	key.SetPlaceHolder("Recovery key, as printed")
	intro := &widget.Label{Text: "Type the recovery key from your paper or Recovery Kit. Lifeline checks that it opens this vault; it is not shown.", Wrapping: fyne.TextWrapWord}
	items := []*widget.FormItem{widget.NewFormItem("", intro), widget.NewFormItem("Recovery key", key)}
	d := dialog.NewForm("Test your printed key", "Test", "Cancel", items, func(ok bool) {
		typed := key.Text
		key.SetText("")
		if !ok || u.vault == nil {
			return
		}
		if err := ready.TestRecoveryKey(u.vault, typed, u.clock.Now()); err != nil {
			u.showError("The key does not open this vault", err)
			return
		}
		if u.save() {
			u.notice.show("Your printed recovery key opens this vault.", "", nil)
		}
		u.refreshReady()
	}, u.win)
	d.Resize(fyne.NewSize(480, 0))
	u.trackDialog(d).Show()
	u.win.Canvas().Focus(key)
}

// withReadyBanner puts the readiness summary above the list while
// something is missing, unless the person put it away less than a week
// ago.
func (u *UI) withReadyBanner(content fyne.CanvasObject) fyne.CanvasObject {
	if u.vault == nil || len(u.vault.Doc.Accounts) == 0 {
		return content
	}
	now := u.clock.Now()
	if now.Before(time.Unix(int64(u.prefs.p.IntWithFallback(prefReadyDismissedUntil, 0)), 0)) {
		return content
	}
	r := u.readiness()
	if r.Ready {
		return content
	}
	text := &widget.Label{Text: r.Summary + ".", Wrapping: fyne.TextWrapWord}
	show := widget.NewButton("What to fix", u.showReady)
	later := widget.NewButton("Not now", func() {
		u.prefs.p.SetInt(prefReadyDismissedUntil, int(now.Add(readyDismissFor).Unix()))
		u.showList()
	})
	banner := container.NewPadded(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()),
		container.NewHBox(show, later), text))
	return container.NewBorder(banner, nil, nil, nil, content)
}
