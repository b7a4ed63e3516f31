package backup

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The identity files a person may hold open the backups made for them:
// age keys, SSH keys (also passphrase-protected ones from ssh-keygen), and a
// vault's own password.age (an age identity file encrypted with the vault
// password), which opens that vault's vault.age, itself a valid backup.
func TestParseIdentityFile(t *testing.T) {
	v, rk := newVault(t, 3)
	rr, _ := v.RecoveryRecipient()
	ageID, _ := age.GenerateX25519Identity()
	_, edPub := sshKeyPair(t, "ed25519")
	keygen := testkit.NeedTool(t, "ssh-keygen")
	locked := filepath.Join(t.TempDir(), "id_locked")
	testkit.Run(t, "", keygen, "-q", "-t", "ed25519", "-N", "ssh pass", "-f", locked)
	lockedPub, _ := os.ReadFile(locked + ".pub")
	lockedPriv, _ := os.ReadFile(locked)
	passwordAge, err := os.ReadFile(filepath.Join(v.Dir, vault.PasswordFile))
	if err != nil {
		t.Fatal(err)
	}

	backup := func(o Options) []byte {
		var b bytes.Buffer
		if err := Export(&b, v.Doc, rr, o); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	asked := 0
	ask := func(answer string) func() (string, error) {
		return func() (string, error) { asked++; return answer, nil }
	}
	cases := []struct {
		name    string
		file    []byte
		pass    func() (string, error)
		backup  []byte
		wantErr string
	}{
		{"age identity with comments", []byte("# created: today\n" + ageID.String() + "\n"), nil,
			backup(Options{Recipients: []age.Recipient{ageID.Recipient()}}), ""},
		{"recovery key's age identity", []byte(rk.AgeIdentity() + "\n"), nil, backup(Options{}), ""},
		{"passphrase-protected SSH key", lockedPriv, ask("ssh pass"),
			backup(Options{Recipients: []age.Recipient{mustRecipient(t, string(lockedPub))}}), ""},
		{"passphrase-protected SSH key, no way to ask", lockedPriv, nil, nil, "protected by a passphrase"},
		{"vault password.age", passwordAge, ask(testPassword), nil, ""},
		{"vault password.age, wrong password", passwordAge, ask("nope"), nil, "wrong passphrase for the identity file"},
		{"a recovery key", []byte(rk.Reveal() + "\n"), nil, nil, "holds a recovery key"},
		{"a public key", []byte(edPub + "\n"), nil, nil, "identity file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ids, err := ParseIdentityFile(c.file, c.pass)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want %q", err, c.wantErr)
				}
				if strings.Contains(err.Error(), rk.Reveal()) || strings.Contains(err.Error(), "PRIVATE") {
					t.Fatal("the error quotes the key")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			data := c.backup
			if data == nil {
				// password.age holds the vault identity, which opens vault.age.
				data, _ = os.ReadFile(filepath.Join(v.Dir, vault.VaultFile))
			}
			o, err := Read(data, Key{Identities: ids})
			if err != nil {
				t.Fatalf("Read with it: %v", err)
			}
			if o.By != "identity file" || len(o.Doc.Accounts) != 3 {
				t.Errorf("opened by %s with %d accounts", o.By, len(o.Doc.Accounts))
			}
		})
	}
	if asked == 0 {
		t.Error("the passphrase callback was never used")
	}
	if _, err := ParseIdentityFile(lockedPriv, func() (string, error) { return "", errors.New("cancelled") }); err != nil {
		t.Fatalf("an SSH key asks only when it is needed, not when parsed: %v", err)
	}
}
