package kit

import (
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/lifelineauth/lifeline/core"
)

// Geometry of the paper backup, in millimetres: two columns of cards, each
// an otpauth QR code beside the account's details and grouped secret.
const (
	cardQR  = 38.0
	cardGap = 6.0
)

// paper adds the paper backup: for each account, its otpauth:// QR code
// (core.FormatURI, which any authenticator app scans) and its secret as
// grouped Base32, so it can be typed in where no camera is at hand. In a
// full kit it starts on its own page, so those pages can be kept apart.
func (d *document) paper(accounts []core.Account, partial bool) {
	if !partial {
		d.pdf.AddPage()
	}
	d.heading("Paper backup of your secrets")
	d.warning(PaperWarning)
	d.para(d.left, d.width, "To re-enrol an account, scan its code with any authenticator app, or type its secret (spaces do not matter) with the type and parameters shown.", 9, muted)
	d.pdf.SetY(d.pdf.GetY() + 3)

	colW := (d.width - cardGap) / 2
	for i := 0; i < len(accounts); i += 2 {
		h := d.cardHeight(&accounts[i], colW)
		if i+1 < len(accounts) {
			h = max(h, d.cardHeight(&accounts[i+1], colW))
		}
		d.need(h)
		y := d.pdf.GetY()
		d.card(d.left, y, colW, &accounts[i])
		if i+1 < len(accounts) {
			d.card(d.left+colW+cardGap, y, colW, &accounts[i+1])
		}
		d.line(d.left, y+h-2.5, d.right, y+h-2.5, rule, 0.2)
		d.pdf.SetY(y + h)
	}
}

// warning draws text in a red-bordered panel across the page.
func (d *document) warning(text string) {
	const pad = 4.0
	h := d.paraHeight(d.width-2*pad-6, text, "B", 9) + 2*pad
	d.need(h + 4)
	y := d.pdf.GetY()
	d.box(d.left, y, d.width, h, dangerBg, danger)
	d.font(sans, "B", 14, danger)
	d.text(d.left+pad, y+pad+4.2, "!")
	d.pdf.SetY(y + pad)
	d.font(sans, "B", 9, danger)
	d.pdf.SetX(d.left + pad + 6)
	d.multi(d.width-2*pad-6, 4.5, text)
	d.pdf.SetY(y + h + 4)
}

// cardText is the text beside a card's QR code, as lines of (font, text).
func cardText(a *core.Account) [][2]string {
	head, sub := title(a)
	lines := [][2]string{{"head", clip(head)}}
	if sub != "" {
		lines = append(lines, [2]string{"sub", clip(sub)})
	}
	lines = append(lines, [2]string{"small", params(a)}, [2]string{"label", "SECRET (BASE32)"})
	lines = append(lines, [2]string{"secret", fourGroupsALine(a.Secret.Grouped())})
	if a.PIN != "" {
		lines = append(lines, [2]string{"label", "PIN"}, [2]string{"secret", string(a.PIN)})
	}
	return lines
}

// clip keeps a card's labels to a few lines; the QR code holds them whole.
func clip(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

// fourGroupsALine breaks a grouped secret after every fourth group, so
// long secrets read as a tidy block.
func fourGroupsALine(grouped string) string {
	g := strings.Fields(grouped)
	var lines []string
	for i := 0; i < len(g); i += 4 {
		lines = append(lines, strings.Join(g[i:min(i+4, len(g))], " "))
	}
	return strings.Join(lines, "\n")
}

var cardFonts = map[string]struct {
	family, style string
	size, lineH   float64
}{
	"head":   {sans, "B", 10.5, 5},
	"sub":    {sans, "", 9, 4.4},
	"small":  {sans, "", 7.5, 4},
	"label":  {sans, "B", 6.5, 4.6},
	"secret": {mono, "", 8.5, 4.2},
}

// cardHeight is the height of an account's card, colW wide.
func (d *document) cardHeight(a *core.Account, colW float64) float64 {
	textW := colW - cardQR - 2
	h := 2.0
	for _, l := range cardText(a) {
		f := cardFonts[l[0]]
		d.font(f.family, f.style, f.size, ink)
		h += float64(d.lines(textW, l[1])) * f.lineH
	}
	return max(h, cardQR) + 5
}

func (d *document) card(x, y, colW float64, a *core.Account) {
	if d.qr(x, y, cardQR, core.FormatURI(a), qrcode.Medium) != nil {
		// Only a label of thousands of characters overflows a QR code;
		// the secret below still re-enrols the account by hand.
		d.box(x+3, y+3, cardQR-6, cardQR-6, white, faint)
		d.font(sans, "", 7, muted)
		d.pdf.SetXY(x+5, y+cardQR/2-4)
		d.multi(cardQR-10, 3.5, "Too long for a QR code: type the secret.")
	}
	tx, textW := x+cardQR+2, colW-cardQR-2
	d.pdf.SetY(y + 3)
	for _, l := range cardText(a) {
		f := cardFonts[l[0]]
		c := ink
		switch l[0] {
		case "sub", "small":
			c = muted
		case "label":
			c = accent
			d.pdf.SetY(d.pdf.GetY() + 0.8)
		}
		d.font(f.family, f.style, f.size, c)
		d.pdf.SetX(tx)
		d.multi(textW, f.lineH, l[1])
	}
}
