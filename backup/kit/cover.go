package kit

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// KeyQRText is what the recovery key's QR code holds: the key in its
// grouped form after the upper-cased prefix. ParseRecoveryKey (used by
// --recovery-key-file and the window's key field) takes it as it is, the
// prefix says what it is to whoever scans it with a phone, and upper case
// lets the QR code use its compact alphanumeric mode.
func KeyQRText(rk vault.RecoveryKey) string {
	return strings.ToUpper(vault.RecoveryKeyPrefix) + rk.Reveal()
}

// cover draws page 1: what this is, the vault, the key, how to restore.
func (d *document) cover(doc *vault.Document, rk vault.RecoveryKey, opt Options) {
	d.pdf.AddPage()
	d.title("Lifeline Recovery Kit", "Your way back in if this computer or your password is lost. Keep it private, on paper.")
	created := ""
	if doc.Keys != nil && !doc.Keys.RecoveryKeyCreated.IsZero() {
		created = dateTime(doc.Keys.RecoveryKeyCreated)
	}
	d.facts([][2]string{
		{"Vault ID", core.GroupFours(doc.VaultID)},
		{"Kit made", dateTime(d.meta.Created)},
		{"Kit serial", d.meta.Serial},
		{"Checksum", d.meta.Checksum},
		{"Accounts", accountCount(doc, d.meta.Accounts)},
		{"Recovery key made", created},
	})
	d.keyPanel(rk)

	d.heading("If you lose this computer")
	d.steps(RestoreSteps, 9.5)
	tail := "No backup file at all? Sign in to each site with one of its recovery codes listed in this kit, then set up two-factor again."
	if opt.Paper {
		tail = "No backup file at all? Re-enrol every account from the paper backup at the end of this kit, or sign in to each site with one of its recovery codes."
	}
	d.para(d.left, d.width, tail, 9, muted)
	d.copies(opt.Copies)

	d.heading("Reading your data without Lifeline")
	d.para(d.left, d.width, "The vault and its backups are standard age files (age-encryption.org). Their format, and how the recovery key becomes an age identity, is documented in docs/FORMAT.md of Lifeline's source:", 9.5, ink)
	d.font(mono, "", 8.5, accent)
	d.pdf.SetX(d.left)
	d.multi(d.width, 4.6, FormatURL)
}

// copies lists where the backups off this computer are, or warns, in
// bold, that there is none.
func (d *document) copies(cs []Copy) {
	d.heading("Where your backups are")
	if len(cs) == 0 {
		// In bold red, without the paper pages' panel: page 1 must keep
		// all of its sections on Letter too.
		d.font(sans, "B", 9, danger)
		d.pdf.SetX(d.left)
		d.multi(d.width, 4.5, NoCopyWarning)
		return
	}
	for _, c := range cs {
		d.font(mono, "", 8.5, ink)
		d.pdf.SetX(d.left)
		d.multi(d.width, 4.2, c.Path)
		d.para(d.left, d.width, c.What, 8, muted)
		d.pdf.SetY(d.pdf.GetY() + 0.8)
	}
}

// title draws the page heading with the app icon.
func (d *document) title(head, sub string) {
	y := d.margin
	d.pdf.ImageOptions("icon", d.left, y, 14, 14, false, fpdf.ImageOptions{}, 0, "")
	d.font(sans, "B", 21, ink)
	d.text(d.left+18, y+7.5, head)
	d.font(sans, "", 9.5, muted)
	d.text(d.left+18, y+13, sub)
	d.line(d.left, y+19, d.right, y+19, accent, 0.6)
	d.pdf.SetY(y + 23)
}

// facts lays out label/value pairs in two columns.
func (d *document) facts(pairs [][2]string) {
	const cols, rowH = 2, 10.5
	colW := d.width / cols
	y0 := d.pdf.GetY()
	for i, p := range pairs {
		x := d.left + float64(i%cols)*colW
		y := y0 + float64(i/cols)*rowH
		d.font(sans, "B", 7, muted)
		d.text(x, y+3, strings.ToUpper(p[0]))
		value := p[1]
		if value == "" {
			value = "—"
		}
		d.font(sans, "", 9.5, ink)
		if p[0] == "Vault ID" || p[0] == "Kit serial" || p[0] == "Checksum" {
			d.font(mono, "", 9, ink)
		}
		d.text(x, y+7.8, value)
	}
	rows := (len(pairs) + cols - 1) / cols
	d.pdf.SetY(y0 + float64(rows)*rowH + 3)
}

// keyPanel draws the recovery key, large and grouped, beside its QR code.
func (d *document) keyPanel(rk vault.RecoveryKey) {
	const h, qrSide, pad = 64.0, 46.0, 6.0
	y := d.pdf.GetY()
	d.box(d.left, y, d.width, h, tint, accent)
	d.font(sans, "B", 8, accent)
	d.text(d.left+pad, y+pad+3, "YOUR RECOVERY KEY")

	groups := strings.Split(rk.Reveal(), "-")
	half := len(groups) / 2
	d.font(mono, "", 21, ink)
	d.text(d.left+pad, y+pad+15, strings.Join(groups[:half], "-"))
	d.text(d.left+pad, y+pad+25.5, strings.Join(groups[half:], "-"))

	textW := d.width - qrSide - 3*pad
	d.pdf.SetY(y + pad + 31)
	d.para(d.left+pad, textW, "It opens this vault and every backup of it, even without your password. Anyone who has it can read all your accounts: keep it as safe as your passport. When the key is replaced, print a new kit and destroy this one.", 8.5, muted)

	// The QR code on a white card, so its quiet zone is white on the tint.
	qx, qy := d.right-pad-qrSide, y+(h-qrSide)/2-2
	d.fill(qx, qy, qrSide, qrSide, white)
	if err := d.qr(qx, qy, qrSide, KeyQRText(rk), qrcode.High); err != nil {
		d.fail(err) // 61 characters always fit: a bug, not a person's data
	}
	d.font(sans, "", 7, muted)
	caption := "Scan to enter the key"
	d.text(qx+(qrSide-d.strWidth(caption))/2, qy+qrSide+4.5, caption)
	d.pdf.SetY(y + h + 3)
}

func accountCount(doc *vault.Document, n int) string {
	withCodes := 0
	for i := range doc.Accounts {
		if len(doc.Accounts[i].RecoveryCodes) > 0 {
			withCodes++
		}
	}
	return fmt.Sprintf("%d (%d with recovery codes)", n, withCodes)
}
