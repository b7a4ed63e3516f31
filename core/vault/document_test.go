package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestDocumentAdd(t *testing.T) {
	var d Document
	secret := testkit.RandomSecret(20)
	a, err := d.Add(core.Account{Issuer: "GitHub", Name: "alice", Secret: secret}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.ID) != 32 || a.Type != core.TOTP || a.Digits != 6 || a.Period != 30 || a.Algorithm != otp.SHA1 {
		t.Errorf("defaults not applied: %+v", a)
	}
	if !a.Created.Equal(testNow) || !a.Updated.Equal(testNow) || !d.Updated.Equal(testNow) {
		t.Error("times not set")
	}
	secret[0] ^= 0xff
	if bytes.Equal(a.Secret, secret) {
		t.Error("Add kept the caller's secret slice")
	}
	secret[0] ^= 0xff

	tests := []struct {
		name string
		acc  core.Account
		dup  bool
	}{
		{"same issuer, name and secret", core.Account{Issuer: "GitHub", Name: "alice", Secret: secret}, true},
		{"case and spaces differ", core.Account{Issuer: " github", Name: "ALICE ", Secret: secret}, true},
		{"same id", core.Account{ID: a.ID, Issuer: "Other", Secret: testkit.RandomSecret(20)}, true},
		{"another secret", core.Account{Issuer: "GitHub", Name: "alice", Secret: testkit.RandomSecret(20)}, false},
		{"another name", core.Account{Issuer: "GitHub", Name: "bob", Secret: secret}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(d.Accounts)
			_, err := d.Add(tt.acc, testNow)
			if errors.Is(err, ErrDuplicate) != tt.dup {
				t.Fatalf("err = %v, duplicate want %v", err, tt.dup)
			}
			if tt.dup && !strings.Contains(err.Error(), a.ID) {
				t.Errorf("error %q does not name the existing account", err)
			}
			if tt.dup && len(d.Accounts) != n || !tt.dup && len(d.Accounts) != n+1 {
				t.Errorf("%d accounts after Add, had %d", len(d.Accounts), n)
			}
		})
	}

	invalid := []core.Account{
		{Issuer: "NoSecret"},
		{Secret: testkit.RandomSecret(10)},
		{Issuer: "Y", Type: core.Yandex, Secret: testkit.RandomSecret(16)},
		{Issuer: "Digits", Digits: 4, Secret: testkit.RandomSecret(10)},
	}
	for _, acc := range invalid {
		if _, err := d.Add(acc, testNow); err == nil || errors.Is(err, ErrDuplicate) {
			t.Errorf("Add(%+v) = %v, want a validation error", acc, err)
		}
	}
}

func TestDocumentRemoveAndTouch(t *testing.T) {
	var d Document
	a, _ := d.Add(core.Account{Issuer: "A", Secret: testkit.RandomSecret(10)}, testNow)
	id := a.ID
	b, _ := d.Add(core.Account{Issuer: "B", Secret: testkit.RandomSecret(10)}, testNow)
	bID := b.ID
	later := testNow.Add(time.Hour)

	if err := d.Remove(id, later); err != nil {
		t.Fatal(err)
	}
	if d.Index(id) != -1 || d.Index(bID) != 0 {
		t.Errorf("Index after Remove: %d, %d", d.Index(id), d.Index(bID))
	}
	if len(d.Tombstones) != 1 || d.Tombstones[0].ID != id || !d.Tombstones[0].Deleted.Equal(later) {
		t.Errorf("tombstones = %+v", d.Tombstones)
	}
	if err := d.Remove(id, later); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Remove = %v, want ErrNotFound", err)
	}

	// Adding the account back on purpose lifts its tombstone.
	if _, err := d.Add(core.Account{ID: id, Issuer: "A", Secret: testkit.RandomSecret(10)}, later); err != nil {
		t.Fatal(err)
	}
	if len(d.Tombstones) != 0 {
		t.Errorf("tombstone kept after re-adding: %+v", d.Tombstones)
	}

	even := later.Add(time.Hour)
	d.Touch(0, even)
	if !d.Accounts[0].Updated.Equal(even) || !d.Updated.Equal(even) || !d.Accounts[1].Updated.Equal(later) {
		t.Error("Touch set the wrong times")
	}
}

func TestDocumentEncoding(t *testing.T) {
	v, _ := newTestVault(t)
	for _, n := range []int{0, 1, 37} {
		d := *v.Doc
		d.Accounts = nil
		for i := range n {
			if _, err := d.Add(testkit.Account(i), testNow); err != nil {
				t.Fatal(err)
			}
		}
		d.Settings = map[string]json.RawMessage{"backup": json.RawMessage(`{"dir":"/x","keep":10}`)}
		b, err := encodeDocument(&d)
		if err != nil {
			t.Fatal(err)
		}
		if len(b)%padBlock != 0 || b[len(b)-1] != '\n' {
			t.Errorf("%d accounts: %d bytes, not padded to %d with a final newline", n, len(b), padBlock)
		}
		got, err := decodeDocument(b)
		if err != nil {
			t.Fatal(err)
		}
		if d.Accounts == nil {
			d.Accounts = []core.Account{}
		}
		want, _ := json.Marshal(&d)
		if again, _ := json.Marshal(got); !bytes.Equal(again, want) {
			t.Errorf("%d accounts: round trip differs:\n%s\n%s", n, again, want)
		}
		if got.Accounts == nil {
			t.Error("decoded Accounts is nil, want empty")
		}
	}
	if _, err := decodeDocument([]byte(`{"format":1}`)); !isDamaged(VaultFile, ReasonInvalid)(err) {
		t.Errorf("document without vault id: %v", err)
	}
}

