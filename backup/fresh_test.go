package backup

import (
	"bytes"
	"io"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
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

// A fresh-device restore with the printed recovery key keeps the kit
// valid: the window does not ask for one, whether the backup recorded a
// kit or not. Opened another way, the vault gets a new key and needs a
// new kit.
func TestFreshRestoreKeepsKit(t *testing.T) {
	cases := []struct {
		name     string
		printed  bool // a kit was recorded before the backup
		opts     Options
		key      func(rk vault.RecoveryKey) Key
		needsKit bool
	}{
		{"kit recorded, recovery key", true, Options{}, func(rk vault.RecoveryKey) Key { return Key{RecoveryKey: rk} }, false},
		{"no kit recorded, recovery key", false, Options{}, func(rk vault.RecoveryKey) Key { return Key{RecoveryKey: rk} }, false},
		{"kit recorded, passphrase", true, Options{Passphrase: "p"}, func(vault.RecoveryKey) Key { return Key{Passphrase: "p"} }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			old, rk := newVault(t, 2)
			if c.printed {
				m, err := kit.Write(io.Discard, old.Doc, rk, kit.Options{Now: testNow})
				if err != nil {
					t.Fatal(err)
				}
				if err := kit.Record(old.Doc, m); err != nil {
					t.Fatal(err)
				}
			}
			rr, _ := old.RecoveryRecipient()
			var b bytes.Buffer
			if err := Export(&b, old.Doc, rr, c.opts); err != nil {
				t.Fatal(err)
			}
			o, err := Read(b.Bytes(), c.key(rk))
			if err != nil {
				t.Fatal(err)
			}
			r, err := RestoreFresh(filepath.Join(testkit.TempDir(t), "new"), "new password", o, testNow)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Vault.Drop()
			if s := kit.Check(r.Vault); s.NeedsKit() != c.needsKit {
				t.Errorf("after the restore: %q (needs a kit %v), want needs a kit %v", s, s.NeedsKit(), c.needsKit)
			}
		})
	}
}
