package backup

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/lifelineauth/lifeline/core/testkit"
	"golang.org/x/crypto/ssh"
)

// sshKeyPair makes an SSH key in Go, in the OpenSSH formats ssh-keygen
// writes: the private key file and the authorized_keys line.
func sshKeyPair(t testing.TB, kind string) (private []byte, public string) {
	t.Helper()
	var key any
	switch kind {
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key = k
	case "rsa":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		key = k
	}
	block, err := ssh.MarshalPrivateKey(key, "test key")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(block), strings.TrimSpace(string(ssh.MarshalAuthorizedKey(signer.PublicKey()))) + " me@laptop"
}

func mustRecipient(t testing.TB, s string) age.Recipient {
	t.Helper()
	r, err := ParseRecipient(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every kind of protection round-trips, says in its header what opens it,
// and carries the vault's keys only when the recovery key alone opens it.
func TestExportRoundTrip(t *testing.T) {
	v, rk := newVault(t, 25)
	rr, err := v.RecoveryRecipient()
	if err != nil {
		t.Fatal(err)
	}
	friend, _ := age.GenerateX25519Identity()
	edPriv, edPub := sshKeyPair(t, "ed25519")
	rsaPriv, rsaPub := sshKeyPair(t, "rsa")
	ids := func(data []byte) []age.Identity {
		got, err := ParseIdentityFile(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	cases := []struct {
		name      string
		opts      Options
		key       Key
		needs     []Need
		keepsKeys bool
	}{
		{"default", Options{}, Key{RecoveryKey: rk}, []Need{NeedRecoveryKey}, true},
		{"default armored", Options{Armor: true}, Key{RecoveryKey: rk}, []Need{NeedRecoveryKey}, true},
		{"passphrase", Options{Passphrase: "long backup passphrase"}, Key{Passphrase: "long backup passphrase"}, []Need{NeedPassphrase}, false},
		{"passphrase armored", Options{Passphrase: "p", Armor: true}, Key{Passphrase: "p"}, []Need{NeedPassphrase}, false},
		{"age recipient", Options{Recipients: []age.Recipient{friend.Recipient()}}, Key{Identities: []age.Identity{friend}}, []Need{NeedRecoveryKey}, false},
		{"age recipient, opened by recovery key", Options{Recipients: []age.Recipient{friend.Recipient()}}, Key{RecoveryKey: rk}, []Need{NeedRecoveryKey}, false},
		{"ssh-ed25519", Options{Recipients: []age.Recipient{mustRecipient(t, edPub)}}, Key{Identities: ids(edPriv)}, []Need{NeedRecoveryKey, NeedSSHKey}, false},
		{"ssh-rsa", Options{Recipients: []age.Recipient{mustRecipient(t, rsaPub)}}, Key{Identities: ids(rsaPriv)}, []Need{NeedRecoveryKey, NeedSSHKey}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.opts.KeepsKeys() != c.keepsKeys {
				t.Fatalf("KeepsKeys = %v", c.opts.KeepsKeys())
			}
			var calls int
			var last, total int64
			c.opts.Progress = func(d, tot int64) { calls, last, total = calls+1, d, tot }
			var buf bytes.Buffer
			if err := Export(&buf, v.Doc, rr, c.opts); err != nil {
				t.Fatal(err)
			}
			if calls == 0 || last != total {
				t.Errorf("progress: %d calls, ended at %d of %d", calls, last, total)
			}
			info, err := Inspect(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if info.Armored != c.opts.Armor || !equalNeeds(info.Needs, c.needs) {
				t.Errorf("Inspect = %+v, want armored %v needs %v", info, c.opts.Armor, c.needs)
			}
			o, err := Read(buf.Bytes(), c.key)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if accountsJSON(t, o.Doc.Accounts) != accountsJSON(t, v.Doc.Accounts) || o.Doc.VaultID != v.Doc.VaultID {
				t.Error("the backup's accounts differ from the vault's")
			}
			if (o.Doc.Keys != nil) != c.keepsKeys {
				t.Errorf("keys in backup = %v, want %v", o.Doc.Keys != nil, c.keepsKeys)
			}
			if (o.RecoveryKey == rk) != !c.key.RecoveryKey.IsZero() {
				t.Errorf("Opened.RecoveryKey set = %v, by %s", o.RecoveryKey == rk, o.By)
			}
		})
	}
	if v.Doc.Keys == nil {
		t.Fatal("Export removed the vault's own keys from the live document")
	}
}

func equalNeeds(a, b []Need) bool {
	return strings.Join(needStrings(a), ",") == strings.Join(needStrings(b), ",")
}

func needStrings(n []Need) []string {
	s := make([]string, len(n))
	for i := range n {
		s[i] = string(n[i])
	}
	return s
}

func TestExportFileNeverOverwrites(t *testing.T) {
	v, _ := newVault(t, 2)
	rr, _ := v.RecoveryRecipient()
	dir := testkit.TempDir(t)
	p := writeFile(t, dir, "mine.age", []byte("precious"))
	if err := ExportFile(p, v.Doc, rr, Options{}); !errors.Is(err, ErrExists) {
		t.Fatalf("ExportFile over a file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "precious" {
		t.Fatal("the existing file was changed")
	}
	fresh := filepath.Join(dir, "new.age")
	if err := ExportFile(fresh, v.Doc, rr, Options{}); err != nil {
		t.Fatal(err)
	}
	testkit.WantMode(t, fresh, 0o600)
	if got := dirState(t, dir); len(got) != 2 {
		t.Errorf("left files behind: %v", len(got))
	}
}

func TestParseRecipient(t *testing.T) {
	id, _ := age.GenerateX25519Identity()
	_, edPub := sshKeyPair(t, "ed25519")
	cases := []struct {
		in, wantErr string
	}{
		{id.Recipient().String(), ""},
		{"  " + id.Recipient().String() + "\n", ""},
		{edPub, ""},
		{id.String(), "secret key, not a recipient"},
		{"ssh-ed25519 AAAAnotbase64", "SSH recipient"},
		{"age1notvalid", "age recipient"},
		{"alice@example.com", "neither an age key"},
	}
	for _, c := range cases {
		t.Run(c.in[:min(len(c.in), 12)], func(t *testing.T) {
			_, err := ParseRecipient(c.in)
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)) {
				t.Fatalf("err = %v, want %q", err, c.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), id.String()) {
				t.Fatal("the error quotes a secret key")
			}
		})
	}
}

func TestPassphraseBackupRefusesRecipients(t *testing.T) {
	v, _ := newVault(t, 1)
	rr, _ := v.RecoveryRecipient()
	id, _ := age.GenerateX25519Identity()
	err := Export(&bytes.Buffer{}, v.Doc, rr, Options{Passphrase: "p", Recipients: []age.Recipient{id.Recipient()}})
	if err == nil || !strings.Contains(err.Error(), "only alone") {
		t.Fatalf("err = %v", err)
	}
}
