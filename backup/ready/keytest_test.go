package ready_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestTestRecoveryKey(t *testing.T) {
	v, rk := newVault(t, 1)
	other, _ := vault.NewRecoveryKey()
	typo := []byte(rk.Reveal())
	typo[0] = map[bool]byte{true: 'A', false: 'B'}[typo[0] != 'A']

	for _, c := range []struct {
		name, typed string
		err         error
		text        string
	}{
		{"another vault's key", other.Reveal(), ready.ErrWrongRecoveryKey, "not this vault's"},
		{"a typo", string(typo), vault.ErrRecoveryKeyTypo, ""},
		{"too short", "ABCD-EFGH", nil, "want 32"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ready.TestRecoveryKey(v, c.typed, now)
			if err == nil || (c.err != nil && !errors.Is(err, c.err)) || !strings.Contains(err.Error(), c.text) {
				t.Fatalf("err %v, want %v containing %q", err, c.err, c.text)
			}
			if strings.Contains(err.Error(), rk.Reveal()[:9]) {
				t.Fatalf("the error shows the key: %v", err)
			}
			if _, ok := ready.LastKeyTest(v.Doc); ok {
				t.Fatal("a failed test was recorded")
			}
		})
	}

	// Typed as people do: lower case, spaces for dashes, the prefix.
	typed := "lifeline-recovery-key: " + strings.ToLower(strings.ReplaceAll(rk.Reveal(), "-", " "))
	if err := ready.TestRecoveryKey(v, typed, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	k, ok := ready.LastKeyTest(v.Doc)
	if rr, _ := v.RecoveryRecipient(); !ok || !k.Tested.Equal(now.Add(time.Hour)) || k.Recipient != rr {
		t.Fatalf("recorded %+v %v", k, ok)
	}
	// The record survives a save and an unlock.
	save(t, v)
	o, err := vault.OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if k2, ok := ready.LastKeyTest(o.Doc); !ok || k2 != k {
		t.Fatalf("after reopening: %+v %v", k2, ok)
	}
}
