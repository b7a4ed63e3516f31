package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

// TestBackupAfterChange: a change writes a backup once the debounce has
// passed, and not before.
func TestBackupAfterChange(t *testing.T) {
	u, clk, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	folder := filepath.Join(dir, backup.DefaultFolderName)
	count := func() int {
		files, err := backup.List(folder)
		if err != nil {
			return 0
		}
		n := 0
		for _, f := range files {
			if !f.Snapshot {
				n++
			}
		}
		return n
	}
	if !u.addAccounts([]core.Account{totp("GitLab", "bob", "KRSXG5CTMVRXEZLU")}) {
		t.Fatal("adding failed")
	}
	if n := count(); n != 0 {
		t.Fatalf("%d backups before the debounce, want 0", n)
	}
	clk.Advance(backup.DefaultDelay + time.Second)
	u.Wait()
	if n := count(); n != 1 {
		t.Fatalf("%d backups after the debounce, want 1", n)
	}
	if st := u.backups.status; st.LastBackup.IsZero() || st.Failure != nil {
		t.Errorf("status = %+v", st)
	}
}

// TestBackupFailureBanner: a backup folder that is gone shows the banner
// with the reason and a way to change the folder.
func TestBackupFailureBanner(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	s := backup.DefaultSettings()
	s.Folder = filepath.Join(t.TempDir(), "unplugged drive")
	if err := s.Store(u.vault.Doc); err != nil {
		t.Fatal(err)
	}
	if !u.save() {
		t.Fatal("save failed")
	}
	if text := visibleText(u); strings.Contains(text, "Changes not backed up") {
		t.Fatalf("banner before any attempt:\n%s", text)
	}
	clk.Advance(backup.DefaultDelay + time.Second)
	u.Wait()
	text := visibleText(u)
	if !strings.Contains(text, "Changes not backed up: the backup folder is missing") {
		t.Fatalf("no failure banner:\n%s", text)
	}
	tapButton(t, u, "Change folder")
	if u.Screen() != screenBackups {
		t.Fatalf("screen = %q, want the backup settings", u.Screen())
	}
	if text := visibleText(u); !strings.Contains(text, "unplugged drive") {
		t.Errorf("settings do not show the folder:\n%s", text)
	}
}

// TestBackUpNow writes a backup at once from the settings page.
func TestBackUpNow(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.showBackupSettings()
	tapButton(t, u, "Back up now")
	u.Wait()
	files, err := backup.List(filepath.Join(dir, backup.DefaultFolderName))
	if err != nil || len(files) != 1 {
		t.Fatalf("files = %v, %v; want one backup", files, err)
	}
	if n := u.notice.Text(); !strings.Contains(n, filepath.Base(files[0].Path)) {
		t.Errorf("notice = %q, want the file's name", n)
	}
}

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

// TestBackupsListsRestorable: the Backups page lists the backups this vault
// knows about (when, accounts, verified) with Restore beside each, which
// opens that backup's restore; "Other file…" is for the rest.
func TestBackupsListsRestorable(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.showBackupSettings()
	u.Wait()
	if !strings.Contains(visibleText(u), "No backups yet.") {
		t.Fatalf("no empty list:\n%s", visibleText(u))
	}
	tapButton(t, u, "Back up now")
	u.Wait()
	clk.Advance(2 * time.Second)
	if _, err := u.vault.Doc.Add(totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"), clk.Now()); err != nil {
		t.Fatal(err)
	}
	u.save()
	tapButton(t, u, "Back up now")
	u.Wait()
	text := visibleText(u)
	for _, want := range []string{"2 accounts · verified", "1 account · verified"} {
		if !strings.Contains(text, want) {
			t.Errorf("the list lacks %q:\n%s", want, text)
		}
	}
	findButton(t, u, "Other file…")
	var restores []*widget.Button
	everything(u, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Restore" {
			restores = append(restores, b)
		}
	})
	if len(restores) != 2 {
		t.Fatalf("%d Restore buttons, want one per backup", len(restores))
	}
	test.Tap(restores[1]) // the older one, with 1 account
	u.Wait()
	if !strings.Contains(visibleText(u), "Restore lifeline-backup-") {
		t.Fatalf("Restore did not open the backup's restore:\n%s", visibleText(u))
	}
}
