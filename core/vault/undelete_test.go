package vault

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

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
