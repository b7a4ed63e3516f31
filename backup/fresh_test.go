package backup

import (
	"bytes"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Lose the laptop: on a new device, a backup and the printed recovery key
// give back the accounts, and that same key opens the new vault. A backup
// without the keys (passphrase) gives a new recovery key to print.
func TestNewVaultOnFreshDevice(t *testing.T) {
	old, rk := newVault(t, 12)
	s := DefaultSettings()
	s.Folder = "/media/old-laptop-only/backups"
	if runtime.GOOS == "windows" {
		s.Folder = `Q:\old-laptop-only\backups`
	}
	if err := s.Store(old.Doc); err != nil {
		t.Fatal(err)
	}
	if err := old.Save(testNow); err != nil {
		t.Fatal(err)
	}
	rr, _ := old.RecoveryRecipient()
	cases := []struct {
		name     string
		opts     Options
		key      Key
		keptKey  bool
		sameVID  bool
		wantSame bool
	}{
		{"default backup, recovery key", Options{}, Key{RecoveryKey: rk}, true, true, true},
		{"passphrase backup", Options{Passphrase: "p"}, Key{Passphrase: "p"}, false, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Export(&b, old.Doc, rr, c.opts); err != nil {
				t.Fatal(err)
			}
			o, err := Read(b.Bytes(), c.key)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(testkit.TempDir(t), "new-laptop", "lifeline")
			r, err := RestoreFreshWith(dir, "new password", o, FreshOptions{AdoptSettings: true}, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if r.KeptKey != c.keptKey || (r.RecoveryKey == rk) != c.keptKey || !r.FolderReset {
				t.Errorf("kept key %v (same %v), folder reset %v", r.KeptKey, r.RecoveryKey == rk, r.FolderReset)
			}
			if (r.Vault.Meta.VaultID == old.Meta.VaultID) != c.sameVID {
				t.Errorf("vault id kept = %v", !c.sameVID)
			}
			w, err := vault.OpenRecoveryKey(dir, r.RecoveryKey)
			if err != nil {
				t.Fatal(err)
			}
			if accountsJSON(t, w.Doc.Accounts) != accountsJSON(t, old.Doc.Accounts) {
				t.Error("accounts differ")
			}
			if st, _ := LoadSettings(w.Doc); st.Folder != "" {
				t.Errorf("the old machine's folder is still set: %q", st.Folder)
			}
			if _, err := vault.OpenPassword(dir, "new password"); err != nil {
				t.Fatal(err)
			}
			// The first automatic backup on the new device works.
			if p, err := AfterSave(w); err != nil || filepath.Dir(p) != filepath.Join(dir, DefaultFolderName) {
				t.Fatalf("AfterSave: %q %v", p, err)
			}
		})
	}
}
