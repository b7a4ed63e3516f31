package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// plainDocument decrypts vault.age with one identity and returns the raw
// plaintext, as anyone holding that identity would read it.
func plainDocument(t *testing.T, dir string, id age.Identity) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, VaultFile))
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		t.Fatalf("decrypting vault.age: %v", err)
	}
	var pt bytes.Buffer
	if _, err := pt.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return pt.Bytes()
}

// assertNoRecoveryKey fails if pt holds the recovery key in any form it can
// be used in: grouped, ungrouped, or as its age identity.
func assertNoRecoveryKey(t *testing.T, what string, pt []byte, rk RecoveryKey) {
	t.Helper()
	for _, form := range []string{rk.Reveal(), strings.ReplaceAll(rk.Reveal(), "-", ""), rk.AgeIdentity(), strings.ToLower(rk.AgeIdentity())} {
		if bytes.Contains(pt, []byte(form)) {
			t.Fatalf("%s holds the recovery key", what)
		}
	}
}

// The keyring holds the vault identity. With it alone, vault.age opens but
// gives no recovery key, and what needs the key (showing it, rotating it,
// changing the password) is refused — also after saves.
func TestVaultIdentityAloneGivesNoRecoveryKey(t *testing.T) {
	v, rk := newTestVault(t)
	addAccounts(t, v, 5)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	id, err := age.ParseX25519Identity(v.identity)
	if err != nil {
		t.Fatal(err)
	}
	assertNoRecoveryKey(t, "the document after create and save", plainDocument(t, v.Dir, id), rk)

	w, err := openWith(v.Dir, v.Meta, id, v.identity) // what OpenKeyring does with the entry
	if err != nil {
		t.Fatalf("opening with the vault identity: %v", err)
	}
	if k, err := w.RecoveryKey(); !errors.Is(err, ErrNeedsPassword) || !k.IsZero() {
		t.Fatalf("RecoveryKey after a vault-identity unlock = %v, want ErrNeedsPassword", err)
	}
	if _, err := w.RotateRecoveryKey(testNow); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("RotateRecoveryKey = %v, want ErrNeedsPassword", err)
	}
	if err := w.ChangePassword("taken over"); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("ChangePassword = %v, want ErrNeedsPassword", err)
	}
	// The sealed key does not open with the vault identity either.
	if _, err := unsealRecoveryKey(w.Doc.Keys.RecoveryKeySealed, w.identity); err == nil {
		t.Fatal("the vault identity unseals the recovery key")
	}

	// Saves after such an unlock work and keep the key where the password
	// reads it; password.age is not rewritten.
	pw, _ := os.ReadFile(filepath.Join(v.Dir, PasswordFile))
	addAccounts(t, w, 1)
	if err := w.Save(testNow); err != nil {
		t.Fatalf("Save after a vault-identity unlock: %v", err)
	}
	assertNoRecoveryKey(t, "the document after a keyring-style save", plainDocument(t, v.Dir, id), rk)
	if after, _ := os.ReadFile(filepath.Join(v.Dir, PasswordFile)); !bytes.Equal(pw, after) {
		t.Error("a save rewrote password.age")
	}
	p, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey after a password unlock = %v, want the vault's key", err)
	}
	if _, err := OpenRecoveryKey(v.Dir, rk); err != nil {
		t.Fatalf("the recovery key no longer opens: %v", err)
	}
	// The window's path: the password, then the key adopted.
	if err := w.AdoptKeys(p); err != nil {
		t.Fatal(err)
	}
	if got, err := w.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey after AdoptKeys: %v", err)
	}
}

// After ChangePassword an old copy of password.age with the old password
// yields a vault identity that no longer opens vault.age; the new password
// and the recovery key do, and the recovery key survives the change.
func TestOldPasswordFileStopsWorking(t *testing.T) {
	for _, by := range []string{"password", "recovery key"} {
		t.Run(by, func(t *testing.T) {
			v, rk := newTestVault(t)
			addAccounts(t, v, 3)
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			oldPW, _ := os.ReadFile(filepath.Join(v.Dir, PasswordFile))
			w, err := OpenPassword(v.Dir, testPassword)
			if by == "recovery key" {
				w, err = OpenRecoveryKey(v.Dir, rk)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := w.ChangePassword("a new password"); err != nil {
				t.Fatalf("ChangePassword: %v", err)
			}

			old := copyDir(t, v.Dir)
			if err := os.WriteFile(filepath.Join(old, PasswordFile), oldPW, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := OpenPassword(old, testPassword); err == nil {
				t.Fatal("an old password.age with the old password still opens the vault")
			}
			oldID, _, err := unwrapIdentities(oldPW, testPassword)
			if err != nil {
				t.Fatal(err)
			}
			id, _ := age.ParseX25519Identity(oldID)
			data, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
			if _, err := age.Decrypt(bytes.NewReader(data), id); err == nil {
				t.Fatal("the old vault identity still decrypts vault.age")
			}

			p, err := OpenPassword(v.Dir, "a new password")
			if err != nil {
				t.Fatalf("the new password: %v", err)
			}
			if got, err := p.RecoveryKey(); err != nil || got != rk {
				t.Fatalf("RecoveryKey after the change: %v", err)
			}
			if p.Doc.Keys.Next != nil || len(p.Doc.Accounts) != 3 {
				t.Fatalf("after the change: next %v, %d accounts", p.Doc.Keys.Next, len(p.Doc.Accounts))
			}
			if _, err := OpenRecoveryKey(v.Dir, rk); err != nil {
				t.Fatalf("the recovery key: %v", err)
			}
			r, _ := recipientOf(p.identity)
			if m, _ := readMeta(v.Dir); m.VaultRecipient != r {
				t.Error("lifeline.json does not name the new vault identity")
			}
		})
	}
}

// A rotated recovery key is what the password shows afterwards, and still
// not in the document.
func TestRotateKeepsKeySealed(t *testing.T) {
	v, _ := newTestVault(t)
	k, err := v.RotateRecoveryKey(testNow)
	if err != nil {
		t.Fatal(err)
	}
	p, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.RecoveryKey(); err != nil || got != k {
		t.Fatalf("RecoveryKey after rotation: %v", err)
	}
	id, _ := age.ParseX25519Identity(v.identity)
	assertNoRecoveryKey(t, "the document after rotation", plainDocument(t, v.Dir, id), k)
}
