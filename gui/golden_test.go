package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/lifelineauth/lifeline/core"
)

// Golden files: what the main screens render, as Fyne markup (the
// objects, their text, sizes and colours) and, for the list, as an image.
// Regenerate after an intended change with `go test ./gui -run Golden
// -update`? Fyne has no such flag: delete the file and run the test, it
// writes testdata/failed/…, review it and move it into testdata/.

func goldenAccounts() []core.Account {
	gh := totp("GitHub", "alice@example.com", "JBSWY3DPEHPK3PXP")
	gh.Groups = []string{"Work"}
	_ = gh.AddRecoveryCodes([]string{"a1b2-c3d4", "e5f6-g7h8", "i9j0-k1l2", "m3n4-o5p6"}, testEpoch)
	gh.MarkRecoveryCode(0, true, testEpoch)
	gl := totp("Google", "alice.smith@gmail.com", "GEZDGNBVGY3TQOJQ")
	gl.Favorite = true
	st := totp("Steam", "alice_gamer", "MFRGGZDFMZTWQ2LK")
	st.Type = core.Steam
	st.Defaults()
	hb := totp("Bank of Example", "12345678", "KRSXG5DSMVTXIZLT")
	hb.Type, hb.Counter = core.HOTP, 3
	hb.Defaults()
	_ = hb.AddRecoveryCodes([]string{"11111111", "22222222"}, testEpoch) // low: the warning colour
	return []core.Account{gh, gl, st, hb}
}

func TestGoldenUnlock(t *testing.T) {
	u, _ := newTestUI(t, makeVault(t))
	u.Start()
	u.Wait()
	test.AssertRendersToMarkup(t, "unlock.xml", u.win.Canvas())
	typeInto(t, u, "Password", "wrong password")
	submit(t, u, "Password")
	u.Wait()
	test.AssertRendersToMarkup(t, "unlock_wrong.xml", u.win.Canvas())
}

func TestGoldenEmptyState(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	test.AssertRendersToMarkup(t, "empty.xml", u.win.Canvas())
}

func TestGoldenList(t *testing.T) {
	u, clk := unlocked(t, makeVault(t, goldenAccounts()...))
	test.AssertRendersToMarkup(t, "list.xml", u.win.Canvas())
	test.AssertRendersToImage(t, "list.png", u.win.Canvas())
	clk.Advance(5*1e9 + tickSlack) // the last 5 s: warning colour, next code
	test.AssertRendersToMarkup(t, "list_warning.xml", u.win.Canvas())
}
