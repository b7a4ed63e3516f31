package backup

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// formatVerifier is the Python verifier docs/FORMAT.md gives for the
// backup authenticator, written to a file.
func formatVerifier(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../docs/FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "A verifier in Python 3")
	_, after, ok2 := strings.Cut(after, "```python\n")
	script, _, ok3 := strings.Cut(after, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("FORMAT.md has no authenticator verifier")
	}
	p := testkit.TempDir(t) + "/verify.py"
	if err := os.WriteFile(p, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// decrypted is the plaintext of an age file, opened with id.
func decrypted(t *testing.T, data []byte, id age.Identity) []byte {
	t.Helper()
	var pt bytes.Buffer
	bin, _, err := inspect(data)
	if err == nil {
		r, derr := age.Decrypt(bytes.NewReader(bin), id)
		if err = derr; err == nil {
			_, err = pt.ReadFrom(r)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return pt.Bytes()
}

// A backup's authenticator, checked by the Python program in FORMAT.md:
// the genuine file passes, one changed byte fails, and Read says the same.
func TestAuthenticatorAsFormatSays(t *testing.T) {
	python := testkit.NeedTool(t, "python3")
	verify := formatVerifier(t)
	v, rk := newVault(t, 3)
	rr, _ := v.RecoveryRecipient()
	var b bytes.Buffer
	if err := Export(&b, v.Doc, rr, Options{}); err != nil {
		t.Fatal(err)
	}
	pt := decrypted(t, b.Bytes(), rk.Identity())
	tampered := bytes.Replace(pt, []byte(`"issuer":"`), []byte(`"issuer":"X`), 1)
	tampered = tampered[:len(tampered)-1] // same length, so the same padding
	dir := testkit.TempDir(t)
	for _, c := range []struct {
		name string
		pt   []byte
		want string
		made Maker
	}{
		{"genuine", pt, "made by the vault of this recovery key", MadeByThisVault},
		{"tampered", tampered, "NOT made by the vault of this recovery key", MadeElsewhere},
	} {
		path := dir + "/" + c.name + ".json"
		if err := os.WriteFile(path, c.pt, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(testkit.Run(t, "", python, verify, rk.Reveal(), path))); got != c.want {
			t.Errorf("%s: FORMAT.md's verifier says %q, want %q", c.name, got, c.want)
		}
		var enc bytes.Buffer
		w, _ := age.Encrypt(&enc, rk.Identity().Recipient())
		w.Write(c.pt)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		o, err := Read(enc.Bytes(), Key{RecoveryKey: rk})
		if err != nil || o.Made != c.made {
			t.Errorf("%s: Read made = %v (%v), want %v", c.name, o.Made, err, c.made)
		}
	}
}

// Who made it, for each way a backup is opened.
func TestReadSaysWhoMadeIt(t *testing.T) {
	v, rk := newVault(t, 2)
	other, otherRK := newVault(t, 1)
	rr, _ := v.RecoveryRecipient()
	orr, _ := other.RecoveryRecipient()
	export := func(doc *vault.Document, rr string, o Options) []byte {
		var b bytes.Buffer
		if err := Export(&b, doc, rr, o); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	mine, pass := export(v.Doc, rr, Options{}), export(v.Doc, rr, Options{Passphrase: "p"})
	theirs := export(other.Doc, orr, Options{})
	var own Key
	own.DefaultToVault(v)
	ownAnd := func(k Key) Key { k.AuthKey = own.AuthKey; return k }
	for _, c := range []struct {
		name string
		data []byte
		key  Key
		want Maker
	}{
		{"own backup, this vault's key", mine, own, MadeByThisVault},
		{"own backup, the recovery key on a new device", mine, Key{RecoveryKey: rk}, MadeByThisVault},
		{"passphrase backup into this vault", pass, ownAnd(Key{Passphrase: "p"}), MadeByThisVault},
		{"passphrase backup on a new device", pass, Key{Passphrase: "p"}, MadeUnchecked},
		{"another vault's backup, its key, into this vault", theirs, ownAnd(Key{RecoveryKey: otherRK}), MadeByKeyGiven},
	} {
		o, err := Read(c.data, c.key)
		if err != nil || o.Made != c.want {
			t.Errorf("%s: made = %v (%v), want %v", c.name, o.Made, err, c.want)
		}
	}
}

// After a keyring unlock the vault has no recovery key, yet the automatic
// backup it writes is authenticated: the key is kept in the document.
func TestKeyringUnlockAuthenticates(t *testing.T) {
	if err := vault.KeyringStatus(); err != nil {
		testkit.MissingKeyring(t, "no Secret Service: %v", err)
	}
	v, rk := newVault(t, 2)
	if err := v.EnableKeyring(); err != nil {
		testkit.MissingKeyring(t, "EnableKeyring: %v", err)
	}
	t.Cleanup(func() { v.DisableKeyring() })
	w, err := vault.OpenKeyring(v.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.RecoveryKey(); err == nil {
		t.Fatal("a keyring unlock has the recovery key")
	}
	path, err := NewBackuper(w.Dir, nil).Now(w)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	o, err := Read(data, Key{RecoveryKey: rk})
	if err != nil || o.Made != MadeByThisVault {
		t.Fatalf("backup after a keyring unlock: made = %v (%v), want MadeByThisVault", o.Made, err)
	}
}
