package gui

import (
	"slices"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// The window spells an account type one way, core.Type.Name's, wherever
// it shows one: the add and edit forms' menu, the details screen and the
// previews of what a link or a scan would add.
func TestTypeNames(t *testing.T) {
	var want []string
	for _, typ := range core.Types {
		want = append(want, typ.Name())
	}
	p := newParamsForm(nil)
	if !slices.Equal(p.typ.Options, want) {
		t.Errorf("type menu offers %q, want %q", p.typ.Options, want)
	}
	for _, typ := range core.Types {
		t.Run(string(typ), func(t *testing.T) {
			a := core.Account{Type: typ, Issuer: "Example", Name: "alice", Digits: 6, Period: 30, PIN: "1234"}
			p.set(&a)
			if p.typ.Selected != typ.Name() || p.selectedType() != typ {
				t.Errorf("menu shows %q and reads back %q", p.typ.Selected, p.selectedType())
			}
			if d := describe(&a); !strings.Contains(d, "· "+typ.Name()+",") {
				t.Errorf("describe = %q, want the type as %q", d, typ.Name())
			}
		})
	}

	a := totp("Example", "alice", "JBSWY3DPEHPK3PXP")
	a.Type, a.PIN = core.MOTP, "1234"
	u, _ := unlocked(t, makeVault(t, a))
	u.showDetails(0)
	if txt := visibleText(u); !strings.Contains(txt, "\nType\nmOTP\n") {
		t.Errorf("details do not show the type as mOTP:\n%s", txt)
	}
}
