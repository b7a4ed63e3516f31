package vault

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// Merge combines replicas of one vault — the documents its devices wrote,
// and the copies sync engines left beside them — into one. The result
// depends only on the set of documents, never on their order or on a
// clock (docs/FORMAT.md, "Merging replicas"):
//
//   - an account or tombstone with a higher revision wins; a tombstone
//     beats the copies of its account with lower revisions, and is itself
//     dropped by a copy with a higher one (the account was added back);
//   - an HOTP counter is the highest of the copies with the winner's
//     secret, and a use count the highest of all copies;
//   - recovery codes are the union of the copies', each dated by its
//     earliest `added` and its earliest `used_at`;
//   - an account some replica has heard of (its Heard reaches the
//     account's revision) but holds neither as an account nor as a
//     tombstone was deleted and its tombstone since dropped: it stays gone;
//   - a tombstone is dropped once every known device has heard it;
//   - keys and settings come whole from the replica with the highest
//     KeysRev and SettingsRev; Devices entries merge (Heard by maximum);
//   - the order is that of the replica with the highest Clock, followed by
//     the accounts it lacks in revision order.
//
// The inputs are not modified; the result shares nothing with them. Its
// Device is empty: the caller that writes it signs it.
func Merge(docs ...*Document) *Document {
	docs = slices.DeleteFunc(slices.Clone(docs), func(d *Document) bool { return d == nil })
	if len(docs) == 0 {
		return nil
	}
	base := slices.MaxFunc(docs, compareDocs)
	out := &Document{
		Format: base.Format, VaultID: base.VaultID, Created: base.Created, Updated: base.Updated,
		Devices: mergeDevices(docs),
	}
	for _, d := range docs {
		out.Format = max(out.Format, d.Format)
		out.Clock = max(out.Clock, d.Clock)
		if d.Updated.After(out.Updated) {
			out.Updated = d.Updated
		}
		if !d.Created.IsZero() && (out.Created.IsZero() || d.Created.Before(out.Created)) {
			out.Created = d.Created
		}
	}
	out.Forgotten = mergeForgotten(docs, out.Devices)
	out.Keys, out.KeysRev = mergeKeys(docs)
	out.Settings, out.SettingsRev = mergeSettings(docs)
	out.Accounts, out.Tombstones = mergeAccounts(docs, base, out.Devices)
	return out
}

// compareDocs orders replicas for the choice of the base: the highest
// Clock, then the higher device id, then the account order itself, so that
// two replicas never tie unless they hold the same order.
func compareDocs(a, b *Document) int {
	if c := (core.Revision{N: a.Clock, Device: a.Device}).Compare(core.Revision{N: b.Clock, Device: b.Device}); c != 0 {
		return c
	}
	return slices.CompareFunc(a.Accounts, b.Accounts, func(x, y core.Account) int { return strings.Compare(x.ID, y.ID) })
}

// heardBy is what d had heard of each device: everything any device whose
// entry it carries had heard (that device's changes flowed into d), and,
// for its writer, its own Clock.
func heardBy(d *Document) map[string]uint64 {
	h := map[string]uint64{}
	for _, e := range d.Devices {
		for k, n := range e.Heard {
			h[k] = max(h[k], n)
		}
	}
	if d.Device != "" {
		h[d.Device] = max(h[d.Device], d.Clock)
	}
	return h
}

