package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// addScreen adds accounts from a pasted link (otpauth:// or Google's
// otpauth-migration://) or from a form.
type addScreen struct {
	u       *UI
	tabs    *container.AppTabs
	paste   *widget.Entry
	preview *widget.Label
	problem *widget.Label
	found   []core.Account
	manual  *manualForm
	addBtn  *widget.Button
}

// showAdd opens the add screen on the paste tab, with text in it; with ""
// it takes a setup link from the clipboard if there is one.
func (u *UI) showAdd(text string) {
	s := u.newAddScreen()
	fromClipboard := false
	if link, ok := u.clipboardLink(); text == "" && ok {
		text, fromClipboard = strings.TrimSpace(link), true
	}
	s.paste.SetText(text)
	if fromClipboard {
		s.preview.SetText("Taken from the clipboard. " + s.preview.Text)
	}
	u.win.Canvas().Focus(s.paste)
}

// showAddManual opens the add screen on the form.
func (u *UI) showAddManual() {
	s := u.newAddScreen()
	s.tabs.SelectIndex(1)
	u.win.Canvas().Focus(s.manual.issuer)
}

func (u *UI) newAddScreen() *addScreen {
	u.activity()
	s := &addScreen{u: u}
	s.paste = widget.NewMultiLineEntry()
	s.paste.TextStyle = fyne.TextStyle{Monospace: true}
	s.paste.Wrapping = fyne.TextWrapBreak
	s.paste.SetMinRowsVisible(4)
	s.paste.SetPlaceHolder("otpauth://totp/Example:alice@example.com?secret=…&issuer=Example")
	s.paste.OnChanged = func(string) { s.parsePaste() }
	s.preview = &widget.Label{Wrapping: fyne.TextWrapWord}
	s.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	pasteHelp := widget.NewLabel("Paste the link behind a site’s QR code, or the export link of Google Authenticator (one per line).")
	pasteHelp.Wrapping = fyne.TextWrapWord
	pasteTab := container.NewVBox(pasteHelp, s.paste, s.problem, s.preview)

	s.manual = newManualForm(s.updateButton)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Paste a link", theme.ContentPasteIcon(), container.NewPadded(pasteTab)),
		container.NewTabItemWithIcon("Enter a key", theme.DocumentCreateIcon(), container.NewPadded(s.manual.content)),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.updateButton() }

	back := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), u.showList)
	title := widget.NewLabelWithStyle("Add accounts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	// Every way to add is one click from here: scanning a QR code (the
	// most common) is not hidden in a menu.
	more := widget.NewButtonWithIcon("More ways", theme.MoreVerticalIcon(), nil)
	more.OnTapped = func() {
		m := fyne.NewMenu("",
			fyne.NewMenuItem("Import file…", u.showImportPicker),
			fyne.NewMenuItem("Add recovery codes only…", u.askAddCodesOnly),
		)
		widget.ShowPopUpMenuAtRelativePosition(m, u.win.Canvas(), fyne.NewPos(0, more.Size().Height), more)
	}
	header := container.NewBorder(nil, nil, container.NewHBox(back, title), more)
	scan := container.NewHBox(widget.NewLabel("QR code:"),
		widget.NewButtonWithIcon("Scan QR code on screen", theme.ViewFullScreenIcon(), newScanner(u).onScanScreen),
		widget.NewButtonWithIcon("…from image", theme.FileImageIcon(), newScanner(u).onScanFile))
	header = container.NewVBox(header, scan)
	s.addBtn = &widget.Button{Text: "Add", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: s.onAdd}
	cancel := widget.NewButton("Cancel", u.showList)
	footer := container.NewHBox(layout.NewSpacer(), cancel, s.addBtn)
	u.show(screenAdd, container.NewBorder(container.NewPadded(header), container.NewPadded(footer), nil, nil, s.tabs))
	s.parsePaste()
	return s
}

// parsePaste reads the pasted text as you type and says what it found.
func (s *addScreen) parsePaste() {
	accs, err := parseLinks(s.paste.Text)
	s.found = accs
	s.problem.Hidden = err == nil
	if err != nil {
		s.problem.SetText(message(err))
	}
	switch {
	case len(accs) == 0:
		s.preview.SetText("")
	default:
		var b strings.Builder
		fmt.Fprintf(&b, "Ready to add %s:", plural(len(accs), "account"))
		for i := range accs {
			if i == 8 {
				fmt.Fprintf(&b, "\n… and %d more", len(accs)-8)
				break
			}
			b.WriteString("\n• " + describe(&accs[i]))
		}
		s.preview.SetText(b.String())
	}
	s.updateButton()
}

