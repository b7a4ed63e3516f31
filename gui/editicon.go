package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/services/icons"
	"github.com/lifelineauth/lifeline/core"
)

// The icon picker's first two choices; the rest are the icons' titles.
const (
	iconAutomatic = "Automatic"
	iconLetter    = "Letter"
)

// iconPicker is the edit screen's choice of picture: automatic (the
// site's icon, else the letter), the letter, or any brand icon, with a
// preview of what the row will show.
type iconPicker struct {
	choose  *widget.Select
	preview *canvas.Image
	plate   *canvas.Circle
	badge   *fyne.Container // plate and preview
	says    *widget.Label
	slugOf  map[string]string // title → slug
	titleOf map[string]string // slug → title
}

func newIconPicker(choice string, changed func()) *iconPicker {
	p := &iconPicker{slugOf: map[string]string{}, titleOf: map[string]string{}}
	options := []string{iconAutomatic, iconLetter}
	for _, ic := range icons.All() {
		options = append(options, ic.Title)
		p.slugOf[ic.Title], p.titleOf[ic.Slug] = ic.Slug, ic.Title
	}
	p.choose = widget.NewSelect(options, func(string) { changed() })
	p.preview = &canvas.Image{FillMode: canvas.ImageFillContain}
	p.preview.SetMinSize(fyne.NewSize(20, 20))
	p.plate = canvas.NewCircle(lightPlate)
	p.badge = container.NewStack(p.plate, container.NewPadded(p.preview))
	p.says = widget.NewLabel("")
	switch title, ok := p.titleOf[choice]; {
	case choice == core.IconLetter:
		p.choose.Selected = iconLetter
	case ok:
		p.choose.Selected = title
	default: // automatic, or an icon this build lacks
		p.choose.Selected = iconAutomatic
	}
	return p
}

// value is the choice as core.Account.Icon stores it.
func (p *iconPicker) value() string {
	switch p.choose.Selected {
	case iconAutomatic:
		return ""
	case iconLetter:
		return core.IconLetter
	}
	return p.slugOf[p.choose.Selected]
}

// show previews what account a (the form's values) will show.
func (p *iconPicker) show(a *core.Account) {
	p.says.SetText(icons.Describe(a))
	if ic, ok := icons.For(a); ok {
		p.preview.Resource = fyne.NewStaticResource("brand-"+ic.Slug+".svg", ic.SVG())
		p.plate.FillColor = plateFor(ic.Hex)
		p.badge.Show()
	} else {
		p.badge.Hide()
	}
	p.badge.Refresh()
}

func (p *iconPicker) object() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewHBox(p.badge, p.says), p.choose)
}
