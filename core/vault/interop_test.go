package vault

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func writeSecretFile(t *testing.T, content string) string {
	p := filepath.Join(testkit.TempDir(t), "identity.txt")
	if err := os.WriteFile(p, []byte(content+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkDocument parses what age printed and compares it with the vault.
func checkDocument(t *testing.T, out []byte, v *Vault) {
	t.Helper()
	var d Document
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("age's output is not the document JSON: %v", err)
	}
	got, _ := json.Marshal(d.Accounts)
	want, _ := json.Marshal(v.Doc.Accounts)
	if d.VaultID != v.Meta.VaultID || !bytes.Equal(got, want) {
		t.Error("the document age decrypted differs from the vault's")
	}
}

// Without Lifeline: the recovery key's age identity, or the vault identity,
// opens vault.age with the age CLI, and age-keygen agrees on the recipients.
func TestAgeCLIOpensVault(t *testing.T) {
	ageBin, keygen := testkit.NeedTool(t, "age"), testkit.NeedTool(t, "age-keygen")
	v, rk := savedVault(t, 6)
	vaultFile := filepath.Join(v.Dir, VaultFile)
	for _, c := range []struct{ name, identity, recipient string }{
		{"recovery key", rk.AgeIdentity(), v.Meta.RecoveryRecipient},
		{"vault identity", v.Doc.Keys.VaultIdentity, v.Meta.VaultRecipient},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := writeSecretFile(t, c.identity)
			if got := strings.TrimSpace(string(testkit.Run(t, "", keygen, "-y", id))); got != c.recipient {
				t.Errorf("age-keygen -y = %s, lifeline.json says %s", got, c.recipient)
			}
			checkDocument(t, testkit.Run(t, "", ageBin, "-d", "-i", id, vaultFile), v)
		})
	}
	if rk.Recipient() != v.Meta.RecoveryRecipient {
		t.Error("Recipient() differs from lifeline.json")
	}
}

// password.age is a passphrase-encrypted age identity file: age asks for
// the password (on a terminal, hence script) and opens vault.age with it.
func TestAgeCLIPasswordFile(t *testing.T) {
	ageBin, script := testkit.NeedTool(t, "age"), testkit.NeedTool(t, "script")
	v, _ := savedVault(t, 2)
	out := filepath.Join(testkit.TempDir(t), "out.json")
	cmd := ageBin + " -d -i " + filepath.Join(v.Dir, PasswordFile) + " -o " + out + " " + filepath.Join(v.Dir, VaultFile)
	testkit.Run(t, testPassword+"\n", script, "-qec", cmd, "/dev/null")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("age wrote nothing: %v", err)
	}
	checkDocument(t, b, v)
}

// A vault.age written by the age CLI (as another implementation would, with
// no padding) opens in Lifeline.
func TestAgeCLIWrittenVault(t *testing.T) {
	ageBin := testkit.NeedTool(t, "age")
	v, rk := newTestVault(t)
	addAccounts(t, v, 3)
	doc, _ := json.Marshal(v.Doc)
	vaultFile := filepath.Join(v.Dir, VaultFile)
	testkit.Run(t, string(doc), ageBin, "-r", v.Meta.VaultRecipient, "-r", v.Meta.RecoveryRecipient, "-o", vaultFile)
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatalf("OpenRecoveryKey on an age-written vault: %v", err)
	}
	if len(w.Doc.Accounts) != 3 {
		t.Errorf("%d accounts, want 3", len(w.Doc.Accounts))
	}
	if _, err := OpenPassword(v.Dir, testPassword); err != nil {
		t.Errorf("OpenPassword on an age-written vault: %v", err)
	}
}