// parseLinks parses one link per line. It returns what it understood and
// the first problem, naming the line.
func parseLinks(text string) ([]core.Account, error) {
	if len(text) > backup.MaxLinksText {
		return nil, &backup.TooLargeError{Input: backup.LinksInput}
	}
	var out []core.Account
	var first error
	for n, line := range core.SetupLinkLines(text) {
		accs, err := core.ParseSetupLink(line)
		if err == nil {
			for i := range accs {
				if verr := accs[i].Validate(); verr != nil {
					err = verr
					break
				}
			}
		}
		if err != nil {
			if first == nil {
				first = fmt.Errorf("line %d: %w", n, err)
			}
			continue
		}
		out = append(out, accs...)
	}
	return out, first
}

// describe is "GitHub (alice) · TOTP, 6 digits, 30 s" for previews.
func describe(a *core.Account) string {
	name := a.Issuer
	if a.Name != "" {
		if name != "" {
			name += " (" + a.Name + ")"
		} else {
			name = a.Name
		}
	}
	kind := fmt.Sprintf("%s, %d digits", a.Type.Name(), a.Digits)
	if a.Type != core.HOTP && a.Period > 0 {
		kind += fmt.Sprintf(", %d s", a.Period)
	}
	return name + " · " + kind
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (s *addScreen) updateButton() {
	if s.addBtn == nil {
		return
	}
	ok := false
	if s.tabs.SelectedIndex() == 0 {
		ok = len(s.found) > 0 && s.problem.Hidden
		s.addBtn.SetText("Add")
		if len(s.found) > 1 {
			s.addBtn.SetText(fmt.Sprintf("Add %d", len(s.found)))
		}
	} else {
		_, err := s.manual.account()
		ok = err == nil
		s.addBtn.SetText("Add")
	}
	if ok {
		s.addBtn.Enable()
	} else {
		s.addBtn.Disable()
	}
}

func (s *addScreen) onAdd() {
	var accs []core.Account
	if s.tabs.SelectedIndex() == 0 {
		accs = s.found
	} else {
		a, err := s.manual.account()
		if err != nil {
			return
		}
		accs = []core.Account{a}
	}
	pasted := strings.TrimSpace(s.paste.Text)
	if s.u.addAccounts(accs) && pasted != "" && strings.TrimSpace(s.u.clipboard().Content()) == pasted {
		// The link holds the secret: it has no business on the clipboard now.
		s.u.clipboard().SetContent("")
	}
}

// addAccounts adds accs to the vault, saves, and returns to the list with a
// notice. Accounts already there are skipped and counted.
func (u *UI) addAccounts(accs []core.Account) bool {
	// Document.Add refuses the one past core.MaxAccounts; asking first
	// keeps the others of this batch from staying in the document unsaved.
	if err := core.CheckAccountCount(len(u.vault.Doc.Accounts) + len(accs)); err != nil {
		u.showError("Could not add the accounts", err)
		return false
	}
	now := u.clock.Now()
	added, dup := 0, 0
	for _, a := range accs {
		_, err := u.vault.Doc.Add(a, now)
		switch {
		case errors.Is(err, vault.ErrDuplicate):
			dup++
		case err != nil:
			u.showError("Could not add "+describe(&a), err)
			return false
		default:
			added++
		}
	}
	// An add whose save failed left its accounts in the document: they
	// count as already there, but must reach the disk now.
	if (added > 0 || u.watch.unsaved) && !u.save() {
		return false
	}
	u.showList()
	msg := "Added " + plural(added, "account")
	if dup > 0 {
		msg += fmt.Sprintf(" (%d already there)", dup)
	}
	u.notice.show(msg, "", nil)
	return true
}

// offerClipboardURI offers to add a setup link found on the clipboard.
func (u *UI) offerClipboardURI() {
	text, ok := u.clipboardLink()
	if !ok || text == u.clip.offered {
		return
	}
	u.clip.offered = text
	u.notice.show("The clipboard holds a setup link.", "Add it", func() { u.showAdd(text) })
}

// clipboardLink is the clipboard's text when it holds setup links.
func (u *UI) clipboardLink() (string, bool) {
	text := u.clipboard().Content()
	return text, len(text) <= backup.MaxLinksText && core.IsSetupLink(text)
}
