package backup

import (
	"bytes"
	"testing"
)

// TestDefaultToVault: an empty key opens the vault's own backup; a key the
// person gave is kept even with a vault open; with no vault there is none.
func TestDefaultToVault(t *testing.T) {
	v, rk := newVault(t, 2)
	other, otherKey := newVault(t, 1)
	rr, err := v.RecoveryRecipient()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Export(&buf, v.Doc, rr, Options{}); err != nil {
		t.Fatal(err)
	}

	var k Key
	k.DefaultToVault(v)
	if k.RecoveryKey.Reveal() != rk.Reveal() {
		t.Fatal("an empty key did not become the vault's recovery key")
	}
	if o, err := Read(buf.Bytes(), k); err != nil || len(o.Doc.Accounts) != 2 {
		t.Fatalf("the vault's own backup with an empty key: %v", err)
	}

	given := Key{RecoveryKey: otherKey}
	given.DefaultToVault(v)
	if given.RecoveryKey.Reveal() != otherKey.Reveal() {
		t.Error("a key the person gave was replaced by the vault's")
	}

	var none Key
	none.DefaultToVault(nil)
	if !none.RecoveryKey.IsZero() {
		t.Error("no vault open, yet a recovery key")
	}
	other.Drop()
	var dropped Key
	dropped.DefaultToVault(other)
	if !dropped.RecoveryKey.IsZero() {
		t.Error("a dropped vault gave a recovery key")
	}
}
