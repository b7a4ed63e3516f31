package backup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Applied is what a restore did.
type Applied struct {
	// Snapshot is the backup of the vault as it was just before, in the
	// backup folder; restoring it with Replace undoes the restore.
	Snapshot                      string
	Added, Updated, Removed, Kept int
}

// Apply carries out a preview on the vault it was planned against and saves
// it. First the vault as it is is written to a snapshot backup, so the
// restore can be undone; if that fails nothing changes. The save is atomic:
// a crash leaves the old vault or the new one. The caller then triggers
// the automatic backup as after any change.
func Apply(v *vault.Vault, p *Preview, mode Mode, now time.Time) (Applied, error) {
	if v.Doc == nil {
		return Applied{}, vault.ErrDropped
	}
	if v.Doc != p.base || !v.Doc.Updated.Equal(p.baseTime) || len(v.Doc.Accounts) != p.baseLen {
		return Applied{}, ErrStalePreview
	}
	accounts, tombstones, res := merged(v.Doc, p, mode, now)
	if err := checkGrowth(len(v.Doc.Accounts), len(accounts)); err != nil {
		return Applied{}, err
	}

	snap, err := Snapshot(v, now)
	if err != nil {
		return Applied{}, fmt.Errorf("the vault was not changed: saving it before the restore failed: %w", err)
	}
	res.Snapshot = snap
	oldAccounts, oldTombstones := v.Doc.Accounts, v.Doc.Tombstones
	v.Doc.Accounts, v.Doc.Tombstones = accounts, tombstones
	if err := v.Save(now); err != nil {
		v.Doc.Accounts, v.Doc.Tombstones = oldAccounts, oldTombstones
		return Applied{}, err
	}
	return res, nil
}

// checkGrowth refuses a restore or import that would take a vault of had
// accounts to more than core.MaxAccounts. A vault already over the limit
// (from before it) may still take a restore that does not grow it.
func checkGrowth(had, would int) error {
	if would <= had {
		return nil
	}
	if err := core.CheckAccountCount(would); err != nil {
		return fmt.Errorf("the vault was not changed: %w", err)
	}
	return nil
}

// Snapshot writes the vault as it is to a new lifeline-before-restore-…
// file in the backup folder (encrypted to the recovery key and the vault's
// own key, with the keys)
// and returns its path. Snapshots are never pruned.
//
// When the chosen backup folder is unusable (a drive not plugged in, no
// write permission), it goes to the default folder in the vault directory.
func Snapshot(v *vault.Vault, now time.Time) (string, error) {
	rr, err := v.RecoveryRecipient()
	if err != nil {
		return "", err
	}
	pt, err := plaintext(v.Doc, true)
	if err != nil {
		return "", err
	}
	defer clear(pt)
	write := func(folder string) (string, error) {
		return createNumbered(folder, snapshotPrefix, now, func(w io.Writer) error { return encrypt(w, pt, rr, Options{}.fromVault(v)) })
	}
	folder, err := ensureFolder(v)
	if err == nil {
		var path string
		if path, err = write(folder); err == nil {
			return path, nil
		}
	}
	def, derr := prepareFolder(DefaultSettings(), v.Dir)
	if derr != nil || def == folder {
		return "", errors.Join(err, derr)
	}
	path, derr := write(def)
	if derr != nil {
		return "", errors.Join(err, derr)
	}
	return path, nil
}

// merged builds the accounts and tombstones the vault holds after the restore.
func merged(cur *vault.Document, p *Preview, mode Mode, now time.Time) ([]core.Account, []core.Tombstone, Applied) {
	m := &merger{cur: cur, p: p, mode: mode, now: now}
	m.out = make([]core.Account, 0, len(cur.Accounts)+p.Count(New))
	m.live = make(map[string]bool, cap(m.out))
	if mode == Replace {
		// The backup's accounts in the backup's order.
		for i := range p.Items {
			m.take(&p.Items[i])
		}
	} else {
		// The vault's accounts in the vault's order, then the new ones.
		byCur := make([]*Item, len(cur.Accounts))
		for i := range p.Items {
			if it := &p.Items[i]; it.cur >= 0 {
				byCur[it.cur] = it
			}
		}
		for i := range cur.Accounts {
			if it := byCur[i]; it == nil {
				m.res.Kept++
				m.keep(cur.Accounts[i])
			} else {
				m.take(it)
			}
		}
		for i := range p.Items {
			if it := &p.Items[i]; it.Kind == New {
				m.take(it)
			}
		}
	}
	return m.out, m.tombstones(), m.res
}

// merger holds one merge under way: the accounts kept so far, their ids,
// and the deletions the merge adds.
type merger struct {
	cur     *vault.Document
	p       *Preview
	mode    Mode
	now     time.Time
	out     []core.Account
	live    map[string]bool
	removed []core.Tombstone
	res     Applied
}

// keep adds an account to the result, with a fresh id if it has none or
// its id is taken already.
func (m *merger) keep(a core.Account) {
	if a.ID == "" || m.live[a.ID] {
		a.ID, a.Rev = core.NewID(), core.Revision{} // a new account: a new revision when saved
	}
	m.live[a.ID] = true
	m.out = append(m.out, a)
}

