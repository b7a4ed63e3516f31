package vault

import (
	"errors"
	"testing"

	"filippo.io/age"
)

// interruptedPasswd runs a password change on v up to the given step and
// stops there, as a kill would: "announced" (vault.age opens with the new
// pair too) or "written" (password.age holds it).
func interruptedPasswd(t *testing.T, v *Vault, password, step string) {
	t.Helper()
	id, _ := age.GenerateX25519Identity()
	pwID, _ := age.GenerateX25519Identity()
	pw, err := wrapIdentities(id.String(), pwID.String(), password)
	if err != nil {
		t.Fatal(err)
	}
	err = whileLocked(v.Dir, v.checkedThen(func() error {
		if err := v.announce(KeyPair{VaultIdentity: id.String(), PasswordRecipient: pwID.Recipient().String()}); err != nil || step == "announced" {
			return err
		}
		return writeFileAtomic(v.Dir, PasswordFile, pw)
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// A change interrupted after password.age was written, then a second one
// from a recovery-key unlock interrupted before: password.age still holds
// the first change's pair, so its password must still open, show the key,
// and settle the vault to that pair alone.
func TestInterruptedPasswdTwice(t *testing.T) {
	v, rk := newTestVault(t)
	addAccounts(t, v, 2)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	interruptedPasswd(t, v, "first change", "written")
	r, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	interruptedPasswd(t, r, "second change", "announced")
	if _, err := OpenRecoveryKey(v.Dir, rk); err != nil {
		t.Fatalf("the recovery key: %v", err)
	}
	if _, err := OpenPassword(v.Dir, testPassword); !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("the password from before both changes: %v, want ErrWrongPassword", err)
	}
	p, err := OpenPassword(v.Dir, "first change")
	if err != nil {
		t.Fatalf("the password password.age holds no longer opens: %v", err)
	}
	if got, err := p.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey: %v", err)
	}
	if n := x25519Stanzas(t, v.Dir); n != 2 || len(p.Doc.Keys.Next) != 0 {
		t.Fatalf("after the unlock: %d recipients, %d pending pairs; want 2, 0", n, len(p.Doc.Keys.Next))
	}
}

// The window's order after a keyring unlock of a format 1 vault: the
// password unlock that proves the password migrates the vault; the open
// Vault adopts the new keys and goes on saving.
func TestAdoptKeysAfterMigration(t *testing.T) {
	dir, vid, rk := writeV1Vault(t, 2)
	meta, _ := readMeta(dir)
	id, _ := age.ParseX25519Identity(vid)
	w, err := openWith(dir, meta, id, vid)
	if err != nil {
		t.Fatal(err)
	}
	p, err := OpenPassword(dir, testPassword) // migrates
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AdoptKeys(p); err != nil {
		t.Fatalf("AdoptKeys: %v", err)
	}
	if got, err := w.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey: %v", err)
	}
	addAccounts(t, w, 1)
	if err := w.Save(testNow); err != nil {
		t.Fatalf("Save after AdoptKeys: %v", err)
	}
	assertNoRecoveryKey(t, "the document", plainDocument(t, dir, id), rk)
	if err := w.ChangePassword("new"); err != nil {
		t.Fatal(err)
	}

	// Another process's save in between is not papered over.
	q, _ := OpenPassword(dir, "new")
	stale, _ := OpenRecoveryKey(dir, rk)
	addAccounts(t, q, 1)
	if err := q.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if err := stale.AdoptKeys(q); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("AdoptKeys over another process's save = %v, want ErrChangedOnDisk", err)
	}
}