// NextCode gives the code at the counter and moves it on, once per code, for
// both faces; at the largest counter it gives none and changes nothing.
func TestNextCode(t *testing.T) {
	now := time.Date(2026, 5, 4, 12, 0, 0, 0, time.UTC)
	h := core.Account{Issuer: "Bank", Type: core.HOTP, Counter: 0, Secret: core.Secret("12345678901234567890")}
	h.Defaults()
	tot := core.Account{Issuer: "Site", Type: core.TOTP, Secret: core.Secret("12345678901234567890")}
	tot.Defaults()
	d := &Document{Accounts: []core.Account{h, tot}}
	// RFC 4226's test vectors for counters 0 and 1.
	for _, want := range []string{"755224", "287082"} {
		code, err := d.NextCode(0, now)
		if err != nil || code != want {
			t.Fatalf("NextCode = %q, %v; want %q", code, err, want)
		}
	}
	if a := d.Accounts[0]; a.Counter != 2 || a.Uses != 2 || !a.Updated.Equal(now) || !d.Updated.Equal(now) {
		t.Errorf("after two codes: counter %d, uses %d, updated %v", a.Counter, a.Uses, a.Updated)
	}
	if _, err := d.NextCode(1, now); err == nil {
		t.Error("NextCode gave a TOTP account a code")
	}
	d.Accounts[0].Counter = math.MaxUint64
	if code, err := d.NextCode(0, now); !errors.Is(err, core.ErrCounterExhausted) || code != "" || d.Accounts[0].Counter != math.MaxUint64 {
		t.Errorf("at the largest counter: %q, %v, counter %d", code, err, d.Accounts[0].Counter)
	}
}

// Undo of a delete brings the account back where it was and as it was,
// even one over a limit that Add would refuse (written before the limit
// existed), and saved, it stays.
func TestUndeleteOverLimit(t *testing.T) {
	v, rk := savedVault(t, 3)
	big := v.Doc.Accounts[1].Clone()
	for i := range core.MaxRecoveryCodes + 1 {
		big.RecoveryCodes = append(big.RecoveryCodes, core.RecoveryCode{Code: core.Sensitive(fmt.Sprintf("code-%04d", i))})
	}
	v.Doc.Accounts[1] = big // as an older Lifeline wrote it
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	old := v.Doc.Accounts[1].Clone()
	if err := v.Doc.Remove(old.ID, testNow); err != nil {
		t.Fatal(err)
	}
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Doc.Add(old, testNow); !errors.Is(err, core.ErrOverLimit) {
		t.Fatalf("Add of the over-limit account: %v (this test needs Add to refuse it)", err)
	}
	later := testNow.Add(time.Minute)
	if err := v.Doc.Undelete(old, 1, later); err != nil {
		t.Fatal(err)
	}
	if err := v.Doc.Undelete(old, 1, later); !errors.Is(err, ErrDuplicate) {
		t.Errorf("a second Undelete: %v, want ErrDuplicate", err)
	}
	if err := v.Save(later); err != nil {
		t.Fatal(err)
	}
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Drop()
	a := w.Doc.Accounts[1]
	if len(w.Doc.Accounts) != 3 || a.ID != old.ID || len(a.RecoveryCodes) != core.MaxRecoveryCodes+1 || !a.Created.Equal(old.Created) {
		t.Fatalf("after Undelete: %d accounts, [1] = %s with %d codes", len(w.Doc.Accounts), a.ID, len(a.RecoveryCodes))
	}
	if len(w.Doc.Tombstones) != 0 {
		t.Error("Undelete left the tombstone: a merge would delete the account again")
	}
}

// A delete another computer has already merged does not win over the
// undo: the account comes back there too.
func TestUndeleteReachesOtherDevice(t *testing.T) {
	devs := deviceFolders{}
	d := deletedOnOneSeenByTwo(t, devs, "kept")
	devs.use(t, "one")
	if err := d.one.Doc.Undelete(d.old, 0, testNow.Add(2*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := d.one.Save(testNow.Add(2 * time.Second)); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "two")
	w, err := OpenRecoveryKey(d.one.Dir, d.rk)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Drop()
	if !slices.Contains(names(w.Doc), "kept") {
		t.Errorf("device two holds %v after the undo on one, want the account back", names(w.Doc))
	}
}
