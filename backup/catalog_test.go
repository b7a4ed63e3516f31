package backup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestListVaultOnlyOwn: two vaults back up into one folder; each lists its
// own backups only (and its snapshot, whose name carries no vault), each
// opened to count its accounts and verified; a damaged backup of its own
// is listed with what is wrong, another vault's older-named file is not.
func TestListVaultOnlyOwn(t *testing.T) {
	folder := testkit.TempDir(t)
	a, b := sharedVault(t, folder, 10), sharedVault(t, folder, 10)
	clock := testkit.NewClock(testNow)
	for _, v := range []*vault.Vault{a, b} {
		bk := NewBackuper(v.Dir, clock)
		for i := range 2 {
			change(t, v, i, clock.Now())
			if _, err := bk.Now(v); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Second)
		}
	}
	snap, err := Snapshot(a, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	rr, _ := b.RecoveryRecipient()
	foreign := filepath.Join(folder, "lifeline-backup-20200101-000000.age")
	if err := ExportFile(foreign, b.Doc, rr, Options{}.fromVault(b)); err != nil {
		t.Fatal(err)
	}
	got, err := ListVault(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("a lists %d backups, want its 2 and its snapshot: %v", len(got), got)
	}
	tag := vaultTag(a.Doc.VaultID)
	for _, e := range got {
		if e.Path == foreign || e.Vault != "" && e.Vault != tag {
			t.Errorf("a lists %s, not its own", e.Name)
		}
		if !e.Verified || e.Problem != nil || e.State() != "verified" {
			t.Errorf("%s: verified %v, problem %v", e.Name, e.Verified, e.Problem)
		}
	}
	if !got[0].Snapshot || got[0].Path != snap || got[0].Holds() != "3 accounts" {
		t.Errorf("newest %s (snapshot %v) holds %q, want the snapshot with 3 accounts", got[0].Name, got[0].Snapshot, got[0].Holds())
	}
	if got[2].Holds() != "2 accounts" {
		t.Errorf("oldest holds %q, want 2 accounts", got[2].Holds())
	}
	// A damaged backup of a's is listed, saying so.
	if err := os.WriteFile(got[1].Path, []byte("age-encryption.org/v1\n-> X25519 cut"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = ListVault(a)
	if err != nil || len(got) != 3 || got[1].Verified || !strings.HasPrefix(got[1].State(), "cannot be opened: ") || got[1].Holds() != "" {
		t.Fatalf("damaged backup: %v; %+v", err, got)
	}
	if bs, _ := ListVault(b); len(bs) != 3 {
		t.Errorf("b lists %d backups, want its 2 and its older-named one", len(bs))
	}
}

// Before the first backup the folder does not exist: no backups, no error.
func TestListVaultBeforeFirstBackup(t *testing.T) {
	v, _ := newVault(t, 1)
	if got, err := ListVault(v); err != nil || len(got) != 0 {
		t.Fatalf("ListVault = %v, %v; want none", got, err)
	}
}
