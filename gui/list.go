package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// accountList is widget.List (virtualised: it only creates the rows that
// fit on screen) with the keys Lifeline needs: Enter copies the focused
// row, typing goes to the search field, Esc clears the search.
type accountList struct {
	widget.List
	s     *accountsScreen
	focus int // mirrors the List's private keyboard focus
}

func newAccountList(s *accountsScreen) *accountList {
	l := &accountList{s: s}
	l.Length = func() int { return len(s.view) }
	l.CreateItem = s.createRow
	l.UpdateItem = s.updateItem
	l.OnSelected = func(id widget.ListItemID) {
		l.focus = id
		s.copyAt(id)
		// Unselect at once, so clicking the same row again copies again.
		l.Unselect(id)
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *accountList) TypedKey(ev *fyne.KeyEvent) {
	l.s.u.activity()
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.s.copyAt(l.focus)
		return
	case fyne.KeyEscape:
		l.s.clearSearch()
		return
	case fyne.KeyDown:
		if l.focus < len(l.s.view)-1 {
			l.focus++
		}
	case fyne.KeyUp:
		if l.focus == 0 {
			l.s.focusSearch()
			return
		}
		l.focus--
	case fyne.KeyBackspace:
		l.s.focusSearch()
		l.s.search.TypedKey(ev)
		return
	}
	l.List.TypedKey(ev)
}

// TypedRune starts a search: "just start typing".
func (l *accountList) TypedRune(r rune) {
	l.s.focusSearch()
	l.s.search.TypedRune(r)
}

func (l *accountList) FocusGained() {
	if l.focus >= len(l.s.view) {
		l.focus = 0
	}
	l.List.FocusGained()
}

// searchEntry is the search field: it filters as you type, Esc clears it,
// and Down moves to the list. (The window's shortcuts work here because
// they are in the main menu: shortcuts.go.)
type searchEntry struct {
	widget.Entry
	s *accountsScreen
}

func newSearchEntry(s *accountsScreen) *searchEntry {
	e := &searchEntry{s: s}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search  (Ctrl+F)")
	e.ActionItem = widget.NewIcon(theme.SearchIcon())
	e.OnChanged = func(string) {
		s.u.activity()
		s.refilter()
	}
	e.OnSubmitted = func(string) {
		// Enter in the search copies the first match: find and go.
		if len(s.view) > 0 {
			s.copyAt(0)
		}
	}
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		e.s.clearSearch()
		return
	case fyne.KeyDown:
		e.s.list.focus = 0
		e.s.focusList()
		return
	}
	e.Entry.TypedKey(ev)
}

func (s *accountsScreen) focusSearch() {
	s.u.win.Canvas().Focus(s.search)
}

func (s *accountsScreen) clearSearch() {
	if s.search.Text != "" {
		s.search.SetText("")
	}
	s.focusList()
}
