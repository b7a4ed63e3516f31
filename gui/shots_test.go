package gui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestScreenshots redraws docs/screenshots' pictures of the daily screens
// through the test driver's software renderer, when LIFELINE_SHOTS names
// the folder to write them to:
//
//	LIFELINE_SHOTS=$PWD/docs/screenshots .ci/with-session go test -run TestScreenshots ./gui
//
// Without it, it is skipped: the pictures are documentation, and the
// golden tests check the screens.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("LIFELINE_SHOTS")
	if out == "" {
		t.Skip("set LIFELINE_SHOTS=DIR to redraw the screenshots into DIR")
	}
	accs := goldenAccounts()
	var codes []string
	for i := range 16 {
		codes = append(codes, shotCode(i))
	}
	gh := &accs[0]
	gh.RecoveryCodes = nil
	if err := gh.AddRecoveryCodes(codes, testEpoch); err != nil {
		t.Fatal(err)
	}
	gh.MarkRecoveryCode(2, true, testEpoch.Add(-30*24*time.Hour))
	// A fixed folder, so that the paths on the Settings and Backups
	// pages are the same in every run (a test's own temp folder has a
	// random name).
	base := filepath.Join(os.TempDir(), "lifeline-shots")
	os.RemoveAll(base)
	t.Cleanup(func() { os.RemoveAll(base) })
	u, _ := unlocked(t, makeVaultIn(t, filepath.Join(base, "alice", ".config", "lifeline"), accs...))
	shot := func(name string) {
		t.Helper()
		u.Wait()
		relayout(u)
		f, err := os.Create(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, u.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	u.showList()
	shot("main-list.png")
	u.prefs.theme = themeLight
	u.applyTheme()
	u.showList()
	shot("main-list-light.png")
	u.prefs.theme = themeDark
	u.applyTheme()
	for i := range u.vault.Doc.Accounts {
		if u.vault.Doc.Accounts[i].Issuer == "GitHub" {
			u.showCodes(i, u.showList)
		}
	}
	shot("recovery-codes.png")
	u.showAdd("")
	shot("add.png")
	u.showSettings()
	shot("settings.png")
	u.showSeveral()
	shot("several-computers.png")
	if _, err := u.backuper().Now(u.vault); err != nil {
		t.Fatal(err)
	}
	u.showBackups(u.showSettings)
	shot("backups.png")
	// A backup from another computer: one account new, one renamed since.
	then := testEpoch.Add(-time.Hour)
	in := &vault.Document{Format: vault.FormatVersion, VaultID: u.vault.Doc.VaultID, Updated: then}
	for _, a := range u.vault.Doc.Accounts {
		in.Accounts = append(in.Accounts, a.Clone())
	}
	in.Accounts[1].Name = "alice@work.example"
	in.Accounts[1].Updated = then
	u.vault.Doc.Accounts[1].Updated = then.Add(-time.Hour) // renamed there since
	if _, err := in.Add(totp("Proton", "alice", "MZXW6YTBOI"), then); err != nil {
		t.Fatal(err)
	}
	u.showList()
	p := backup.Plan(u.vault.Doc, backup.FromDocument(in, "lifeline-backup-20260504-110000.age"), testEpoch)
	u.showPreview(p, "Restore lifeline-backup-20260504-110000.age", []string{backup.MadeHere})
	shot("restore-preview.png")
	u.closeOverlays()
	u.lock()
	u.Wait()
	u.showUnlock(false)
	shot("unlock.png")
}

// relayout lays the window out as the real driver does each frame, top
// down: the test driver's canvas does not re-lay out what changed size.
func relayout(u *UI) {
	walk(u.win.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	})
}

func shotCode(i int) string {
	const digits = "0123456789abcdef"
	b := []byte("xxxx-xxxx")
	for j := range b {
		if b[j] == 'x' {
			b[j] = digits[(i*7+j*3)%16]
		}
	}
	return string(b)
}
