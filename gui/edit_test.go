package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
)

func TestEditSaves(t *testing.T) {
	u, clk, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("Google", "bob", "GEZDGNBVGY3TQOJQ"))
	u.showEdit(0, u.showList)
	findEntry(t, u, "Work, Personal").SetText("Work, work , Open source")
	var issuer *widget.Entry
	everything(u, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "GitHub" {
			issuer = e
		}
	})
	issuer.SetText("")
	save := findButton(t, u, "Save")
	issuer.SetText("GitHub Enterprise")
	if save.Disabled() {
		t.Fatalf("Save disabled for a valid edit; text:\n%s", visibleText(u))
	}
	test.Tap(save)
	got := reopen(t, dir).Doc.Accounts[0]
	if got.Issuer != "GitHub Enterprise" || strings.Join(got.Groups, "|") != "Work|Open source" {
		t.Errorf("saved issuer %q groups %q", got.Issuer, got.Groups)
	}
	if got.Code(clk.Now()) != u.vault.Doc.Accounts[0].Code(clk.Now()) || got.Secret.Base32() != "JBSWY3DPEHPK3PXP" {
		t.Error("editing names changed how codes are made")
	}
	if !got.Updated.Equal(clk.Now()) {
		t.Errorf("Updated = %v, want the edit time", got.Updated)
	}
}

// TestEveryScreenOpens opens each screen for each type of account, as a
// person clicking around would.
func TestEveryScreenOpens(t *testing.T) {
	var accs []core.Account
	for _, typ := range core.Types {
		a := totp(string(typ), "user", "JBSWY3DPEHPK3PXP")
		a.Type, a.Digits, a.Period = typ, 0, 0
		if typ == core.Yandex || typ == core.MOTP {
			a.PIN = "1234"
		}
		a.Defaults()
		accs = append(accs, a)
	}
	u, _ := unlocked(t, makeVault(t, accs...))
	for i := range accs {
		name := string(accs[i].Type)
		t.Run(name, func(t *testing.T) {
			u.showEdit(i, u.showList)
			if b := findButton(t, u, "Save"); b.Disabled() {
				t.Errorf("Save is disabled for an unchanged %s account; text:\n%s", name, visibleText(u))
			}
			test.Tap(findButton(t, u, "Save"))
			if u.Screen() != screenList {
				t.Errorf("saving an unchanged %s account stays on %q", name, u.Screen())
			}
			u.showDetails(i)
			u.showList()
		})
	}
	for _, show := range []func(){u.showSettings, u.showAddManual, func() { u.showAdd("") }, u.showList} {
		show()
	}
}
