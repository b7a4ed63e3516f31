package vault

import (
	"errors"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// Reload reads what another process saved, with the key in hand, and lets
// the next Save go through; an unchanged file is nil.
func TestReloadAfterAnotherSave(t *testing.T) {
	v, _ := savedVault(t, 2)
	for _, name := range []string{"keyring-like (vault identity)", "recovery key only"} {
		t.Run(name, func(t *testing.T) {
			if doc, err := v.Reload(); doc != nil || err != nil {
				t.Fatalf("unchanged file: Reload = %v, %v; want nil, nil", doc, err)
			}
			other, err := OpenPassword(v.Dir, testPassword)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Drop()
			if _, err := other.Doc.Add(testkit.Account(10+len(other.Doc.Accounts)), testNow); err != nil {
				t.Fatal(err)
			}
			if err := other.Save(testNow); err != nil {
				t.Fatal(err)
			}
			if changed, err := v.Changed(); !changed || err != nil {
				t.Fatalf("Changed = %v, %v; want true", changed, err)
			}
			if err := v.Save(testNow); !errors.Is(err, ErrChangedOnDisk) {
				t.Fatalf("Save before Reload: %v, want ErrChangedOnDisk", err)
			}
			doc, err := v.Reload()
			if err != nil || doc == nil || len(doc.Accounts) != len(other.Doc.Accounts) {
				t.Fatalf("Reload = %v, %v; want the other's %d accounts", doc, err, len(other.Doc.Accounts))
			}
			v.Doc = doc
			if err := v.Save(testNow); err != nil {
				t.Fatalf("Save after Reload: %v", err)
			}
		})
		rk, err := v.RecoveryKey()
		if err != nil {
			t.Fatal(err)
		}
		v.identity = "" // the second round: only the recovery key in hand
		v.rk = rk
	}
}

// A password changed elsewhere gives the vault a new key: Reload says to
// unlock again. A recovery key rotated elsewhere is forgotten.
func TestReloadAfterKeyChanges(t *testing.T) {
	v, _ := savedVault(t, 1)
	other, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Drop()
	if _, err := other.RotateRecoveryKey(testNow); err != nil {
		t.Fatal(err)
	}
	doc, err := v.Reload()
	if err != nil || doc == nil {
		t.Fatalf("Reload after a rotation: %v", err)
	}
	v.Doc = doc
	if _, err := v.RecoveryKey(); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("RecoveryKey after a rotation elsewhere: %v, want ErrNeedsPassword", err)
	}
	if err := other.ChangePassword("a new password"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Reload(); !errors.Is(err, ErrNeedsUnlock) {
		t.Fatalf("Reload after a password change elsewhere: %v, want ErrNeedsUnlock", err)
	}
}
