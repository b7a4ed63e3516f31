package gui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

// accountsScreen is the main list: a search field, group and sort choices,
// and the accounts with their live codes.
type accountsScreen struct {
	u        *UI
	search   *searchEntry
	group    *widget.Select
	sortBy   *widget.Select
	list     *accountList
	rows     []*row // every row the list created; the ticker updates them
	order    []int  // indices into Doc.Accounts: favourites first, then by sort
	view     []int  // order, filtered by group and search
	revealed map[string]time.Time
	given    map[string]string // the last HOTP code this window gave, by account id
	fine     bool              // rings tick every second and show their seconds
	themeGen int               // the theme the screen was last refreshed for

	body    *fyne.Container
	empty   fyne.CanvasObject
	noMatch *widget.Label
	filters *fyne.Container
	top     *fyne.Container // the search field's row
	content fyne.CanvasObject
}

const allGroups = "All groups"

var sortLabels = map[string]string{sortName: "By name", sortManual: "Manual order", sortMostUsed: "Most used"}

func newAccountsScreen(u *UI) *accountsScreen {
	s := &accountsScreen{u: u, revealed: map[string]time.Time{}, given: map[string]string{}, fine: true, themeGen: u.themeGen}
	s.search = newSearchEntry(s)
	s.list = newAccountList(s)
	s.group = widget.NewSelect(nil, func(g string) {
		if g == allGroups {
			g = ""
		}
		if g != u.prefs.group {
			u.prefs.group = g
			u.prefs.save()
			s.refilter()
		}
	})
	s.sortBy = widget.NewSelect([]string{sortLabels[sortName], sortLabels[sortManual], sortLabels[sortMostUsed]}, func(l string) {
		for k, v := range sortLabels {
			if v == l && k != u.prefs.sort {
				u.prefs.sort = k
				u.prefs.save()
				s.rebuild()
			}
		}
	})
	s.sortBy.SetSelected(sortLabels[u.prefs.sort])

	add := &widget.Button{Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: func() { u.showAdd("") }}
	lock := widget.NewButtonWithIcon("", theme.NewThemedResource(lockIcon), u.lock)
	gear := widget.NewButtonWithIcon("", theme.SettingsIcon(), u.showSettings)
	s.top = container.NewBorder(nil, nil, nil, nil, s.search)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(add, lock, gear), s.top)
	s.filters = container.NewHBox(s.group, layout.NewSpacer(), s.sortBy)
	header := container.NewVBox(top, s.filters)

	s.empty = newEmptyState(u)
	s.noMatch = &widget.Label{Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	s.body = container.NewStack(s.list, s.empty, container.NewPadded(s.noMatch))
	s.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, s.body)
	return s
}

// accounts is the open vault's accounts.
func (s *accountsScreen) accounts() []core.Account { return s.u.vault.Doc.Accounts }

// rebuild recomputes the group choices and the sort order, then filters.
// It runs when accounts or the sort change, not on every keystroke.
func (s *accountsScreen) rebuild() {
	accs := s.accounts()
	groups := map[string]bool{}
	for i := range accs {
		for _, g := range accs[i].Groups {
			groups[g] = true
		}
	}
	s.group.Options = append([]string{allGroups}, slices.Sorted(maps.Keys(groups))...)
	if s.u.prefs.group != "" && !groups[s.u.prefs.group] {
		s.u.prefs.group = ""
	}
	s.group.Selected = allGroups
	if s.u.prefs.group != "" {
		s.group.Selected = s.u.prefs.group
	}
	s.group.Refresh()
	setVisible(s.group, len(groups) > 0)

	s.order = sortedOrder(accs, s.u.prefs.sort)
	s.refilter()
}

// sortedOrder is the display order: favourites first, then by name (issuer,
// then account name, ignoring case), vault order or most used.
func sortedOrder(accs []core.Account, by string) []int {
	order := make([]int, len(accs))
	keys := make([]string, len(accs))
	for i := range accs {
		order[i] = i
		if by == sortName {
			keys[i] = strings.ToLower(accs[i].Issuer + "\x00" + accs[i].Name)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := accs[a].Favorite, accs[b].Favorite
		if fa != fb {
			if fa {
				return -1
			}
			return 1
		}
		switch by {
		case sortName:
			return strings.Compare(keys[a], keys[b])
		case sortMostUsed:
			return accs[b].Uses - accs[a].Uses
		}
		return 0
	})
	return order
}

// refilter applies the group and the search text to the sorted order: the
// work of one keystroke.
func (s *accountsScreen) refilter() {
	accs := s.accounts()
	q, g := s.search.Text, s.u.prefs.group
	s.view = s.view[:0]
	for _, i := range s.order {
		a := &accs[i]
		if g != "" && !slices.Contains(a.Groups, g) {
			continue
		}
		if q != "" && !a.Matches(q) {
			continue
		}
		s.view = append(s.view, i)
	}
	s.list.Refresh()
	s.showBody()
}

func (s *accountsScreen) showBody() {
	n := len(s.accounts())
	// Show and Hide refresh only on a change; refreshing the whole body
	// would also redraw the empty page's icon on every keystroke.
	setVisible(s.list, len(s.view) > 0)
	setVisible(s.empty, n == 0)
	setVisible(s.filters, n > 0)
	setVisible(s.top, n > 0) // nothing to search; the empty page has the add buttons
	setVisible(s.noMatch, n > 0 && len(s.view) == 0)
	if s.noMatch.Visible() {
		s.noMatch.SetText(fmt.Sprintf("No account matches “%s”.", s.search.Text))
	}
}

