package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

// addCodesForm is "Add recovery codes only": an entry for a site whose 2FA
// lives elsewhere (a security key, another app) but whose recovery codes
// belong with the rest. It has no secret, so it shows its unused count
// instead of a code.
type addCodesForm struct {
	u            *UI
	issuer, name *widget.Entry
	codes        *widget.Entry
}

func (u *UI) askAddCodesOnly() {
	if u.vault == nil {
		return
	}
	u.activity()
	f := &addCodesForm{u: u, issuer: widget.NewEntry(), name: widget.NewEntry(), codes: widget.NewMultiLineEntry()}
	f.issuer.SetPlaceHolder("Site, e.g. Bank of Example")
	f.name.SetPlaceHolder("Account, e.g. alice@example.com")
	f.codes.SetPlaceHolder("Paste the codes as the site shows them")
	f.codes.SetMinRowsVisible(5)
	f.codes.TextStyle = fyne.TextStyle{Monospace: true}
	items := []*widget.FormItem{
		widget.NewFormItem("Issuer", f.issuer),
		widget.NewFormItem("Account", f.name),
		widget.NewFormItem("Recovery codes", f.codes),
	}
	d := dialog.NewForm("Add recovery codes only", "Add", "Cancel", items, f.onAdd, u.win)
	d.Resize(fyne.NewSize(460, 0))
	u.trackDialog(d).Show()
	u.win.Canvas().Focus(f.issuer)
}

func (f *addCodesForm) onAdd(ok bool) {
	if !ok || f.u.vault == nil {
		return
	}
	codes, _ := core.ParseRecoveryCodes(f.codes.Text)
	if len(codes) == 0 {
		f.u.showInfo("No recovery codes found", "Paste the codes as the site shows them: separated by spaces, commas or new lines.")
		return
	}
	a, err := core.CodesOnlyEntry(f.issuer.Text, f.name.Text, codes, f.u.clock.Now())
	if err != nil {
		f.u.showError("Could not add the recovery codes", err)
		return
	}
	f.u.addAccounts([]core.Account{a})
}
