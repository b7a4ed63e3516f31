package gui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

// showRowMenu is the ⋮ menu of the account at Doc.Accounts[i].
func (s *accountsScreen) showRowMenu(i int, at fyne.CanvasObject) {
	s.u.activity()
	a := &s.accounts()[i]
	id := a.ID
	fav := "Add to favourites"
	if a.Favorite {
		fav = "Remove from favourites"
	}
	// Handlers look the account up again by ID: the menu may outlive an
	// edit that moved it in the slice.
	with := func(f func(i int)) func() {
		return func() {
			if s.u.vault == nil {
				return
			}
			if j := s.u.vault.Doc.Index(id); j >= 0 {
				f(j)
			}
		}
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Copy code", with(func(j int) { s.copyAt(slices.Index(s.view, j)) })),
		fyne.NewMenuItem("Edit…", with(func(j int) { s.u.showEdit(j, s.u.showList) })),
		fyne.NewMenuItem("Details and QR code…", with(s.u.showDetails)),
		fyne.NewMenuItem("Recovery codes…", with(func(j int) { s.u.showCodes(j, s.u.showList) })),
		fyne.NewMenuItem(fav, with(s.toggleFavourite)),
	}
	if !a.HasSecret() { // recovery codes only: no code, no QR code
		items[2].Label = "Details…"
		items = items[1:]
	}
	if s.u.prefs.sort == sortManual {
		items = append(items,
			fyne.NewMenuItem("Move up", with(func(j int) { s.move(j, -1) })),
			fyne.NewMenuItem("Move down", with(func(j int) { s.move(j, +1) })))
	}
	del := fyne.NewMenuItem("Delete…", with(s.confirmDelete))
	items = append(items, fyne.NewMenuItemSeparator(), del)
	// Open below the button, right-aligned with it: the button sits at the
	// window's right edge.
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), s.u.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at)
	pos = pos.Add(fyne.NewPos(at.Size().Width-m.MinSize().Width, at.Size().Height))
	m.ShowAtPosition(pos)
}

func (s *accountsScreen) toggleFavourite(i int) {
	a := &s.accounts()[i]
	a.Favorite = !a.Favorite
	s.u.vault.Doc.Touch(i, s.u.clock.Now())
	s.u.save()
	s.rebuild()
}

// move swaps the account with its neighbour in the list as shown (manual
// order is the vault's order).
func (s *accountsScreen) move(i, dir int) {
	p := slices.Index(s.view, i)
	q := p + dir
	if p < 0 || q < 0 || q >= len(s.view) {
		return
	}
	j := s.view[q]
	accs := s.accounts()
	accs[i], accs[j] = accs[j], accs[i]
	s.u.save()
	s.rebuild()
	s.list.focus = q
	s.list.ScrollTo(q)
}

// confirmDelete asks first, then deletes with an Undo notice.
func (s *accountsScreen) confirmDelete(i int) {
	a := s.accounts()[i]
	label := a.Issuer
	if a.Name != "" {
		label = fmt.Sprintf("%s (%s)", a.Issuer, a.Name)
	}
	d := dialog.NewConfirm("Delete "+label+"?",
		"Lifeline will stop showing its codes. Before you delete it, make sure you can still sign in to "+
			nonEmpty(a.Issuer, "the site")+" — turn two-factor off there first, or move it to another device.",
		func(ok bool) {
			if ok {
				s.delete(a.ID)
			}
		}, s.u.win)
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	s.u.trackDialog(d).Show()
}

func (s *accountsScreen) delete(id string) {
	doc := s.u.vault.Doc
	at := doc.Index(id)
	if at < 0 {
		return
	}
	old := doc.Accounts[at].Clone()
	now := s.u.clock.Now()
	if err := doc.Remove(id, now); err != nil {
		s.u.showError("Could not delete the account", err)
		return
	}
	if !s.u.save() {
		return
	}
	s.rebuild()
	s.u.notice.show("Deleted "+nonEmpty(old.Issuer, old.Name), "Undo", func() { s.undoDelete(old, at) })
}

// undoDelete puts the account back where it was, as it was.
func (s *accountsScreen) undoDelete(old core.Account, at int) {
	if s.u.vault == nil {
		return
	}
	if err := s.u.vault.Doc.Undelete(old, at, s.u.clock.Now()); err != nil {
		s.u.showError("Could not bring the account back", err)
		return
	}
	s.u.save()
	s.rebuild()
}

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
