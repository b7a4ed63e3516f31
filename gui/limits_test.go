package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The limits of core/limits.go in the window: the add, edit and codes
// screens say what is over which limit, and vault.age stays as it was.

func vaultBytes(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, vault.VaultFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameVault(t *testing.T, dir string, before []byte) {
	t.Helper()
	if string(vaultBytes(t, dir)) != string(before) {
		t.Error("vault.age changed")
	}
}

func TestAddScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	long := strings.Repeat("i", core.MaxLabelLen+44)

	u.showAdd("")
	findEntry(t, u, pastePlaceholder).SetText("otpauth://totp/" + long + ":bob?secret=KRSXG5CTMVRXEZLU")
	if txt := visibleText(u); !strings.Contains(txt, "Line 1: issuer: 300 characters given, at most 256 characters are kept; shorten it") {
		t.Errorf("the paste tab does not say what is over the limit:\n%.2000s", txt)
	}
	if findButton(t, u, "Add").Disabled() == false {
		t.Error("Add is enabled for an over-limit link")
	}

	u.showAddManual()
	findEntry(t, u, "Your user name or e-mail").SetText(long)
	findEntry(t, u, "JBSW Y3DP EHPK 3PXP").SetText("KRSXG5CTMVRXEZLU")
	if txt := visibleText(u); !strings.Contains(txt, "Name: 300 characters given, at most 256 characters are kept") {
		t.Errorf("the form does not say what is over the limit:\n%.2000s", txt)
	}
	sameVault(t, dir, before)
}

func TestEditScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	u.showEdit(0)
	var note *widget.Entry
	everything(u, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			note = e
		}
	})
	note.SetText(strings.Repeat("n", core.MaxNoteBytes+1))
	if u.Screen() != screenEdit || !strings.Contains(visibleText(u), "Note: 10241 bytes given, at most 10240 bytes are kept; shorten the note") {
		t.Errorf("screen %q; the edit screen does not say the note is too long", u.Screen())
	}
	if !findButton(t, u, "Save").Disabled() {
		t.Error("Save is enabled for an over-limit note")
	}
	sameVault(t, dir, before)
	note.SetText(strings.Repeat("n", core.MaxNoteBytes))
	test.Tap(findButton(t, u, "Save"))
	if got := reopen(t, dir).Doc.Accounts[0].Note; len(got) != core.MaxNoteBytes {
		t.Errorf("a note at the limit was not saved: %d bytes", len(got))
	}
}

func TestCodesScreenLimits(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	before := vaultBytes(t, dir)
	u.showCodes(0)
	var b strings.Builder
	for i := range core.MaxRecoveryCodes + 50 {
		fmt.Fprintf(&b, "%05x-%05x\n", i, i*7)
	}
	findEntry(t, u, codesPlaceholder).SetText(b.String())
	tapButton(t, u, "Add codes")
	if n := len(u.vault.Doc.Accounts[0].RecoveryCodes); n != 0 {
		t.Errorf("%d codes kept after a refusal", n)
	}
	if txt := strings.Join(strings.Fields(visibleText(u)), " "); !strings.Contains(txt, "Recovery codes: 150 given, at most 100 per account are kept; no site hands out that many: this is not a list of recovery codes.") {
		t.Errorf("no limit message:\n%.3000s", txt)
	}
	sameVault(t, dir, before)
}
