package vault

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestDocumentAddAccountLimit: a vault of core.MaxAccounts takes no more,
// and is left as it was.
func TestDocumentAddAccountLimit(t *testing.T) {
	d := Document{Accounts: make([]core.Account, core.MaxAccounts)}
	_, err := d.Add(core.Account{Issuer: "GitHub", Secret: testkit.RandomSecret(20)}, testNow)
	if !errors.Is(err, core.ErrOverLimit) || !strings.HasPrefix(err.Error(), "accounts: 100001 given, at most 100000 per vault are kept") {
		t.Fatalf("Add to a full vault: %v", err)
	}
	if len(d.Accounts) != core.MaxAccounts || !d.Updated.IsZero() {
		t.Errorf("the document changed: %d accounts, updated %v", len(d.Accounts), d.Updated)
	}
	d.Accounts = d.Accounts[:core.MaxAccounts-1]
	if _, err := d.Add(core.Account{Issuer: "GitHub", Secret: testkit.RandomSecret(20)}, testNow); err != nil {
		t.Fatalf("Add of the last one: %v", err)
	}
}

// TestDocumentAddOverLimit: Add refuses an account over a field limit.
func TestDocumentAddOverLimit(t *testing.T) {
	var d Document
	_, err := d.Add(core.Account{Issuer: "GitHub", Note: strings.Repeat("x", core.MaxNoteBytes+1), Secret: testkit.RandomSecret(20)}, testNow)
	if !errors.Is(err, core.ErrOverLimit) || len(d.Accounts) != 0 {
		t.Fatalf("Add with a 10 KiB+1 note: %v, %d accounts", err, len(d.Accounts))
	}
}

// TestOverLimitVaultOpens: a vault written before the limits, with an
// account over them, still opens, saves and keeps what it holds; the
// account can be brought under the limits.
func TestOverLimitVaultOpens(t *testing.T) {
	v, _ := savedVault(t, 3)
	big := &v.Doc.Accounts[1]
	for i := range 2 * core.MaxRecoveryCodes {
		big.RecoveryCodes = append(big.RecoveryCodes, core.RecoveryCode{Code: core.Sensitive(fmt.Sprintf("code-%04d", i)), Added: testNow})
	}
	big.Note = strings.Repeat("n", 2*core.MaxNoteBytes)
	if err := v.Save(testNow); err != nil {
		t.Fatalf("Save of an over-limit vault: %v", err)
	}
	o, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatalf("OpenPassword of an over-limit vault: %v", err)
	}
	a := &o.Doc.Accounts[1]
	if len(a.RecoveryCodes) != 2*core.MaxRecoveryCodes || len(a.Note) != 2*core.MaxNoteBytes {
		t.Fatalf("opened with %d codes and a %d-byte note", len(a.RecoveryCodes), len(a.Note))
	}
	if err := a.Validate(); !errors.Is(err, core.ErrOverLimit) {
		t.Fatalf("Validate of the over-limit account: %v", err)
	}
	if err := a.ReplaceRecoveryCodes([]string{"abcd-1234", "efgh-5678"}, testNow); err != nil {
		t.Fatal(err)
	}
	a.Note = "short"
	if err := a.Validate(); err != nil {
		t.Fatalf("brought under the limits: %v", err)
	}
	o.Doc.Touch(1, testNow)
	if err := o.Save(testNow); err != nil {
		t.Fatal(err)
	}
}

// TestVaultFileTooLarge: a vault file over its limit (a sparse file, never
// read) is refused as damaged, saying why, and nothing changes.
func TestVaultFileTooLarge(t *testing.T) {
	v, rk := savedVault(t, 1)
	for _, tc := range []struct {
		file string
		max  int64
		want string
	}{
		{VaultFile, MaxVaultFile, "vault file vault.age is damaged: too large to be a Lifeline file: over 256 MiB"},
		{PasswordFile, MaxPasswordFile, "vault file password.age is damaged: too large to be a Lifeline file: over 64 KiB"},
		{MetaFile, MaxMetaFile, "vault file lifeline.json is damaged: too large to be a Lifeline file: over 1 MiB"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := copyDir(t, v.Dir)
			if err := os.Truncate(filepath.Join(dir, tc.file), tc.max+1); err != nil {
				t.Fatal(err)
			}
			before := sums(t, dir)
			_, err := OpenPassword(dir, testPassword)
			if tc.file == PasswordFile {
				// The recovery key does not need password.age.
				if _, rerr := OpenRecoveryKey(dir, rk); rerr != nil {
					t.Errorf("OpenRecoveryKey beside a huge password.age: %v", rerr)
				}
			}
			var dmg *DamagedError
			if !errors.As(err, &dmg) || dmg.Reason != ReasonTooLarge || err.Error() != tc.want {
				t.Fatalf("OpenPassword: %v\nwant %s", err, tc.want)
			}
			if after := sums(t, dir); !maps.Equal(after, before) {
				t.Errorf("the vault folder changed")
			}
		})
	}
}

// sums is the SHA-256 of each file in dir: snapshot, for files too large
// to hold twice.
func sums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][32]byte{}
	for _, e := range entries {
		if out[e.Name()], err = FileSum(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestSaveTooLarge: a save that would make the document larger than its
// backups can be read back at is refused before anything is written, and
// the vault opens as it was; taking the bulk out again saves.
func TestSaveTooLarge(t *testing.T) {
	v, _ := savedVault(t, 2)
	before := sums(t, v.Dir)
	note := strings.Repeat("n", core.MaxNoteBytes)
	for len(v.Doc.Accounts)*core.MaxNoteBytes <= MaxDocument {
		if _, err := v.Doc.Add(core.Account{Issuer: "Bulk", Name: fmt.Sprint(len(v.Doc.Accounts)), Note: note, Secret: testkit.RandomSecret(20)}, testNow); err != nil {
			t.Fatal(err)
		}
	}
	err := v.Save(testNow)
	if !errors.Is(err, ErrVaultTooLarge) || !strings.Contains(err.Error(), "at most 40 MiB is saved; remove notes or recovery codes") {
		t.Fatalf("Save of a %d-account vault: %v", len(v.Doc.Accounts), err)
	}
	if after := sums(t, v.Dir); !maps.Equal(before, after) {
		t.Fatal("a refused save changed the vault's files")
	}
	v.Doc.Accounts = v.Doc.Accounts[:3]
	if err := v.Save(testNow); err != nil {
		t.Fatalf("Save once under the limit: %v", err)
	}
}