func setVisible(o fyne.CanvasObject, on bool) {
	switch {
	case on && !o.Visible():
		o.Show()
	case !on && o.Visible():
		o.Hide()
	}
}

func (s *accountsScreen) focusList() {
	if len(s.view) > 0 {
		s.u.win.Canvas().Focus(s.list)
	}
}

// masked reports whether a's code is hidden (the "hide codes" setting)
// and not revealed by a click.
func (s *accountsScreen) masked(a *core.Account, now time.Time) bool {
	if !s.u.prefs.hideCodes {
		return false
	}
	until, ok := s.revealed[a.ID]
	return !ok || !now.Before(until)
}

// copyAt copies the code of the account shown at list position pos; with
// hidden codes the click also reveals it for a while.
func (s *accountsScreen) copyAt(pos int) {
	if pos < 0 || pos >= len(s.view) {
		return
	}
	i := s.view[pos]
	a := &s.accounts()[i]
	if !a.HasSecret() {
		s.u.showCodes(i, s.u.showList) // no code to copy: its recovery codes are what it has
		return
	}
	if a.Type == core.HOTP {
		s.nextHOTP(i) // a click asks for a code: a new one, as `lifeline code` gives
		return
	}
	s.u.activity()
	now := s.u.clock.Now()
	s.reveal(a, now)
	s.u.copyCode(a.Code(now))
	a.Uses++
	s.u.save()
}

// reveal shows a's code for a while when codes are hidden.
func (s *accountsScreen) reveal(a *core.Account, now time.Time) {
	if s.masked(a, now) {
		d := time.Duration(max(s.u.prefs.clipSeconds, defaultClipSeconds)) * time.Second
		s.revealed[a.ID] = now.Add(d)
		s.updateRows(now)
	}
}

// nextHOTP gives out HOTP account i's next code the way the CLI's `code`
// does (vault.Document.NextCode): its counter moves on and is saved, and
// only then is the code shown on the row and copied. A code is never given
// twice, even after a restart.
func (s *accountsScreen) nextHOTP(i int) {
	s.u.activity()
	now := s.u.clock.Now()
	id := s.accounts()[i].ID
	code, err := s.u.vault.Doc.NextCode(i, now)
	if err != nil {
		s.u.showError("Could not make the next code", err)
		return
	}
	if !s.u.save() {
		return
	}
	s.given[id] = code
	if j := s.u.vault.Doc.Index(id); j >= 0 {
		s.reveal(&s.accounts()[j], now)
	}
	s.u.copyCode(code)
	s.updateRows(now)
}

// updateRows brings every bound row to time now; it returns how many
// changed. This is the ticker's work.
func (s *accountsScreen) updateRows(now time.Time) int {
	n := 0
	for _, r := range s.rows {
		if a := r.account(); a != nil && r.update(a, now) {
			n++
		}
	}
	return n
}

func (s *accountsScreen) createRow() fyne.CanvasObject {
	r := newRow(s)
	s.rows = append(s.rows, r)
	return r
}

func (s *accountsScreen) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	if s.u.vault == nil || id >= len(s.view) {
		return // locking: the list may still refresh once on its way out
	}
	o.(*row).bind(s.view[id], s.u.clock.Now())
}

// newEmptyState is the page a new vault opens on: the three ways to add
// accounts, and the hint that files and QR images can be dropped.
func newEmptyState(u *UI) fyne.CanvasObject {
	intro := &widget.Label{Text: "Add the accounts whose sign-in codes you want at hand.", Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}

	way := func(icon fyne.Resource, label, detail string, tapped func()) fyne.CanvasObject {
		b := &widget.Button{Text: label, Icon: icon, Alignment: widget.ButtonAlignLeading, OnTapped: tapped}
		return container.NewVBox(b, hintText(detail, fyne.TextAlignLeading))
	}
	paste := way(theme.ContentPasteIcon(), "Paste a setup link",
		"An otpauth:// link, or a Google Authenticator export (otpauth-migration://).",
		func() { u.showAdd("") })
	manual := way(theme.DocumentCreateIcon(), "Type the secret key",
		"The key a site shows under “Can’t scan the QR code?”.",
		func() { u.showAddManual() })
	importApp := way(theme.DownloadIcon(), "Import from another app",
		"Aegis, 2FAS, andOTP, Authy, Bitwarden, FreeOTP and more.",
		u.showImportPicker)
	hint := hintText(droppable, fyne.TextAlignCenter)

	return centred(400, masthead(72, "No accounts yet", theme.SizeNameSubHeadingText, intro,
		widget.NewSeparator(), paste, manual, importApp, widget.NewSeparator(), hint)...)
}

// hintText is secondary text in the placeholder colour (readable,
// unlike the disabled colour of a low-importance Label), wrapped. Not in
// italics: each text style Fyne meets loads its own copy of the fonts,
// several megabytes each.
func hintText(text string, align fyne.TextAlign) *widget.RichText {
	t := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: align,
		ColorName: theme.ColorNamePlaceHolder,
	}})
	t.Wrapping = fyne.TextWrapWord
	return t
}
