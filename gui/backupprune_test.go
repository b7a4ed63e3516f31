package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

// The backup page sets the retention by time; the vault keeps it.
func TestBackupRetentionSettings(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("Bank", "carol", "KRSXG5CTMVRXEZLU")))
	u.showBackupSettings()
	picked := map[string]string{"The last 7 days with backups": "The last 3 days with backups",
		"The last 5 weeks with backups": "None", "The last 12 months with backups": "The last 24 months with backups"}
	var sels []*widget.Select
	everything(u, func(o fyne.CanvasObject) {
		if sel, ok := o.(*widget.Select); ok {
			sels = append(sels, sel)
		}
	})
	set := 0
	for _, sel := range sels {
		if to, ok := picked[sel.Selected]; ok {
			sel.SetSelected(to)
			set++
		}
	}
	if set != len(picked) {
		t.Fatalf("found %d of the %d choices of days, weeks and months", set, len(picked))
	}
	s, err := backup.LoadSettings(reopen(t, u.vault.Dir).Doc)
	if err != nil || s.Daily != 3 || s.Weekly != 0 || s.Monthly != 24 || s.Keep != backup.DefaultKeep {
		t.Fatalf("saved settings %+v (%v)", s, err)
	}
}

// Copying codes in the window makes no backups, so a flurry of copies
// cannot roll a deleted account out of the kept ones: nine copies after a
// delete leave the backup that holds it.
func TestCopiesDoNotRollBackupsAway(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	settings, _ := backup.LoadSettings(u.vault.Doc)
	folder := settings.FolderFor(u.vault.Dir)
	pause := func() {
		clk.Advance(2 * backup.DefaultDelay)
		u.Wait()
	}
	if !u.addAccounts([]core.Account{totp("Doomed", "bob", "KRSXG5CTMVRXEZLU")}) {
		t.Fatal("adding failed")
	}
	pause()
	var doomed string
	for _, a := range u.vault.Doc.Accounts {
		if a.Issuer == "Doomed" {
			doomed = a.ID
		}
	}
	u.list.delete(doomed)
	pause()
	files, _ := backup.List(folder)
	before := len(files)
	for range 9 {
		u.list.copyAt(0)
		pause() // each copy had its time to make a backup
	}
	pause()
	files, err := backup.List(folder)
	if err != nil || len(files) != before {
		t.Fatalf("9 copies: %d backups, before %d (%v)", len(files), before, err)
	}
	if u.vault.Doc.Accounts[0].Uses != 9 {
		t.Fatalf("the copies were not counted: %d", u.vault.Doc.Accounts[0].Uses)
	}
	id, _ := u.vault.OwnIdentity()
	found := false
	for _, f := range files {
		o, err := backup.ReadFile(f.Path, backup.Key{Own: id})
		if err != nil {
			t.Fatal(err)
		}
		found = found || o.Doc.Index(doomed) >= 0
	}
	if !found {
		t.Fatal("no kept backup holds the deleted account")
	}
	u.showBackupSettings()
	if text := visibleText(u); !strings.Contains(text, "Last verified backup") {
		t.Errorf("the backup page does not say the backup was verified:\n%s", text)
	}
}