// mergeDevices merges the Devices entries: per device, the name and date of
// the entry that device wrote last (the highest count of its own), the
// heard counters by maximum.
func mergeDevices(docs []*Document) map[string]DeviceInfo {
	out := map[string]DeviceInfo{}
	for _, d := range docs {
		for id, e := range d.Devices {
			cur, ok := out[id]
			if !ok {
				e.Heard = maps.Clone(e.Heard)
				out[id] = e
				continue
			}
			newer := compareEntry(id, e, cur) > 0
			heard := cur.Heard
			if heard == nil {
				heard = map[string]uint64{}
			}
			for k, n := range e.Heard {
				heard[k] = max(heard[k], n)
			}
			if newer {
				cur = e
			}
			cur.Heard = heard
			out[id] = cur
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// mergeForgotten merges the forgotten devices (by maximum) and removes
// their entries from devices, unless a device wrote again since.
func mergeForgotten(docs []*Document, devices map[string]DeviceInfo) map[string]uint64 {
	var out map[string]uint64
	for _, d := range docs {
		for id, n := range d.Forgotten {
			if out == nil {
				out = map[string]uint64{}
			}
			out[id] = max(out[id], n)
		}
	}
	for id, n := range out {
		if e, ok := devices[id]; ok && e.Heard[id] <= n {
			delete(devices, id)
		}
	}
	return out
}

// compareEntry orders two versions of device id's entry: by its own
// counter, then date, then name.
func compareEntry(id string, a, b DeviceInfo) int {
	switch {
	case a.Heard[id] != b.Heard[id]:
		if a.Heard[id] > b.Heard[id] {
			return 1
		}
		return -1
	case !a.Edited.Equal(b.Edited):
		return a.Edited.Compare(b.Edited)
	}
	return strings.Compare(a.Name, b.Name)
}

// mergeKeys takes the keys of the replica with the highest KeysRev (a tie:
// the larger encoding, so any order gives the same).
func mergeKeys(docs []*Document) (*Keys, core.Revision) {
	var best *Document
	var bestJSON []byte
	for _, d := range docs {
		if d.Keys == nil {
			continue
		}
		js, _ := json.Marshal(d.Keys)
		if best == nil || d.KeysRev.Compare(best.KeysRev) > 0 || (d.KeysRev == best.KeysRev && bytes.Compare(js, bestJSON) > 0) {
			best, bestJSON = d, js
		}
	}
	if best == nil {
		return nil, core.Revision{}
	}
	k := *best.Keys
	k.Next = slices.Clone(k.Next)
	return &k, best.KeysRev
}

// mergeSettings takes the settings of the replica with the highest
// SettingsRev, like mergeKeys.
func mergeSettings(docs []*Document) (map[string]json.RawMessage, core.Revision) {
	var best *Document
	var bestJSON []byte
	for _, d := range docs {
		js, _ := json.Marshal(d.Settings)
		if best == nil || d.SettingsRev.Compare(best.SettingsRev) > 0 || (d.SettingsRev == best.SettingsRev && bytes.Compare(js, bestJSON) > 0) {
			best, bestJSON = d, js
		}
	}
	if best.Settings == nil {
		return nil, best.SettingsRev
	}
	s := make(map[string]json.RawMessage, len(best.Settings))
	for k, v := range best.Settings {
		s[k] = slices.Clone(v)
	}
	return s, best.SettingsRev
}

// candidate is the winning copy of one account id so far.
type candidate struct {
	acc     *core.Account
	counter uint64 // highest HOTP counter of copies with acc's secret
	all     uint64 // highest HOTP counter of every copy
	uses    int
	codes   [][]core.RecoveryCode // every copy's, for the union
}

// mergeAccounts decides, per id, the account or the tombstone, then orders
// the accounts after base.
func mergeAccounts(docs []*Document, base *Document, devices map[string]DeviceInfo) ([]core.Account, []core.Tombstone) {
	cands := make(map[string]*candidate, len(base.Accounts))
	graves := map[string]*grave{}
	for _, d := range docs {
		for i := range d.Accounts {
			addCopy(cands, &d.Accounts[i])
		}
		for _, t := range d.Tombstones {
			addGrave(graves, t)
		}
	}
	alive := make(map[string]*candidate, len(cands))
	held := make([]map[string]struct{}, len(docs))
	heard := make([]map[string]uint64, len(docs))
	for i, d := range docs {
		heard[i] = heardBy(d)
	}
	for id, c := range cands {
		if g, dead := graves[id]; dead {
			if g.t.Rev.Compare(c.acc.Rev) >= 0 {
				g.t.Counter = max(g.t.Counter, c.all)
				g.codes = append(g.codes, c.codes...)
				continue
			}
			delete(graves, id)
			c.counter = max(c.counter, g.t.Counter)
			c.codes = append(c.codes, g.codes...)
		}
		if !forgotten(docs, heard, held, c.acc) {
			alive[id] = c
		}
	}
	accounts := make([]core.Account, 0, len(alive))
	for i := range base.Accounts {
		if c, ok := alive[base.Accounts[i].ID]; ok {
			accounts = append(accounts, c.result())
			delete(alive, base.Accounts[i].ID)
		}
	}
	rest := slices.SortedFunc(maps.Values(alive), func(a, b *candidate) int {
		if c := a.acc.Rev.Compare(b.acc.Rev); c != 0 {
			return c
		}
		return strings.Compare(a.acc.ID, b.acc.ID)
	})
	for _, c := range rest {
		accounts = append(accounts, c.result())
	}
	return accounts, stableTombstones(graves, devices)
}

// addCopy records a copy of an account in cands.
func addCopy(cands map[string]*candidate, a *core.Account) {
	c, ok := cands[a.ID]
	if !ok {
		cands[a.ID] = &candidate{acc: a, counter: a.Counter, all: a.Counter, uses: a.Uses, codes: [][]core.RecoveryCode{a.RecoveryCodes}}
		return
	}
	c.uses, c.all = max(c.uses, a.Uses), max(c.all, a.Counter)
	c.codes = append(c.codes, a.RecoveryCodes)
	if r := a.Rev.Compare(c.acc.Rev); r > 0 || (r == 0 && tieBreak(a, c.acc) > 0) {
		if !bytes.Equal(a.Secret, c.acc.Secret) {
			c.counter = 0
		}
		c.acc = a
	}
	if bytes.Equal(a.Secret, c.acc.Secret) {
		c.counter = max(c.counter, a.Counter)
	}
}

// tieBreak orders two copies with the same revision (only accounts from
// before revisions, or a replica that was tampered with): by encoding.
func tieBreak(a, b *core.Account) int {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	defer clear(x)
	defer clear(y)
	return bytes.Compare(x, y)
}

// forgotten reports whether some replica had heard of a's revision yet
// holds neither a nor its tombstone: it was deleted, and the tombstone
// dropped once every device had heard it.
func forgotten(docs []*Document, heard []map[string]uint64, held []map[string]struct{}, a *core.Account) bool {
	if a.Rev.N == 0 {
		return false
	}
	for i, d := range docs {
		if heard[i][a.Rev.Device] < a.Rev.N {
			continue
		}
		if held[i] == nil {
			held[i] = heldIDs(d)
		}
		if _, ok := held[i][a.ID]; !ok {
			return true
		}
	}
	return false
}

// heldIDs are the ids of d's accounts and tombstones.
func heldIDs(d *Document) map[string]struct{} {
	m := make(map[string]struct{}, len(d.Accounts)+len(d.Tombstones))
	for i := range d.Accounts {
		m[d.Accounts[i].ID] = struct{}{}
	}
	for _, t := range d.Tombstones {
		m[t.ID] = struct{}{}
	}
	return m
}

// result is the merged account: the winner, with the highest counter and
// use count and the union of the recovery codes.
func (c *candidate) result() core.Account {
	a := c.acc.Clone()
	a.Counter, a.Uses = max(a.Counter, c.counter), c.uses
	if len(c.codes) > 1 {
		a.RecoveryCodes = unionCodes(a.RecoveryCodes, c.codes)
	}
	return a
}