// take keeps what a matched or new item becomes, unless it goes.
func (m *merger) take(it *Item) {
	in := m.p.incoming.Accounts
	switch act := it.Action(m.mode); act {
	case "remove":
		m.removed = append(m.removed, core.Tombstone{ID: it.ID, Deleted: m.now})
		m.res.Removed++
	case "skip":
	case "add":
		m.res.Added++
		a := newAccount(in[it.in], m.now)
		if !m.p.keepRevs {
			a.Rev = core.Revision{} // added on purpose: a new revision when saved
		}
		m.keep(a)
	case "update":
		a := m.cur.Accounts[it.cur]
		if it.Kind == Changed || m.mode == Replace || it.Kind == NewSecret && it.Accept {
			a = takeIncoming(a, in[it.in], m.now)
		} else if it.Kind == NewSecret {
			a = keepingCode(a, in[it.in], m.now)
		}
		if it.counter > a.Counter {
			a.Counter, a.Updated = it.counter, m.now
		}
		m.res.Updated++
		m.keep(a)
	default:
		m.res.Kept++
		m.keep(m.cur.Accounts[it.cur])
	}
}

// tombstones is every tombstone either side knows, latest per id, except
// for ids that live on: an account restored on purpose outlives its
// deletion.
func (m *merger) tombstones() []core.Tombstone {
	all := map[string]core.Tombstone{}
	for _, t := range slices.Concat(m.cur.Tombstones, m.p.incoming.Tombstones, m.removed) {
		// The latest deletion, and its revision (a synced vault merges by it).
		if o, ok := all[t.ID]; !ok || t.Deleted.After(o.Deleted) || (t.Deleted.Equal(o.Deleted) && t.Rev.Compare(o.Rev) > 0) {
			all[t.ID] = t
		}
	}
	ts := make([]core.Tombstone, 0, len(all))
	for id, t := range all {
		if !m.live[id] {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(ts, func(a, b core.Tombstone) int {
		if c := a.Deleted.Compare(b.Deleted); c != 0 {
			return c
		}
		return bytes.Compare([]byte(a.ID), []byte(b.ID))
	})
	return ts
}

// newAccount is an incoming account as the vault stores it: with times
// (another app's accounts have none; keep sets a missing id).
func newAccount(inc core.Account, now time.Time) core.Account {
	a := inc.Clone()
	if a.Created.IsZero() {
		a.Created = now
	}
	if a.Updated.IsZero() {
		a.Updated = now
	}
	return a
}

// takeIncoming is the backup's copy of an account under the vault's id,
// keeping the earliest creation, the larger use count and (for HOTP) the
// higher counter.
func takeIncoming(cur, inc core.Account, now time.Time) core.Account {
	a := inc.Clone()
	a.ID = cur.ID
	if !cur.Created.IsZero() && (a.Created.IsZero() || cur.Created.Before(a.Created)) {
		a.Created = cur.Created
	}
	a.Uses = max(a.Uses, cur.Uses)
	if a.Type == core.HOTP && cur.Counter > a.Counter {
		a.Counter, a.Updated = cur.Counter, now
	}
	if a.Updated.IsZero() {
		a.Updated = now
	}
	return a
}

// keepingCode is takeIncoming for a NewSecret not accepted: the backup's
// labels, groups, notes and recovery codes with the vault's code (secret,
// type, algorithm, digits, period, counter) and time, so the next preview
// offers the new secret again.
func keepingCode(cur, inc core.Account, now time.Time) core.Account {
	a := takeIncoming(cur, inc, now)
	a.Type, a.Secret, a.Algorithm, a.Digits, a.Period, a.Counter = cur.Type, cur.Secret, cur.Algorithm, cur.Digits, cur.Period, cur.Counter
	a.Updated = cur.Updated
	return a
}

// diffFields names the fields in which two copies of an account differ.
// Ids, times and the use count are bookkeeping, not content.
func diffFields(a, b *core.Account) []string {
	var f []string
	add := func(differ bool, name string) {
		if differ {
			f = append(f, name)
		}
	}
	add(a.Type != b.Type, "type")
	add(a.Issuer != b.Issuer, "issuer")
	add(a.Name != b.Name, "name")
	add(!bytes.Equal(a.Secret, b.Secret), "secret")
	add(a.Algorithm != b.Algorithm, "algorithm")
	add(a.Digits != b.Digits, "digits")
	add(a.Period != b.Period, "period")
	add(a.Counter != b.Counter, "counter")
	add(a.PIN != b.PIN, "pin")
	add(!slices.Equal(a.Groups, b.Groups), "groups")
	add(a.Note != b.Note, "note")
	add(a.Favorite != b.Favorite, "favorite")
	add(a.Icon != b.Icon, "icon")
	add(!slices.EqualFunc(a.RecoveryCodes, b.RecoveryCodes, sameCode), "recovery codes")
	return f
}

func sameCode(x, y core.RecoveryCode) bool {
	if x.Code != y.Code || !x.Added.Equal(y.Added) || (x.UsedAt == nil) != (y.UsedAt == nil) {
		return false
	}
	return x.UsedAt == nil || x.UsedAt.Equal(*y.UsedAt)
}
