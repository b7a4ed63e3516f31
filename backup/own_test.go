package backup

import (
	"errors"
	"os"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// The backups a vault writes of itself (automatic ones and restore
// snapshots) open with its own identity as well as with the recovery key,
// so the device restores them after a keyring unlock; an export for
// elsewhere opens with the recovery key only, as before.
func TestOwnBackupsOpenWithTheVaultKey(t *testing.T) {
	v, rk := newVault(t, 3)
	own, err := v.OwnIdentity()
	if err != nil {
		t.Fatal(err)
	}
	snap, err := Snapshot(v, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBackuper(v.Dir, nil)
	auto, err := b.Now(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{snap, auto} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		o, err := Read(data, Key{Own: own})
		if err != nil || o.By != "this vault's key" || len(o.Doc.Accounts) != 3 {
			t.Fatalf("%s with the vault's own key: %v (by %q)", path, err, o.By)
		}
		if _, err := Read(data, Key{RecoveryKey: rk}); err != nil {
			t.Fatalf("%s with the recovery key: %v", path, err)
		}
		var need *NeedKeyError
		if _, err := Read(data, Key{}); !errors.As(err, &need) {
			t.Fatalf("%s with no key: %v, want NeedKeyError", path, err)
		}
	}

	rr, err := v.RecoveryRecipient()
	if err != nil {
		t.Fatal(err)
	}
	export := testkit.TempDir(t) + "/export.age"
	if err := ExportFile(export, v.Doc, rr, Options{}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(export)
	if _, err := Read(data, Key{Own: own}); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("an export with the vault's own key: %v, want ErrWrongKey", err)
	}

	var k Key
	k.DefaultToVault(v)
	if k.Own == nil || k.RecoveryKey.IsZero() {
		t.Fatalf("DefaultToVault after a password unlock: own %v, recovery key set %v", k.Own, !k.RecoveryKey.IsZero())
	}
}
