package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCreateAndOpenEachWay(t *testing.T) {
	v, rk := savedVault(t, 12)
	want, _ := json.Marshal(v.Doc.Accounts)

	opens := []struct {
		name string
		open func() (*Vault, error)
	}{
		{"password", func() (*Vault, error) { return OpenPassword(v.Dir, testPassword) }},
		{"recovery key", func() (*Vault, error) { return OpenRecoveryKey(v.Dir, rk) }},
		{"recovery key typed sloppily", func() (*Vault, error) {
			k, err := ParseRecoveryKey(strings.ToLower(strings.ReplaceAll(rk.Reveal(), "-", " ")))
			if err != nil {
				return nil, err
			}
			return OpenRecoveryKey(v.Dir, k)
		}},
	}
	for _, o := range opens {
		t.Run(o.name, func(t *testing.T) {
			before := snapshot(t, v.Dir)
			w, err := o.open()
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			got, _ := json.Marshal(w.Doc.Accounts)
			if !bytes.Equal(got, want) {
				t.Error("opened accounts differ from the saved ones")
			}
			if w.Meta != v.Meta || w.Doc.VaultID != v.Meta.VaultID {
				t.Errorf("Meta = %+v, want %+v", w.Meta, v.Meta)
			}
			if k, err := w.RecoveryKey(); err != nil || k != rk {
				t.Errorf("RecoveryKey() = %v", err)
			}
			if w.identity != v.identity {
				t.Error("the vault identity was not recovered")
			}
			assertUnchanged(t, v.Dir, before) // opening writes nothing
			// Every way in can save.
			if err := w.Save(testNow); err != nil {
				t.Errorf("Save: %v", err)
			}
		})
	}
}

func TestCreateFilesAndPermissions(t *testing.T) {
	v, rk := newTestVault(t)
	if !Exists(v.Dir) {
		t.Fatal("Exists = false after Create")
	}
	names := map[string]bool{}
	entries, _ := os.ReadDir(v.Dir)
	for _, e := range entries {
		names[e.Name()] = true
	}
	for _, n := range []string{VaultFile, PasswordFile, MetaFile, LockFile} {
		if !names[n] {
			t.Errorf("%s missing", n)
		}
	}
	if len(names) != 4 {
		t.Errorf("vault dir holds %v, want exactly the four files", names)
	}
	testkit.WantMode(t, v.Dir, 0o700)
	for _, n := range []string{VaultFile, PasswordFile, MetaFile, LockFile} {
		testkit.WantMode(t, filepath.Join(v.Dir, n), 0o600)
	}

	// lifeline.json is public: it must hold no secret, and no file may hold
	// a secret in plain text.
	keys := v.Doc.Keys
	for name, b := range snapshot(t, v.Dir) {
		for _, secret := range []string{keys.VaultIdentity, rk.AgeIdentity(), rk.Reveal(), strings.ReplaceAll(rk.Reveal(), "-", ""), testPassword} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains a secret in plain text", name)
			}
		}
	}
	var m map[string]any
	b, _ := os.ReadFile(filepath.Join(v.Dir, MetaFile))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "vault_id", "vault_recipient", "recovery_recipient", "keyring", "created"} {
		if _, ok := m[k]; !ok {
			t.Errorf("lifeline.json lacks %q", k)
		}
	}
	if len(m) != 6 {
		t.Errorf("lifeline.json has %d fields, want 6: %v", len(m), m)
	}
	if m["recovery_recipient"] != rk.Recipient() {
		t.Errorf("recovery_recipient = %v, want %s", m["recovery_recipient"], rk.Recipient())
	}
}

func TestCreateRefuses(t *testing.T) {
	v, _ := newTestVault(t)
	before := snapshot(t, v.Dir)
	if _, _, err := Create(v.Dir, "another", testNow); !errors.Is(err, ErrExists) {
		t.Errorf("Create over a vault = %v, want ErrExists", err)
	}
	assertUnchanged(t, v.Dir, before)

	// A vault that lost lifeline.json, or vault.age, is still a vault.
	for _, lost := range []string{MetaFile, VaultFile} {
		dir := copyDir(t, v.Dir)
		os.Remove(filepath.Join(dir, lost))
		if _, _, err := Create(dir, "another", testNow); !errors.Is(err, ErrExists) {
			t.Errorf("Create over a vault without %s = %v, want ErrExists", lost, err)
		}
	}

	dir := filepath.Join(testkit.TempDir(t), "new")
	if _, _, err := Create(dir, "", testNow); !errors.Is(err, ErrEmptyPassword) {
		t.Errorf("Create with an empty password = %v, want ErrEmptyPassword", err)
	}
	if Exists(dir) {
		t.Error("a refused Create left a vault")
	}
}

// The recovery key still opens a vault whose password.age is gone: it is
// the way back when the password file is lost.
func TestRecoveryKeyWithoutPasswordFile(t *testing.T) {
	v, rk := newTestVault(t)
	addAccounts(t, v, 2)
	v.Save(testNow)
	os.Remove(filepath.Join(v.Dir, PasswordFile))
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatalf("OpenRecoveryKey: %v", err)
	}
	if err := w.ChangePassword("fresh"); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	if _, err := OpenPassword(v.Dir, "fresh"); err != nil {
		t.Fatalf("OpenPassword after re-creating password.age: %v", err)
	}
}

func TestDefaultDir(t *testing.T) {
	// A home of its own: a vault another test (or the person) moved must
	// not answer for the default.
	testkit.SetHome(t, testkit.TempDir(t))
	t.Setenv("LIFELINE_DEVICE_DIR", "")
	t.Setenv("LIFELINE_VAULT", "/somewhere/else")
	if d, err := DefaultDir(); err != nil || d != "/somewhere/else" {
		t.Errorf("DefaultDir with LIFELINE_VAULT = %q, %v", d, err)
	}
	t.Setenv("LIFELINE_VAULT", "")
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Skip(err)
	}
	if d, err := DefaultDir(); err != nil || d != filepath.Join(cfg, "lifeline") {
		t.Errorf("DefaultDir = %q, %v; want %s", d, err, filepath.Join(cfg, "lifeline"))
	}
}
