package gui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// wantText checks the screen shows each of wants (wrapped lines read as
// one).
func wantText(t *testing.T, u *UI, wants ...string) {
	t.Helper()
	txt := strings.Join(strings.Fields(visibleText(u)), " ")
	for _, w := range wants {
		if !strings.Contains(txt, w) {
			t.Errorf("screen %q lacks %q:\n%s", u.Screen(), w, txt)
		}
	}
}

// tapTo taps the button and checks it opened screen.
func tapTo(t *testing.T, u *UI, button, screen string) {
	t.Helper()
	tapButton(t, u, button)
	if u.Screen() != screen {
		t.Fatalf("%q opened %q, want %q", button, u.Screen(), screen)
	}
}

// A new vault: the page names each missing piece with its button, and the
// list carries the summary until put away for a week.
func TestReadinessPageAndBanner(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.prefs.autoLockMinutes = 0 // a week passes in this test
	wantText(t, u, "Ready: 0 of 1 account; 3 things to fix.")
	findButton(t, u, "What to fix")
	tapButton(t, u, "Not now")
	if strings.Contains(visibleText(u), "things to fix") {
		t.Fatal("the banner stayed after Not now")
	}
	clk.Advance(readyDismissFor - time.Hour)
	u.showList()
	if strings.Contains(visibleText(u), "things to fix") {
		t.Fatal("the banner came back within the week")
	}
	clk.Advance(2 * time.Hour)
	u.showList()
	tapTo(t, u, "What to fix", screenReady)
	wantText(t, u, "Backups go to", "on this computer", "No Recovery Kit has been saved",
		"Your printed recovery key was never tested", "1 account is not in a verified backup since its last change: GitHub:alice.")
	for _, b := range []string{"Choose a backup folder", "Save a Recovery Kit", "Test your printed key", "I lost a device…"} {
		findButton(t, u, b)
	}
	tapTo(t, u, "Choose a backup folder", screenBackups)
}

// "Test your printed key": a wrong key is refused and not recorded; the
// right one, typed as people do, is recorded and saved.
func TestReadinessTestKey(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	_, rk := recoveryOf(t, u.vault)
	u.showReady()
	tapButton(t, u, "Test your printed key")
	typeInto(t, u, "Recovery key, as printed", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
	tapButton(t, u, "Test")
	u.Wait()
	if _, ok := ready.LastKeyTest(u.vault.Doc); ok || !strings.Contains(visibleText(u), "The key does not open this vault") {
		t.Fatalf("a wrong key: recorded %v\n%s", ok, visibleText(u))
	}
	u.closeOverlays()
	tapButton(t, u, "Test your printed key")
	typeInto(t, u, "Recovery key, as printed", strings.ToLower(strings.ReplaceAll(rk.Reveal(), "-", " ")))
	tapButton(t, u, "Test")
	u.Wait()
	if _, ok := ready.LastKeyTest(reopen(t, dir).Doc); !ok {
		t.Fatal("the test was not saved")
	}
	if strings.Contains(visibleText(u), rk.Reveal()) {
		t.Fatal("the key is on screen")
	}
	wantText(t, u, "You tested your printed recovery key on")
}

// With a verified backup in a Syncthing folder, a kit and a tested key the
// page says so and the list has no banner.
func TestReadinessAllReady(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	makeReady(t, u)
	u.showList()
	if strings.Contains(visibleText(u), "What to fix") {
		t.Fatalf("a banner on a ready vault:\n%s", visibleText(u))
	}
	u.showReady()
	wantText(t, u, "Ready: 1 of 1 account; nothing to fix.", "(a Syncthing folder)", "holds the current key", "You tested")
}

// makeReady gives the open vault everything the check asks for.
func makeReady(t *testing.T, u *UI) {
	t.Helper()
	_, rk := recoveryOf(t, u.vault)
	sync := filepath.Join(t.TempDir(), "Sync")
	if err := os.MkdirAll(filepath.Join(sync, ".stfolder"), 0o700); err != nil {
		t.Fatal(err)
	}
	s, _ := backup.LoadSettings(u.vault.Doc)
	s.Folder = sync
	m, err := kit.Write(io.Discard, u.vault.Doc, rk, kit.Options{Now: u.clock.Now()})
	if err := errors.Join(err, s.Store(u.vault.Doc), kit.Record(u.vault.Doc, m),
		ready.TestRecoveryKey(u.vault, rk.Reveal(), u.clock.Now())); err != nil {
		t.Fatal(err)
	}
	if !u.save() {
		t.Fatal("not saved")
	}
	if _, err := backup.AfterSave(u.vault); err != nil {
		t.Fatal(err)
	}
}

// The lost-device page: a step per account, and "Mark #N used" for an
// entry whose way in is a recovery code.
func TestLostDevicePage(t *testing.T) {
	only, err := core.NewCodesOnly("Bank:me", []string{"1111-2222", "3333-4444"}, testEpoch)
	if err != nil {
		t.Fatal(err)
	}
	only.MarkRecoveryCode(0, true, testEpoch)
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), only)
	u.showReady()
	tapTo(t, u, "I lost a device…", screenLost)
	wantText(t, u, "lifeline recovery-key --rotate", "1. GitHub:alice", "Sign in with the code from Lifeline",
		"2. Bank:me", "Sign in with recovery code #2")
	tapButton(t, u, "Mark #2 used")
	u.Wait()
	for _, a := range reopen(t, dir).Doc.Accounts {
		if a.Issuer == "Bank" {
			if left, _ := a.RecoveryCodesLeft(); left != 0 {
				t.Fatalf("after Mark #2 used: %d left", left)
			}
		}
	}
	wantText(t, u, "Use Bank's account recovery")

	// The checklist PDF, as the CLI writes it.
	pdf := filepath.Join(t.TempDir(), "lost.pdf")
	savesTo(t, pdf)
	tapButton(t, u, "Save as PDF…")
	u.Wait()
	text := strings.Join(strings.Fields(testkit.PDFText(t, pdf)), " ")
	for _, w := range []string{"1. GitHub:alice", "remove the lost device in GitHub's 2FA settings", "2. Bank:me", "account recovery"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
}

// A change is backed up a moment later: meanwhile it is not a thing to fix,
// so editing does not bring the banner back.
func TestReadinessWaitsForTheScheduledBackup(t *testing.T) {
	u, clk, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	makeReady(t, u)
	clk.Advance(time.Second)
	u.vault.Doc.Accounts[0].Note = "changed"
	u.vault.Doc.Touch(0, u.clock.Now())
	if !u.save() {
		t.Fatal("not saved")
	}
	u.showReady()
	wantText(t, u, "Ready: 1 of 1 account; nothing to fix.", "The latest changes are about to be backed up")
	clk.Advance(time.Minute) // the backup is written
	u.Wait()
	wantText(t, u, "Ready: 1 of 1 account; nothing to fix.", "A verified backup of the vault as it is now is in")
}
