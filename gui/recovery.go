package gui

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/vault"
)

// recoveryScreen shows the recovery key. After creating a vault the person
// must re-type one group of it, to be sure it was written down.
type recoveryScreen struct {
	u        *UI
	groups   []string
	ask      int // index of the group to re-type
	answer   *widget.Entry
	feedback *widget.Label
	done     *widget.Button
}

// showRecoveryKey shows rk. With confirm (first run) the Continue button
// waits for one group to be re-typed. keyringErr, if any, says why
// "remember on this device" did not work.
func (u *UI) showRecoveryKey(rk vault.RecoveryKey, keyringErr error, confirm bool) {
	s := &recoveryScreen{u: u, groups: strings.Split(rk.Reveal(), "-")}
	title := widget.NewLabelWithStyle("Your recovery key", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("If you forget your password, this key is the only way back in. Write it down or print it, and keep it somewhere safe — away from this computer.")
	intro.Wrapping = fyne.TextWrapWord

	half := len(s.groups) / 2
	keyText := &widget.Label{
		Text:       strings.Join(s.groups[:half], " - ") + "\n" + strings.Join(s.groups[half:], " - "),
		TextStyle:  fyne.TextStyle{Monospace: true},
		Alignment:  fyne.TextAlignCenter,
		SizeName:   theme.SizeNameSubHeadingText,
		Selectable: true,
	}
	reveal := rk.Reveal()
	copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		u.copySecret(reveal, "Recovery key copied")
	})
	card := widget.NewCard("", "", container.NewVBox(keyText, container.NewCenter(copyBtn)))

	objs := []fyne.CanvasObject{title, intro, card}
	if keyringErr != nil {
		fyne.LogError("remembering the vault key in the keyring", keyringDetail(keyringErr))
		warn := &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord,
			Text: message(keyringErr)}
		objs = append(objs, warn)
	}
	s.done = &widget.Button{Text: "Continue", Importance: widget.HighImportance, OnTapped: s.onDone}
	if confirm {
		s.ask = randomIndex(len(s.groups))
		ask := widget.NewLabel(fmt.Sprintf("To check that you have it, type group %d (of %d):", s.ask+1, len(s.groups)))
		ask.Wrapping = fyne.TextWrapWord
		s.answer = widget.NewEntry()
		s.answer.TextStyle = fyne.TextStyle{Monospace: true}
		s.answer.SetPlaceHolder("XXXX")
		s.answer.OnChanged = func(string) { s.check() }
		s.answer.OnSubmitted = func(string) { s.onDone() }
		s.feedback = &widget.Label{Importance: widget.DangerImportance}
		s.feedback.Hide()
		objs = append(objs, ask, s.answer, s.feedback)
		s.done.Disable()
	} else {
		s.done.SetText("Done")
	}
	objs = append(objs, rightAligned(s.done))
	u.show(screenRecovery, centred(460, objs...))
	if s.answer != nil {
		u.win.Canvas().Focus(s.answer)
	}
}

// normGroup accepts what Crockford Base32 accepts: any case, O for 0 and
// I or L for 1, surrounding spaces.
func normGroup(s string) string {
	return strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(strings.ToUpper(strings.TrimSpace(s)))
}

func (s *recoveryScreen) check() bool {
	got := normGroup(s.answer.Text)
	ok := got == normGroup(s.groups[s.ask])
	switch {
	case ok:
		s.done.Enable()
		s.feedback.Hide()
	case len(got) >= len(s.groups[s.ask]):
		s.done.Disable()
		s.feedback.SetText(fmt.Sprintf("That is not group %d. Look at the key again.", s.ask+1))
		s.feedback.Show()
	default:
		s.done.Disable()
		s.feedback.Hide()
	}
	return ok
}

func (s *recoveryScreen) onDone() {
	if s.answer != nil && !s.check() {
		return
	}
	if s.u.clip.holds(s.u, strings.Join(s.groups, "-")) {
		// The key is written down now; do not leave it on the clipboard.
		s.u.clip.clearNow(s.u)
	}
	if s.answer != nil {
		s.u.activity()
		s.u.opened(s.u.vault)
		s.u.offerKitAfterFirstRun()
		return
	}
	s.u.showSettings()
}

func randomIndex(n int) int {
	i, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		return 0
	}
	return int(i.Int64())
}
