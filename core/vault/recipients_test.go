package vault

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// tamperMeta rewrites fields of lifeline.json as someone who can write the
// vault directory (but holds no key) could.
func tamperMeta(t *testing.T, dir string, change func(*Meta)) {
	t.Helper()
	m, err := readMeta(dir)
	if err != nil {
		t.Fatal(err)
	}
	change(&m)
	b, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, MetaFile), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Recipients named in the plain lifeline.json never decide whom vault.age
// (or a backup) is encrypted to: after tampering and a save, the attacker's
// key opens nothing and the vault's own keys still do.
func TestTamperedMetaDoesNotRedirectEncryption(t *testing.T) {
	attacker, _ := age.GenerateX25519Identity()
	for _, c := range []struct {
		name   string
		change func(*Meta)
		open   func(dir string, v *Vault, rk RecoveryKey) (*Vault, error)
	}{
		{"vault_recipient, recovery-key unlock", func(m *Meta) { m.VaultRecipient = attacker.Recipient().String() },
			func(dir string, _ *Vault, rk RecoveryKey) (*Vault, error) { return OpenRecoveryKey(dir, rk) }},
		{"recovery_recipient, keyring unlock", func(m *Meta) { m.RecoveryRecipient = attacker.Recipient().String() },
			func(dir string, v *Vault, _ RecoveryKey) (*Vault, error) {
				m, err := readMeta(dir)
				if err != nil {
					return nil, err
				}
				id, _ := age.ParseX25519Identity(v.identity)
				return openWith(dir, m, id, v.identity) // what OpenKeyring does with the entry
			}},
		{"both, password unlock", func(m *Meta) {
			m.VaultRecipient, m.RecoveryRecipient = attacker.Recipient().String(), attacker.Recipient().String()
		}, func(dir string, _ *Vault, _ RecoveryKey) (*Vault, error) { return OpenPassword(dir, testPassword) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, rk := newTestVault(t)
			addAccounts(t, v, 2)
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			tamperMeta(t, v.Dir, c.change)
			w, err := c.open(v.Dir, v, rk)
			if err != nil {
				// Refusing to open a vault whose metadata was tampered
				// with is also safe, but these unlocks hold every key
				// they need.
				t.Fatalf("open: %v", err)
			}
			addAccounts(t, w, 1)
			if err := w.Save(testNow); err != nil {
				t.Fatalf("Save: %v", err)
			}
			data, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
			if _, err := age.Decrypt(bytes.NewReader(data), attacker); err == nil {
				t.Fatal("the key named in lifeline.json decrypts vault.age")
			}
			if rr, err := w.RecoveryRecipient(); err != nil || rr != rk.Recipient() {
				t.Fatalf("RecoveryRecipient (backups) = %s, %v; want the vault's recovery key", rr, err)
			}
			id, _ := age.ParseX25519Identity(v.identity)
			for name, id := range map[string]age.Identity{"vault identity": id, "recovery key": rk.Identity()} {
				if _, err := age.Decrypt(bytes.NewReader(data), id); err != nil {
					t.Errorf("the %s no longer decrypts vault.age: %v", name, err)
				}
			}
			// The save put lifeline.json back in line.
			if m, _ := readMeta(v.Dir); m.VaultRecipient != v.Meta.VaultRecipient || m.RecoveryRecipient != rk.Recipient() {
				t.Errorf("lifeline.json not repaired: %+v", m)
			}
		})
	}
}
