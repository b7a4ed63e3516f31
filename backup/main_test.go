package backup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestMain(m *testing.M) {
	// Cheap scrypt for passwords and passphrase backups (age's own tests
	// lower it the same way).
	vault.SetWorkFactor(10)
	testkit.Main(m) // vaults make a device folder: in a home of the tests' own
}

var testNow = testkit.Now

const testPassword = testkit.Password

// newVault creates a vault with n saved accounts.
func newVault(t testing.TB, n int) (*vault.Vault, vault.RecoveryKey) {
	t.Helper()
	v, rk, err := vault.Create(filepath.Join(testkit.TempDir(t), "vault"), testPassword, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := v.Doc.Add(testkit.Account(i), testNow); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	return v, rk
}

func accountsJSON(t testing.TB, a []core.Account) string {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// dirState reads every regular file in dir, to prove a failure changed
// nothing.
func dirState(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			m[e.Name()] = string(b)
		}
	}
	return m
}
