package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// writeV1Vault writes a format 1 vault into a new dir exactly as
// docs/FORMAT.md describes version 1, with age alone: vault.age holds the
// recovery key in keys.recovery_key, password.age one identity.
func writeV1Vault(t *testing.T, accounts int) (dir, vaultIdentity string, rk RecoveryKey) {
	t.Helper()
	dir = filepath.Join(testkit.TempDir(t), "v1")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	id, _ := age.GenerateX25519Identity()
	rk, _ = NewRecoveryKey()
	vaultID := core.NewID()
	as := make([]core.Account, accounts)
	for i := range as {
		as[i] = testkit.Account(i)
		as[i].Defaults()
		as[i].ID, as[i].Created, as[i].Updated = core.NewID(), testNow, testNow
	}
	doc, _ := json.Marshal(map[string]any{
		"format": 1, "vault_id": vaultID, "created": testNow, "updated": testNow,
		"accounts": as,
		"keys":     map[string]any{"vault_identity": id.String(), "recovery_key": rk.Reveal(), "recovery_key_created": testNow},
		"settings": map[string]any{"future": map[string]int{"x": 1}},
	})
	var vault bytes.Buffer
	w, _ := age.Encrypt(&vault, id.Recipient(), rk.Identity().Recipient())
	w.Write(doc)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sr, _ := age.NewScryptRecipient(testPassword)
	sr.SetWorkFactor(10)
	var pw bytes.Buffer
	w, _ = age.Encrypt(&pw, sr)
	w.Write([]byte("# Lifeline vault identity (see docs/FORMAT.md)\n" + id.String() + "\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	meta, _ := json.Marshal(map[string]any{
		"format": 1, "vault_id": vaultID, "vault_recipient": id.Recipient().String(),
		"recovery_recipient": rk.Recipient(), "keyring": false, "created": testNow,
	})
	for name, b := range map[string][]byte{VaultFile: vault.Bytes(), PasswordFile: pw.Bytes(), MetaFile: meta} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, id.String(), rk
}

func formatOf(t *testing.T, b []byte) int {
	t.Helper()
	var p struct {
		Format int `json:"format"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p.Format
}

// A format 1 vault opens with every key. Unlocks without the password
// (keyring, recovery key) leave it format 1, saving keeps the recovery key
// where the migration will find it; the first password unlock migrates it
// to format 2, keeping the vault identity (the keyring entry stays valid).
func TestFormat1VaultOpensAndMigrates(t *testing.T) {
	dir, vid, rk := writeV1Vault(t, 4)
	id, _ := age.ParseX25519Identity(vid)
	meta, err := readMeta(dir)
	if err != nil {
		t.Fatal(err)
	}

	kr, err := openWith(dir, meta, id, vid) // what OpenKeyring does
	if err != nil {
		t.Fatalf("keyring-style open of a v1 vault: %v", err)
	}
	addAccounts(t, kr, 1)
	if err := kr.Save(testNow); err != nil {
		t.Fatalf("Save after a keyring-style unlock: %v", err)
	}
	if !bytes.Contains(plainDocument(t, dir, id), []byte(rk.Reveal())) {
		t.Fatal("a save without the password lost the v1 recovery key before the migration")
	}
	r, err := OpenRecoveryKey(dir, rk)
	if err != nil || len(r.Doc.Accounts) != 5 {
		t.Fatalf("OpenRecoveryKey of a v1 vault: %v", err)
	}
	if err := r.Save(testNow); err != nil {
		t.Fatal(err)
	}

	p, err := OpenPassword(dir, testPassword)
	if err != nil {
		t.Fatalf("OpenPassword of a v1 vault: %v", err)
	}
	if got, err := p.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey after the password unlock: %v", err)
	}
	pt := plainDocument(t, dir, id)
	assertNoRecoveryKey(t, "the migrated document", pt, rk)
	if f := formatOf(t, pt); f != FormatVersion {
		t.Errorf("document format %d after the password unlock, want %d", f, FormatVersion)
	}
	if m, _ := os.ReadFile(filepath.Join(dir, MetaFile)); formatOf(t, m) != FormatVersion {
		t.Errorf("lifeline.json format %d, want %d", formatOf(t, m), FormatVersion)
	}
	pwData, _ := os.ReadFile(filepath.Join(dir, PasswordFile))
	if ids, err := age.ParseIdentities(bytes.NewReader(decryptScrypt(t, pwData))); err != nil || len(ids) != 2 {
		t.Errorf("password.age holds %d identities, want 2 (%v)", len(ids), err)
	}

	// After the migration every key opens, and only the password shows
	// the recovery key.
	kr, err = openWith(dir, meta, id, vid)
	if err != nil {
		t.Fatalf("the v1 vault identity (keyring) no longer opens: %v", err)
	}
	if _, err := kr.RecoveryKey(); !errors.Is(err, ErrNeedsPassword) {
		t.Errorf("keyring-style RecoveryKey after migration = %v, want ErrNeedsPassword", err)
	}
	for name, open := range map[string]func() (*Vault, error){
		"password":     func() (*Vault, error) { return OpenPassword(dir, testPassword) },
		"recovery key": func() (*Vault, error) { return OpenRecoveryKey(dir, rk) },
	} {
		w, err := open()
		if err != nil || len(w.Doc.Accounts) != 5 || string(w.Doc.Settings["future"]) != `{"x":1}` {
			t.Fatalf("%s after migration: %v", name, err)
		}
		if got, err := w.RecoveryKey(); err != nil || got != rk {
			t.Errorf("%s after migration: RecoveryKey %v", name, err)
		}
	}
}

// A v1 vault opened with the recovery key can set a new password: that
// migrates it too, and the new password shows the same recovery key.
func TestFormat1PasswdAfterRecoveryKey(t *testing.T) {
	dir, vid, rk := writeV1Vault(t, 2)
	r, err := OpenRecoveryKey(dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.ChangePassword("forgot the old one"); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	p, err := OpenPassword(dir, "forgot the old one")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.RecoveryKey(); err != nil || got != rk {
		t.Fatalf("RecoveryKey: %v", err)
	}
	id, _ := age.ParseX25519Identity(p.identity)
	assertNoRecoveryKey(t, "the document", plainDocument(t, dir, id), rk)
	if p.identity == vid {
		t.Error("the vault identity did not change with the password")
	}
}

// decryptScrypt opens password.age with the test password.
func decryptScrypt(t *testing.T, data []byte) []byte {
	t.Helper()
	sid, _ := age.NewScryptIdentity(testPassword)
	r, err := age.Decrypt(bytes.NewReader(data), sid)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
