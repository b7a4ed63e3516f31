package ready_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestMain(m *testing.M) {
	// Cheap scrypt: every test creates a vault with a password.
	vault.SetWorkFactor(10)
	testkit.Main(m) // vaults make a device folder: in a home of the tests' own
}

var now = testkit.Now

// newVault is a vault with n accounts (none with recovery codes), saved.
func newVault(t testing.TB, n int) (*vault.Vault, vault.RecoveryKey) {
	t.Helper()
	v, rk, err := vault.Create(filepath.Join(testkit.TempDir(t), "vault"), testkit.Password, now)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := testkit.Account(i)
		a.RecoveryCodes = nil
		if _, err := v.Doc.Add(a, now); err != nil {
			t.Fatal(err)
		}
	}
	save(t, v)
	return v, rk
}

// save saves the vault at now, or at its last change when that is later.
func save(t testing.TB, v *vault.Vault) {
	t.Helper()
	at := now
	if v.Doc.Updated.After(at) {
		at = v.Doc.Updated
	}
	if err := v.Save(at); err != nil {
		t.Fatal(err)
	}
}

// syncFolder is a folder Syncthing keeps.
func syncFolder(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(testkit.TempDir(t), "Sync")
	if err := os.MkdirAll(filepath.Join(dir, ".stfolder"), 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// backupTo points automatic backups at folder ("" for the default) and
// makes one.
func backupTo(t testing.TB, v *vault.Vault, folder string) {
	t.Helper()
	s, _ := backup.LoadSettings(v.Doc)
	s.Folder = folder
	if err := s.Store(v.Doc); err != nil {
		t.Fatal(err)
	}
	save(t, v)
	backupNow(t, v)
}

func backupNow(t testing.TB, v *vault.Vault) {
	t.Helper()
	if _, err := backup.AfterSave(v); err != nil {
		t.Fatal(err)
	}
}

// printKit records a kit of the vault as it is.
func printKit(t testing.TB, v *vault.Vault, rk vault.RecoveryKey) {
	t.Helper()
	m, err := kit.Write(io.Discard, v.Doc, rk, kit.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if err := kit.Record(v.Doc, m); err != nil {
		t.Fatal(err)
	}
	save(t, v)
}

func testKey(t testing.TB, v *vault.Vault, rk vault.RecoveryKey, at time.Time) {
	t.Helper()
	if err := ready.TestRecoveryKey(v, rk.Reveal(), at); err != nil {
		t.Fatal(err)
	}
	save(t, v)
}

// allReady is a vault of n accounts with everything in place: a verified
// backup in a Syncthing folder, a current kit, a tested key.
func allReady(t testing.TB, n int) (*vault.Vault, vault.RecoveryKey) {
	t.Helper()
	v, rk := newVault(t, n)
	makeReady(t, v, rk)
	return v, rk
}

// makeReady saves v, tests its key, prints a kit and backs it up to a
// Syncthing folder.
func makeReady(t testing.TB, v *vault.Vault, rk vault.RecoveryKey) {
	t.Helper()
	save(t, v)
	testKey(t, v, rk, now)
	printKit(t, v, rk)
	backupTo(t, v, syncFolder(t))
}

// fakeTable stands in for the services table.
func fakeTable(a core.Account) (ready.ServiceFacts, bool) {
	no := false
	switch a.Issuer {
	case "GitHub":
		return ready.ServiceFacts{Name: "GitHub", TwoFactorURL: "https://github.com/settings/security",
			RecoveryURL: "https://github.com/settings/auth/recovery-codes", IssuesCodes: true}, true
	case "Binance":
		return ready.ServiceFacts{Name: "Binance", TwoFactorURL: "https://www.binance.com/en/my/security",
			RecoveryURL: "https://www.binance.com/en/support", IssuesCodes: true, Regenerable: &no}, true
	}
	return ready.ServiceFacts{}, false
}

// noFacts knows no site: the checks that need the services table are quiet.
func noFacts(core.Account) (ready.ServiceFacts, bool) { return ready.ServiceFacts{}, false }

// check runs the check with the lookup l, or with no facts when l is nil.
func check(t testing.TB, v *vault.Vault, at time.Time, l ready.Lookup) ready.Report {
	t.Helper()
	if l == nil {
		l = noFacts
	}
	r, err := ready.Check(v, at, ready.Options{Lookup: l})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testAccount(issuer string) core.Account {
	return core.Account{Issuer: issuer, Name: "user", Secret: testkit.RandomSecret(20)}
}
