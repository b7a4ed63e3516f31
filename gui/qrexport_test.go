package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

func TestQRExport(t *testing.T) {
	var accs []core.Account
	for i := range 12 {
		accs = append(accs, totp(fmt.Sprintf("Site%02d", i), "me", "JBSWY3DPEHPK3PXP"))
	}
	odd := totp("Slow", "me", "JBSWY3DPEHPK3PXP")
	odd.Period = 60
	accs = append(accs, odd)
	u, _ := unlocked(t, makeVault(t, accs...))
	u.askExportQR(u.showList)
	tapButton(t, u, "Show codes")
	if u.Screen() != screenQRExport {
		t.Fatalf("screen = %q", u.Screen())
	}
	txt := visibleText(u)
	for _, want := range []string{"Batch 1 of 2", "Code 1 of 3", "Slow", qr.WhyNotMigratable(&odd)} {
		if !strings.Contains(txt, want) {
			t.Errorf("no %q on the export screen:\n%s", want, txt)
		}
	}
	if !findButton(t, u, "Previous").Disabled() {
		t.Error("Previous enabled on the first code")
	}
	tapButton(t, u, "Next")
	tapButton(t, u, "Next")
	if txt := visibleText(u); !strings.Contains(txt, "Single code") || !strings.Contains(txt, "Code 3 of 3") {
		t.Errorf("third code:\n%s", txt)
	}
	if !findButton(t, u, "Next").Disabled() {
		t.Error("Next enabled on the last code")
	}

	dir := t.TempDir()
	old := pickFolder
	pickFolder = func(_ *UI, done func(string)) { done(dir) }
	t.Cleanup(func() { pickFolder = old })
	tapButton(t, u, "Save PNGs…")
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != 3 {
		t.Fatalf("saved %d files (%v), want 3", len(files), err)
	}
	// What was saved reads back as the accounts exported.
	var c qr.Collector
	got := 0
	for _, f := range files {
		cs, err := qr.ScanFile(dir + "/" + f.Name())
		if err != nil || len(cs) != 1 {
			t.Fatalf("%s: %v, %d codes", f.Name(), err, len(cs))
		}
		switch cs[0].Kind {
		case qr.KindMigration:
			if _, err := c.Add(cs[0].Batch); err != nil {
				t.Fatal(err)
			}
		case qr.KindAccount:
			got++
		}
	}
	if got += len(c.Accounts()); got != len(accs) || !c.Complete() {
		t.Errorf("read back %d accounts (complete %v), want %d", got, c.Complete(), len(accs))
	}
}

// One account's QR code, saved from its details screen, reads back as the
// account (and is private to the user).
func TestSaveAccountQRFromDetails(t *testing.T) {
	a := totp("GitHub", "octocat", "JBSWY3DPEHPK3PXP")
	u, _ := unlocked(t, makeVault(t, a))
	path := filepath.Join(t.TempDir(), "github.png")
	savesTo(t, path)
	u.showDetails(0)
	tapButton(t, u, "Show QR to move to a phone")
	tapButton(t, u, "Save as PNG…")
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("saved QR: %v %v", st, err)
	}
	found, err := qr.ScanFile(path)
	if err != nil || len(found) != 1 || found[0].Account.Label() != "GitHub:octocat" {
		t.Fatalf("scanned back %+v, %v", found, err)
	}
	if !strings.Contains(u.notice.Text(), "holds the secret") {
		t.Fatalf("notice %q", u.notice.Text())
	}
}
