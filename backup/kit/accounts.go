package kit

import (
	"fmt"
	"math"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Geometry of the code grid, in millimetres.
const (
	codeSize = 10.0 // points, monospace
	rowH     = 6.4
	boxSide  = 3.4
	colGap   = 7.0
)

// sheetHeader starts a kit of chosen accounts: no recovery key on it.
func (d *document) sheetHeader(doc *vault.Document, accounts []core.Account) {
	d.pdf.AddPage()
	what := "Recovery codes"
	if len(accounts) == 1 {
		head, _ := title(&accounts[0])
		what = "Recovery codes for " + head
	}
	d.title(what, "Printed from Lifeline. Keep this sheet private: each unused code signs in once, without your phone.")
	d.facts([][2]string{
		{"Vault ID", core.GroupFours(doc.VaultID)},
		{"Printed", dateTime(d.meta.Created)},
		{"Sheet serial", d.meta.Serial},
		{"Checksum", d.meta.Checksum},
	})
	d.para(d.left, d.width, "This sheet holds no recovery key. The full Recovery Kit, with the key that opens your vault and its backups, is a separate document.", 8.5, muted)
	d.pdf.SetY(d.pdf.GetY() + 2)
}

// accounts lists every account with its codes as tick boxes. A used code is
// struck through with the date it was used.
func (d *document) accounts(accounts []core.Account, partial bool) {
	if !partial {
		d.pdf.AddPage()
		d.pdf.SetY(d.margin)
	}
	d.heading("Accounts and recovery codes")
	d.para(d.left, d.width, "Each code signs in once when the phone or this computer is gone. Tick a code when you use it; codes already used are struck through, with the date. When few are left, generate new ones at the site and add them to Lifeline.", 9, muted)
	d.pdf.SetY(d.pdf.GetY() + 2)
	if len(accounts) == 0 {
		d.para(d.left, d.width, "The vault has no accounts yet.", 9.5, ink)
	}
	for i := range accounts {
		d.account(&accounts[i])
	}
}

func (d *document) account(a *core.Account) {
	cols, colW := d.codeColumns(a)
	rows := int(math.Ceil(float64(len(a.RecoveryCodes)) / float64(cols)))
	const headH = 12.5
	// Keep the heading with its first rows; a long list may then break.
	d.need(headH + float64(min(rows, 3))*rowH + 4)
	y := d.pdf.GetY()

	head, sub := title(a)
	d.font(sans, "B", 11.5, ink)
	head = d.fit(head, d.width*0.6)
	d.text(d.left, y+4.5, head)
	if sub != "" {
		x := d.left + d.strWidth(head) + 3
		d.font(sans, "", 10, muted)
		d.text(x, y+4.5, d.fit(sub, d.right-x))
	}
	d.font(sans, "", 8, muted)
	d.text(d.left, y+9.2, params(a))
	if s := a.RecoveryCodesSummary(); s != "" {
		c := muted
		if a.RecoveryCodesLow() {
			c, s = danger, s+" — generate new ones at the site"
		}
		d.font(sans, "B", 8, c)
		d.text(d.right-d.strWidth(s), y+9.2, s)
	}
	y += headH
	if len(a.RecoveryCodes) == 0 {
		d.font(sans, "", 8.5, faint)
		d.text(d.left, y+2, "No recovery codes saved.")
		y += 4
	}
	for r := range rows {
		if y+rowH > d.bottom {
			d.pdf.AddPage()
			y = d.pdf.GetY()
		}
		for c := range cols {
			// Codes run down each column, as sites list them.
			i := c*rows + r
			if i < len(a.RecoveryCodes) {
				d.code(d.left+float64(c)*colW, y, a.RecoveryCodes[i])
			}
		}
		y += rowH
	}
	d.line(d.left, y+2, d.right, y+2, rule, 0.2)
	d.pdf.SetY(y + 5)
}

// codeColumns fits as many columns of codes as the widest one allows.
func (d *document) codeColumns(a *core.Account) (cols int, colW float64) {
	d.font(mono, "", codeSize, ink)
	widest := 0.0
	for _, c := range a.RecoveryCodes {
		widest = max(widest, d.strWidth(string(c.Code)))
	}
	d.font(sans, "", 7, ink)
	used := d.strWidth("  used 2025-12-31")
	colW = boxSide + 2.5 + widest + used + colGap
	cols = max(1, min(4, int(d.width/colW)))
	return cols, d.width / float64(cols)
}

// code draws one code: a tick box, the code, and for a used one a stroke
// through it, a tick in the box and the date.
func (d *document) code(x, y float64, c core.RecoveryCode) {
	by := y + (rowH-boxSide)/2 - 0.6
	d.pdf.SetDrawColor(muted.r, muted.g, muted.b)
	d.pdf.SetLineWidth(0.25)
	d.pdf.Rect(x, by, boxSide, boxSide, "D")
	tx, base := x+boxSide+2.5, y+rowH/2+1.1
	if c.UsedAt == nil {
		d.font(mono, "", codeSize, ink)
		d.text(tx, base, string(c.Code))
		return
	}
	d.line(x+0.7, by+boxSide*0.55, x+boxSide*0.42, by+boxSide-0.7, accent, 0.45)
	d.line(x+boxSide*0.42, by+boxSide-0.7, x+boxSide-0.5, by+0.5, accent, 0.45)
	d.font(mono, "", codeSize, faint)
	d.text(tx, base, string(c.Code))
	w := d.strWidth(string(c.Code))
	d.line(tx-0.5, base-1.2, tx+w+0.5, base-1.2, muted, 0.3)
	d.font(sans, "", 7, muted)
	d.text(tx+w+1.5, base, fmt.Sprintf("used %s", date(*c.UsedAt)))
}
