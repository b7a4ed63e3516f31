package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// A fresh device: a vault made from a backup document opens with the new
// password and with the recovery key given (else a new one), keeping the
// vault id but never a key from the document: a new vault identity.
func TestCreateFromDocument(t *testing.T) {
	orig, rk := newTestVault(t)
	addAccounts(t, orig, 7)
	orig.Doc.Settings = map[string]json.RawMessage{"future": json.RawMessage(`{"x":1}`)}
	if err := orig.Save(testNow); err != nil {
		t.Fatal(err)
	}
	withoutKeys := *orig.Doc
	withoutKeys.Keys = nil
	// A format 1 backup holds the recovery key; a format 2 one only its
	// recipient, and the key is the one that opened the backup.
	v1Keys := *orig.Doc
	v1Keys.Keys = &Keys{VaultIdentity: orig.identity, RecoveryKey: rk.Reveal()}
	otherRK, _ := NewRecoveryKey()
	later := testNow.Add(time.Hour)

	cases := []struct {
		name    string
		doc     *Document
		rk      RecoveryKey
		wantKey func(RecoveryKey) bool
	}{
		{"with keys", orig.Doc, rk, func(k RecoveryKey) bool { return k == rk }},
		{"with format 1 keys", &v1Keys, RecoveryKey{}, func(k RecoveryKey) bool { return !k.IsZero() && k != rk }},
		{"with format 1 keys, another key given", &v1Keys, otherRK, func(k RecoveryKey) bool { return k == otherRK }},
		{"without keys, key given", &withoutKeys, otherRK, func(k RecoveryKey) bool { return k == otherRK }},
		{"without keys, no key", &withoutKeys, RecoveryKey{}, func(k RecoveryKey) bool { return !k.IsZero() && k != rk }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := json.Marshal(c.doc)
			dir := filepath.Join(testkit.TempDir(t), "restored")
			v, key, err := CreateFromDocument(dir, "new password", c.doc, c.rk, later)
			if err != nil {
				t.Fatalf("CreateFromDocument: %v", err)
			}
			if after, _ := json.Marshal(c.doc); !bytes.Equal(before, after) {
				t.Error("the source document was modified")
			}
			if !c.wantKey(key) {
				t.Error("unexpected recovery key")
			}
			if v.Meta.VaultID != orig.Meta.VaultID || v.Meta.VaultRecipient == orig.Meta.VaultRecipient {
				t.Errorf("vault id kept = %v (want true), identity kept = %v (want false)", v.Meta.VaultID == orig.Meta.VaultID, v.Meta.VaultRecipient == orig.Meta.VaultRecipient)
			}
			for name, open := range map[string]func() (*Vault, error){
				"password":     func() (*Vault, error) { return OpenPassword(dir, "new password") },
				"recovery key": func() (*Vault, error) { return OpenRecoveryKey(dir, key) },
			} {
				w, err := open()
				if err != nil {
					t.Fatalf("open with %s: %v", name, err)
				}
				got, _ := json.Marshal(w.Doc.Accounts)
				want, _ := json.Marshal(orig.Doc.Accounts)
				if !bytes.Equal(got, want) {
					t.Errorf("open with %s: accounts differ", name)
				}
				if string(w.Doc.Settings["future"]) != `{"x":1}` {
					t.Errorf("open with %s: settings lost: %s", name, w.Doc.Settings)
				}
				if w.identity == "" {
					t.Errorf("open with %s: no vault identity (password reset impossible)", name)
				}
			}
		})
	}
}

func TestCreateFromDocumentRefuses(t *testing.T) {
	v, _ := newTestVault(t)
	newer := *v.Doc
	newer.Format = FormatVersion + 1
	cases := []struct {
		name string
		dir  string
		pw   string
		doc  *Document
		want error
	}{
		{"existing vault", v.Dir, "pw", v.Doc, ErrExists},
		{"empty password", filepath.Join(testkit.TempDir(t), "a"), "", v.Doc, ErrEmptyPassword},
		{"newer format", filepath.Join(testkit.TempDir(t), "b"), "pw", &newer, ErrNewerFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, v.Dir)
			if _, _, err := CreateFromDocument(c.dir, c.pw, c.doc, RecoveryKey{}, testNow); !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			assertUnchanged(t, v.Dir, before)
		})
	}
}
