package backup

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Reconcile never drops a change of either side: each case is a base
// document, what the disk did to it and what the window did without saving.
func TestReconcile(t *testing.T) {
	since := t2
	later := t2.Add(time.Hour)
	A := acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t1)
	B := acct("b", "Bank", "b", "KRSXG5CTMVRXEZLU", t1)
	base := []core.Account{A, B}
	newSecret := func(a core.Account, s string, at time.Time) core.Account {
		return with(a, func(a *core.Account) { a.Secret, a.Updated = core.Secret(s), at })
	}
	tests := []struct {
		name                string
		disk, local         []core.Account
		diskTomb, localTomb []core.Tombstone
		want                []string // issuer/secret of every account after
		conflicts           int
		wantUsesA           int
	}{
		{name: "added on both sides",
			disk:  append(slices.Clone(base), acct("c", "Cloud", "c", "MFRGGZDFMZTWQ2LK", later)),
			local: append(slices.Clone(base), acct("d", "Dropbox", "d", "NBSWY3DPO5XXE3DE", later)),
			want:  []string{"GitHub", "Bank", "Cloud/abcdefghij", "Dropbox/helloworld"}},
		{name: "deleted here, not changed there",
			disk: base, local: []core.Account{B}, localTomb: []core.Tombstone{{ID: "a", Deleted: later}},
			want: []string{"Bank"}},
		{name: "deleted there, not changed here",
			disk: []core.Account{B}, diskTomb: []core.Tombstone{{ID: "a", Deleted: later}}, local: base,
			want: []string{"Bank"}},
		{name: "renamed here, renamed other one there",
			disk:  []core.Account{A, with(B, func(a *core.Account) { a.Issuer, a.Updated = "Bank there", later })},
			local: []core.Account{with(A, func(a *core.Account) { a.Issuer, a.Updated = "GitHub here", later }), B},
			want:  []string{"GitHub here", "Bank there"}},
		{name: "secret changed here only",
			disk: base, local: []core.Account{newSecret(A, "new here", later), B},
			want: []string{"GitHub/new here", "Bank"}},
		{name: "secret changed there only",
			disk: []core.Account{newSecret(A, "new there", later), B}, local: base,
			want: []string{"GitHub/new there", "Bank"}},
		{name: "secret changed on both sides",
			disk:  []core.Account{newSecret(A, "new there", later), B},
			local: []core.Account{newSecret(A, "new here", later.Add(time.Minute)), B},
			want:  []string{"GitHub/new there", "Bank", "GitHub/new here"}, conflicts: 1},
		{name: "code copied here",
			disk: base, local: []core.Account{with(A, func(a *core.Account) { a.Uses = 3 }), B},
			want: []string{"GitHub", "Bank"}, wantUsesA: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			disk := &vault.Document{VaultID: "v", Updated: later, Accounts: tt.disk, Tombstones: tt.diskTomb}
			local := &vault.Document{VaultID: "v", Updated: since, Accounts: tt.local, Tombstones: tt.localTomb}
			r := Reconcile(disk, local, since, testNow)
			var got []string
			for _, a := range r.Doc.Accounts {
				s := a.Issuer
				if !slices.Equal(a.Secret, A.Secret) && !slices.Equal(a.Secret, B.Secret) {
					s += "/" + string(a.Secret)
				}
				got = append(got, s)
				if a.ID == "a" && a.Uses != tt.wantUsesA {
					t.Errorf("uses of a = %d, want %d", a.Uses, tt.wantUsesA)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("accounts %q, want %q", got, tt.want)
			}
			if len(r.Conflicts) != tt.conflicts {
				t.Errorf("%d conflicts, want %d", len(r.Conflicts), tt.conflicts)
			}
			for _, c := range r.Conflicts {
				if c.Disk != "a" || c.Unsaved == "a" || r.Doc.Index(c.Unsaved) < 0 {
					t.Errorf("conflict %+v does not name both copies", c)
				}
			}
		})
	}
}

// The vault's own unsaved changes are merged even on an account over a
// limit that a restore or an import would refuse (one an older Lifeline
// wrote): a code marked used in the window is not lost to a reload.
func TestReconcileOverLimitAccount(t *testing.T) {
	since, later := t2, t2.Add(time.Hour)
	A := acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t1)
	for i := range core.MaxRecoveryCodes + 1 {
		A.RecoveryCodes = append(A.RecoveryCodes, core.RecoveryCode{Code: core.Sensitive(fmt.Sprintf("code-%04d", i))})
	}
	B := acct("b", "Bank", "b", "KRSXG5CTMVRXEZLU", t1)
	used := A.Clone()
	used.MarkRecoveryCode(0, true, later)
	used.Updated = later
	disk := &vault.Document{VaultID: "v", Updated: later, Accounts: []core.Account{A, with(B, func(a *core.Account) { a.Issuer, a.Updated = "Bank there", later })}}
	local := &vault.Document{VaultID: "v", Updated: since, Accounts: []core.Account{used, B}}
	r := Reconcile(disk, local, since, testNow)
	i := r.Doc.Index("a")
	if i < 0 || len(r.Doc.Accounts) != 2 {
		t.Fatalf("after the reload: %d accounts, a at %d", len(r.Doc.Accounts), i)
	}
	if a := r.Doc.Accounts[i]; a.RecoveryCodes[0].UsedAt == nil || len(a.RecoveryCodes) != core.MaxRecoveryCodes+1 {
		t.Errorf("the code marked used in the window was lost to the reload (used at %v, %d codes)", a.RecoveryCodes[0].UsedAt, len(a.RecoveryCodes))
	}
	if b := r.Doc.Accounts[r.Doc.Index("b")]; b.Issuer != "Bank there" {
		t.Errorf("the disk's rename was lost: %q", b.Issuer)
	}
}
