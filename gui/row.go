package gui

import (
	"image/color"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

// Sizes of a row, in Fyne units.
const (
	rowHeight    = 64
	avatarSize   = 40
	ringSize     = 30
	codeTextSize = 24
	// codesOnlyTextSize is the unused count of a recovery-codes-only entry,
	// where the code would be.
	codesOnlyTextSize = 16
	nextTextSize      = 13
	issuerTextSize    = 15
	nameTextSize      = 13
	warnSeconds       = 5 // the countdown turns to the warning colour, the next code shows
)

// row shows one account: avatar, issuer and name, the code, and either a
// countdown ring (time-based) or a "next code" button (HOTP). The list
// binds it to an account; the ticker updates only what changed.
type row struct {
	widget.BaseWidget
	s *accountsScreen

	idx int    // index into Doc.Accounts; -1 while unbound
	id  string // that account's ID, to notice a stale binding

	// What is on screen, so a tick can tell what changed.
	step     int64 // time step (or HOTP counter) of the code shown
	secs     int   // seconds shown in the ring
	warn     bool
	masked   bool
	hasRing  bool
	fine     bool // seconds shown
	themeGen int

	hover      *canvas.Rectangle
	avatarBg   *canvas.Circle
	avatarText *canvas.Text
	avatarIcon *canvas.Image // the brand icon, when the account has one
	iconSlug   string        // which one it shows
	star       *widget.Icon
	issuer     *canvas.Text
	name       *canvas.Text
	title, sub string       // issuer and name before ellipsizing
	codes      *canvas.Text // "15 of 16 codes left" beside the name; "" without recovery codes
	codesLow   bool         // at most core.LowRecoveryCodes left: the warning colour
	rr         *rowRenderer
	code       *canvas.Text
	next       *canvas.Text
	ringBg     *canvas.Arc
	ring       *canvas.Arc
	secsText   *canvas.Text
	nextBtn    *widget.Button
	menuBtn    *widget.Button
}

func newRow(s *accountsScreen) *row {
	r := &row{s: s, idx: -1, themeGen: s.u.themeGen}
	r.hover = canvas.NewRectangle(color.Transparent)
	r.hover.Hide()
	r.avatarBg = canvas.NewCircle(color.Gray{Y: 128})
	r.avatarText = &canvas.Text{Color: color.White, TextSize: 18, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}
	r.avatarIcon = &canvas.Image{FillMode: canvas.ImageFillContain}
	r.avatarIcon.Hide()
	r.star = widget.NewIcon(theme.NewColoredResource(starIcon, theme.ColorNameWarning))
	r.issuer = &canvas.Text{TextSize: issuerTextSize, TextStyle: fyne.TextStyle{Bold: true}}
	r.name = &canvas.Text{TextSize: nameTextSize}
	r.codes = &canvas.Text{TextSize: nameTextSize}
	r.code = &canvas.Text{TextSize: codeTextSize, TextStyle: fyne.TextStyle{Bold: true}} // Noto Sans digits are tabular
	r.next = &canvas.Text{TextSize: nextTextSize}
	r.ringBg = canvas.NewArc(0, 360, 0.78, color.Gray{Y: 200})
	r.ring = canvas.NewArc(0, 360, 0.78, color.Gray{Y: 100})
	r.secsText = &canvas.Text{TextSize: 11, Alignment: fyne.TextAlignCenter}
	r.nextBtn = &widget.Button{Text: "Next code", Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: r.onNext}
	r.menuBtn = &widget.Button{Icon: theme.MoreVerticalIcon(), Importance: widget.LowImportance, OnTapped: r.onMenu}
	r.ExtendBaseWidget(r)
	r.applyTheme()
	return r
}

func (r *row) CreateRenderer() fyne.WidgetRenderer {
	r.rr = &rowRenderer{r: r, objs: []fyne.CanvasObject{
		r.hover, r.avatarBg, r.avatarText, r.avatarIcon, r.star, r.issuer, r.name, r.codes, r.next, r.code,
		r.ringBg, r.ring, r.secsText, r.nextBtn, r.menuBtn,
	}}
	return r.rr
}

// account is the bound account, or nil when the binding went stale.
func (r *row) account() *core.Account {
	if r.s.u.vault == nil {
		return nil
	}
	accs := r.s.u.vault.Doc.Accounts
	if r.idx < 0 || r.idx >= len(accs) || accs[r.idx].ID != r.id {
		return nil
	}
	return &accs[r.idx]
}

// bind shows account idx (the list reuses rows as it scrolls).
func (r *row) bind(idx int, now time.Time) {
	a := &r.s.u.vault.Doc.Accounts[idx]
	r.idx, r.id = idx, a.ID
	title, sub := a.Issuer, a.Name
	if title == "" {
		title, sub = a.Name, ""
	}
	r.title, r.sub = title, sub
	r.codes.Text = ""
	if left, total := a.RecoveryCodesLeft(); total > 0 {
		r.codes.Text = strconv.Itoa(left) + " of " + strconv.Itoa(total) + " codes left"
	}
	if low := a.RecoveryCodesLow(); low != r.codesLow {
		r.codesLow = low
		r.applyCodesColor()
	}
	r.codes.Refresh()
	setVisible(r.star, a.Favorite)
	r.bindAvatar(a, title)
	r.hasRing = a.Type != core.HOTP && a.HasSecret()
	r.code.TextSize = codeTextSize
	if !a.HasSecret() {
		r.code.TextSize = codesOnlyTextSize // a count, not a code to read out
	}
	for _, o := range []fyne.CanvasObject{r.ring, r.ringBg} {
		setVisible(o, r.hasRing)
	}
	r.fine = r.hasRing && r.s.fine
	setVisible(r.secsText, r.fine)
	setVisible(r.nextBtn, !r.hasRing && a.HasSecret())
	r.step, r.secs = -1, -1
	r.update(a, now) // lays out and refreshes the texts
	if r.themeGen != r.s.u.themeGen {
		r.themeGen = r.s.u.themeGen
		r.Refresh() // colours of the theme chosen while the list was hidden
	}
}

// bindAvatar shows the account's brand icon on its plate, or its letter
// on a colour of its own.
func (r *row) bindAvatar(a *core.Account, title string) {
	b := r.s.u.avatars.of(a)
	if b == nil {
		r.iconSlug = ""
		r.avatarText.Text = initial(title)
		r.avatarBg.FillColor = avatarColor(title)
	} else {
		r.avatarBg.FillColor = b.plate
		r.iconSlug = b.slug
		if r.avatarIcon.Image != b.img {
			r.avatarIcon.Image = b.img
			r.avatarIcon.Refresh()
		}
	}
	setVisible(r.avatarText, b == nil)
	setVisible(r.avatarIcon, b != nil)
	r.avatarBg.Refresh()
	if b == nil {
		r.avatarText.Refresh()
	}
}

// update brings code and countdown to time now and refreshes only the
// objects that changed; it reports whether anything did.
func (r *row) update(a *core.Account, now time.Time) bool {
	if !a.HasSecret() {
		return r.updateCodesOnly(a)
	}
	masked := r.s.masked(a, now)
	step, secs := int64(a.Counter), 0
	if a.Type != core.HOTP && a.Period > 0 {
		step = now.Unix() / int64(a.Period)
		secs = int(math.Ceil(a.Remaining(now).Seconds()))
	}
	warn := r.hasRing && secs <= warnSeconds
	changed := false
	if step != r.step || masked != r.masked || warn != r.warn {
		r.step, r.masked = step, masked
		given, ok := r.s.given[a.ID]
		switch {
		case masked, a.Type == core.HOTP && !ok:
			r.code.Text = maskCode(a) // an HOTP code shows once given
		case a.Type == core.HOTP:
			r.code.Text = groupCode(given, a.Type)
		default:
			r.code.Text = groupCode(a.Code(now), a.Type)
		}
		r.next.Text = ""
		if a.Type == core.HOTP {
			r.next.Text = "counter " + strconv.FormatUint(a.Counter, 10)
		}
		if warn && !masked {
			r.next.Text = "next " + groupCode(a.Code(now.Add(a.Remaining(now))), a.Type)
		}
		if r.rr != nil {
			// The next code appearing moves the labels' ellipsis.
			r.rr.Layout(r.Size())
		}
		r.code.Refresh()
		r.next.Refresh()
		r.issuer.Refresh()
		r.name.Refresh()
		changed = true
	}
	if fine := r.s.fine; fine != r.fine && r.hasRing {
		r.fine = fine
		setVisible(r.secsText, fine)
		changed = true
	}
	if secs != r.secs || warn != r.warn {
		r.secs, r.warn = secs, warn
		if r.hasRing {
			r.ring.EndAngle = 360 * float32(a.Remaining(now).Seconds()) / float32(a.Period)
			r.secsText.Text = strconv.Itoa(secs)
			r.applyRingColor()
			r.ring.Refresh()
			r.secsText.Refresh()
		}
		changed = true
	}
	return changed
}

// updateCodesOnly shows an entry that keeps only recovery codes: its
// unused count where the code would be, and no countdown.
func (r *row) updateCodesOnly(a *core.Account) bool {
	text := codesOnlyText(a)
	if text == r.code.Text && r.next.Text == "" {
		return false
	}
	r.code.Text, r.next.Text = text, ""
	if r.rr != nil {
		r.rr.Layout(r.Size())
	}
	r.code.Refresh()
	r.next.Refresh()
	return true
}

// The row takes the pointer's hover from the list item (the deepest
// hoverable gets it) to learn that someone is looking: the ticker then
// shows seconds. It draws the hover highlight itself in exchange.
var _ desktop.Hoverable = (*row)(nil)

func (r *row) MouseIn(*desktop.MouseEvent) {
	r.hover.Show()
	r.s.u.activity()
}

func (r *row) MouseMoved(*desktop.MouseEvent) { r.s.u.activity() }

func (r *row) MouseOut() { r.hover.Hide() }

func (r *row) applyTheme() {
	r.hover.FillColor = theme.Color(theme.ColorNameHover)
	r.hover.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
	r.code.Color = theme.Color(theme.ColorNameForeground)
	r.issuer.Color = theme.Color(theme.ColorNameForeground)
	r.name.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.next.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.ringBg.FillColor = theme.Color(theme.ColorNameSeparator)
	r.secsText.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.applyRingColor()
	r.applyCodesColor()
}

func (r *row) applyCodesColor() {
	if r.codesLow {
		r.codes.Color = theme.Color(theme.ColorNameWarning)
	} else {
		r.codes.Color = theme.Color(theme.ColorNamePlaceHolder)
	}
}

func (r *row) applyRingColor() {
	if r.warn {
		r.ring.FillColor = theme.Color(theme.ColorNameWarning)
	} else {
		r.ring.FillColor = theme.Color(theme.ColorNamePrimary)
	}
}

func (r *row) onNext() {
	if a := r.account(); a != nil {
		r.s.nextHOTP(r.idx)
	}
}

func (r *row) onMenu() {
	if r.account() == nil {
		return
	}
	r.s.showRowMenu(r.idx, r.menuBtn)
}
