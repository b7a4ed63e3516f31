package gui

import (
	"bytes"
	"log"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// dialogText is the text of the dialogs on screen (not of the window's
// entries, which hold what was typed).
func dialogText(u *UI) string {
	var b strings.Builder
	for _, o := range u.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *canvas.Text:
				b.WriteString(x.Text + "\n")
			case *widget.Label:
				b.WriteString(x.Text + "\n")
			}
		})
	}
	return b.String()
}

// TestBackupKeysNeverEchoARecoveryKey: a recovery key typed among the
// backup settings' extra keys is refused, and neither the dialog nor the
// log shows any part of it.
func TestBackupKeysNeverEchoARecoveryKey(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	_, key := recoveryOf(t, u.vault)
	rk := key.Reveal()
	if !vault.LooksLikeRecoveryKey(rk) {
		t.Fatalf("%q is not a recovery key", rk)
	}
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	for _, bad := range []string{rk, strings.ToLower(rk), "X" + rk[1:], rk[:len(rk)-5], "ssh-ed25519 " + rk, "age1" + strings.ToLower(rk)} {
		u.showBackupSettings()
		everything(u, func(o fyne.CanvasObject) {
			if r, ok := o.(*widget.RadioGroup); ok {
				r.SetSelected(protectMoreKeys)
			}
		})
		e := findEntry(t, u, "age1… or ssh-ed25519 … keys, one per line")
		e.SetText(bad)
		tapButton(t, u, "Use these keys")
		shown := dialogText(u)
		if !strings.Contains(shown, "Could not use the key") {
			t.Fatalf("no error for %q; dialogs:\n%s", bad, shown)
		}
		if leak := testkit.Leak(shown, rk); leak != "" {
			t.Errorf("the dialog shows %q of the recovery key:\n%s", leak, shown)
		}
		if leak := testkit.Leak(logged.String(), rk); leak != "" {
			t.Errorf("the log shows %q of the recovery key:\n%s", leak, logged.String())
		}
		for _, d := range u.win.Canvas().Overlays().List() {
			u.win.Canvas().Overlays().Remove(d)
		}
	}
	if st, _ := backup.LoadSettings(u.vault.Doc); len(st.Recipients) != 0 {
		t.Errorf("the settings took %d keys", len(st.Recipients))
	}
}
