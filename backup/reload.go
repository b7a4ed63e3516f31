package backup

import (
	"slices"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Reconciled is a document with changes not yet saved merged onto the vault
// as another process left it on disk.
type Reconciled struct {
	Doc *vault.Document
	// Conflicts are accounts whose code (secret, type, algorithm, digits
	// or period) was changed on both sides: the disk's copy keeps its id,
	// the unsaved one is kept beside it under a new id, and the face asks
	// which one stays.
	Conflicts []BothChanged
}

// BothChanged names the two copies of an account Reconcile kept.
type BothChanged struct {
	Label         string
	Disk, Unsaved string // the copies' ids
}

// Reconcile merges local, a document with changes not saved yet, onto disk,
// the vault.age another process wrote since local was last read or saved
// (at since). It follows the rules of a merging restore (Plan, with local as
// the backup): the newer copy of an account wins, an account added on
// either side is kept, a deletion holds unless the account changed after it.
// Unlike a restore it also takes local's deletions and its new codes: they
// are this device's own edits. Where both sides changed the code of the
// same account, neither is dropped (Conflicts). The result carries disk's
// keys and settings.
func Reconcile(disk, local *vault.Document, since, now time.Time) Reconciled {
	own := FromDocument(local, "unsaved changes")
	own.Own = true
	p := Plan(disk, own, now)
	p.keepRevs = true
	var conflicts []*Item
	for i := range p.Items {
		it := &p.Items[i]
		switch {
		case it.Kind == Gone:
			it.drop = true
		case it.cur < 0 || it.in < 0 || !slices.ContainsFunc(it.Fields, isCodeField):
		case disk.Accounts[it.cur].Updated.After(since) && local.Accounts[it.in].Updated.After(since):
			conflicts = append(conflicts, it)
		case it.Kind == NewSecret:
			it.Accept = true
		}
	}
	accounts, tombstones, _ := merged(disk, p, Merge, now)
	keepUses(accounts, local.Accounts)
	out := Reconciled{Doc: withAccounts(disk, accounts, tombstones)}
	for _, it := range conflicts {
		a := local.Accounts[it.in].Clone()
		a.ID, a.Updated, a.Rev = core.NewID(), now, core.Revision{}
		out.Doc.Accounts = append(out.Doc.Accounts, a)
		out.Conflicts = append(out.Conflicts, BothChanged{Label: a.Label(), Disk: disk.Accounts[it.cur].ID, Unsaved: a.ID})
	}
	return out
}

// keepUses gives each account the larger use count of its two copies:
// copying a code counts a use without changing the account.
func keepUses(accounts, local []core.Account) {
	uses := make(map[string]int, len(local))
	for i := range local {
		uses[local[i].ID] = local[i].Uses
	}
	for i := range accounts {
		accounts[i].Uses = max(accounts[i].Uses, uses[accounts[i].ID])
	}
}

// withAccounts is a copy of d holding accounts and tombstones.
func withAccounts(d *vault.Document, accounts []core.Account, tombstones []core.Tombstone) *vault.Document {
	c := *d
	c.Accounts, c.Tombstones = accounts, tombstones
	return &c
}

// Replan is p planned again against current, the vault as a reload left
// it, with the person's consent to new secrets carried over by id.
func (p *Preview) Replan(current *vault.Document, now time.Time) *Preview {
	q := Plan(current, p.incoming, now)
	q.SameVault = q.SameVault && p.SameVault
	accepted := make(map[string]bool)
	for _, it := range p.Items {
		if it.Accept {
			accepted[it.ID] = true
		}
	}
	for i := range q.Items {
		q.Items[i].Accept = accepted[q.Items[i].ID]
	}
	return q
}
