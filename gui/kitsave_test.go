package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// savesTo makes the save dialog answer path.
func savesTo(t *testing.T, path string) {
	t.Helper()
	old := pickSaveFile
	pickSaveFile = func(_ *UI, _ string, done func(string)) { done(path) }
	t.Cleanup(func() { pickSaveFile = old })
}

func TestSaveRecoveryKit(t *testing.T) {
	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	if err := a.AddRecoveryCodes([]string{"1a2b3-c4d5e", "2a2b3-c4d5e"}, testEpoch); err != nil {
		t.Fatal(err)
	}
	u, clk, dir := unlockedVault(t, a)
	if got := u.notice.Text(); got != "" {
		t.Fatalf("notice at once after unlock = %q, want none yet", got)
	}
	clk.Advance(kitNagDelay)
	u.Wait()
	if got := u.notice.Text(); got != "Print your Recovery Kit" {
		t.Fatalf("notice after unlock = %q, want the kit nag", got)
	}
	out := filepath.Join(t.TempDir(), "kit.pdf")
	savesTo(t, out)

	t.Run("wrong password", func(t *testing.T) {
		u.askSaveKit("")
		typeInto(t, u, "Password", "not the password")
		tapButton(t, u, "Save…")
		u.Wait()
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("a kit was written with a wrong password (stat: %v)", err)
		}
		u.closeOverlays()
	})

	t.Run("single account has no key and keeps the nag", func(t *testing.T) {
		one := filepath.Join(t.TempDir(), "one.pdf")
		savesTo(t, one)
		u.askSaveKit(u.vault.Doc.Accounts[0].ID)
		tapButton(t, u, "Save…")
		u.Wait()
		b, err := os.ReadFile(one)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Fatalf("single-account kit: %v, starts %q", err, b[:min(len(b), 8)])
		}
		if !kit.Check(u.vault).NeedsKit() {
			t.Error("a single-account kit counted as the vault's kit")
		}
	})

	t.Run("full kit", func(t *testing.T) {
		savesTo(t, out)
		u.askSaveKit("")
		typeInto(t, u, "Password", testPassword)
		tapButton(t, u, "Save…")
		u.Wait()
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Fatalf("kit: %v, starts %q", err, b[:min(len(b), 8)])
		}
		fi, _ := os.Stat(out)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("kit mode = %v, want 0600", fi.Mode().Perm())
		}
		if kit.Check(u.vault).NeedsKit() {
			t.Error("vault still needs a kit after saving one")
		}
		u.notice.hide()
		u.nagKitNow()
		if got := u.notice.Text(); got != "" {
			t.Errorf("nag after saving the kit: %q", got)
		}
		if kit.Check(reopen(t, dir)).NeedsKit() {
			t.Error("the kit was not recorded on disk")
		}
	})
}

func TestKitAtEndOfFirstRun(t *testing.T) {
	dir := t.TempDir() + "/vault"
	u, _ := newTestUI(t, dir)
	u.Start()
	tapButton(t, u, "Create a new vault")
	typeInto(t, u, "Password", "tr0ub4dor&3 horse")
	typeInto(t, u, "The same password again", "tr0ub4dor&3 horse")
	tapButton(t, u, "Create vault")
	u.Wait()
	key, group := shownRecoveryKey(t, u)
	typeInto(t, u, "XXXX", strings.Split(key, "-")[group-1])
	tapButton(t, u, "Continue")
	out := filepath.Join(t.TempDir(), "kit.pdf")
	savesTo(t, out)
	tapButton(t, u, "Save Recovery Kit…")
	u.Wait() // the kit renders off the UI goroutine
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("kit after first run: %v", err)
	}
	if kit.Check(u.vault).NeedsKit() {
		t.Error("vault still needs a kit after the first-run kit")
	}
}

func TestKitNagWaitsForTheList(t *testing.T) {
	u, clk := unlocked(t, makeVault(t))
	u.showSettings()
	clk.Advance(kitNagDelay)
	u.Wait()
	if got := u.notice.Text(); got != "" {
		t.Fatalf("nag on the settings screen: %q", got)
	}
	u.showList()
	clk.Advance(kitNagDelay)
	u.Wait()
	if got := u.notice.Text(); got != "Print your Recovery Kit" {
		t.Fatalf("notice back on the list = %q, want the nag", got)
	}
}

// "Where your backups are" from the window: with backups only beside the
// vault, the kit warns that none is off this computer and the notice says
// so too; with the backup folder in a synced folder, the kit names it.
func TestSaveKitWhereBackupsAre(t *testing.T) {
	u, _, _ := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	save := func(t *testing.T) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "kit.pdf")
		savesTo(t, out)
		u.askSaveKit("")
		typeInto(t, u, "Password", testPassword)
		tapButton(t, u, "Save…")
		u.Wait()
		return strings.Join(strings.Fields(testkit.PDFText(t, out)), " ")
	}
	text := save(t)
	if !strings.Contains(text, strings.Join(strings.Fields(kit.NoCopyWarning), " ")) {
		t.Errorf("the kit does not warn that no backup is off the computer:\n%s", text)
	}
	if n := u.notice.Text(); !strings.Contains(n, "no backup off this computer") {
		t.Errorf("notice %q does not say so", n)
	}

	synced := filepath.Join(t.TempDir(), "Sync", "lifeline")
	if err := os.MkdirAll(synced, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(synced, "..", ".stfolder"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	st := backup.DefaultSettings()
	st.Folder = synced
	if err := st.Store(u.vault.Doc); err != nil {
		t.Fatal(err)
	}
	text = save(t)
	if !strings.Contains(text, synced) || !strings.Contains(text, "Syncthing") || strings.Contains(text, "You have no backup off") {
		t.Errorf("the kit does not name the synced folder %s:\n%s", synced, text)
	}
	if n := u.notice.Text(); strings.Contains(n, "no backup off") {
		t.Errorf("notice %q warns although the backups are synced", n)
	}
}
