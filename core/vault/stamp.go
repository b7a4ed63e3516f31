package vault

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"maps"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// The revisions of a save (docs/FORMAT.md, "Replicas and revisions"). A
// Vault remembers a fingerprint of every account as it last read or wrote
// the document (its base); a write gives every account that differs from
// its base, every new one (without a revision) and every new tombstone the
// revision
// (highest counter seen + 1, this device). An account that vanished from
// the document without a tombstone (a replacing restore) gets one. A
// fingerprint leaves out what merges by itself: the HOTP counter and the
// use count (maxima), the recovery codes (a union) and the times.

// base is what the document held when this Vault last read or wrote it.
type base struct {
	accounts map[string]uint64
	keys     uint64
	settings uint64
}

var fpSeed = maphash.MakeSeed()

// fingerprint hashes what an edit of a changes.
func fingerprint(a *core.Account) uint64 {
	var h maphash.Hash
	h.SetSeed(fpSeed)
	str := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.WriteString(s)
	}
	str(a.ID)
	str(string(a.Type))
	str(a.Issuer)
	str(a.Name)
	str(string(a.Secret))
	str(a.Algorithm.String())
	str(string(a.PIN))
	str(a.Note)
	var n [25]byte
	binary.LittleEndian.PutUint64(n[0:], uint64(a.Digits))
	binary.LittleEndian.PutUint64(n[8:], uint64(a.Period))
	binary.LittleEndian.PutUint64(n[16:], uint64(len(a.Groups)))
	if a.Favorite {
		n[24] = 1
	}
	h.Write(n[:])
	for _, g := range a.Groups {
		str(g)
	}
	str(a.Created.UTC().Format(time.RFC3339Nano))
	return h.Sum64()
}

// jsonHash hashes v's JSON encoding (keys, settings).
func jsonHash(v any) uint64 {
	b, _ := json.Marshal(v)
	defer clear(b)
	return maphash.Bytes(fpSeed, b)
}

// baseOf is d's fingerprints.
func baseOf(d *Document) base {
	b := base{accounts: make(map[string]uint64, len(d.Accounts)), keys: jsonHash(d.Keys), settings: jsonHash(d.Settings)}
	for i := range d.Accounts {
		b.accounts[d.Accounts[i].ID] = fingerprint(&d.Accounts[i])
	}
	return b
}

// stamp gives the document's changes since the base their revision, with
// seen the highest counter read elsewhere, and makes the stamped document
// the base. It returns the revision's counter and whether anything got it.
// It leaves Clock alone: until the caller has merged what it read, the
// document has not heard the counters up to seen (Merge's rule on
// forgotten accounts relies on that).
func (v *Vault) stamp(seen uint64) (uint64, bool) {
	d := v.Doc
	rev := core.Revision{N: max(d.Clock, seen) + 1, Device: v.dev.ID}
	changed := false
	nb := base{accounts: make(map[string]uint64, len(d.Accounts)), keys: jsonHash(d.Keys), settings: jsonHash(d.Settings)}
	for i := range d.Accounts {
		a := &d.Accounts[i]
		fp := fingerprint(a)
		nb.accounts[a.ID] = fp
		// An account the base lacks keeps a revision it comes with: a
		// merge of unsaved changes (backup.Reconcile) may bring back one
		// deleted elsewhere, whose deletion Merge must still see.
		if old, ok := v.base.accounts[a.ID]; (ok && old != fp) || a.Rev.IsZero() {
			a.Rev, changed = rev, true
		}
	}
	dead := make(map[string]bool, len(d.Tombstones))
	for i := range d.Tombstones {
		t := &d.Tombstones[i]
		dead[t.ID] = true
		if t.Rev.IsZero() {
			t.Rev, changed = rev, true
		}
	}
	for id := range v.base.accounts {
		if _, ok := nb.accounts[id]; !ok && !dead[id] {
			d.Tombstones = append(d.Tombstones, core.Tombstone{ID: id, Deleted: d.Updated, Rev: rev})
			changed = true
		}
	}
	if nb.keys != v.base.keys || (d.KeysRev.IsZero() && d.Keys != nil) {
		d.KeysRev, changed = rev, true
	}
	if nb.settings != v.base.settings || (d.SettingsRev.IsZero() && d.Settings != nil) {
		d.SettingsRev, changed = rev, true
	}
	v.base = nb
	return rev.N, changed
}

// stampAndSign is stamp with nothing to merge: the document then holds
// every counter up to the new one, and is signed.
func (v *Vault) stampAndSign() {
	tick, changed := v.stamp(0)
	if changed {
		v.Doc.Clock = max(v.Doc.Clock, tick)
	}
	v.sign(changed)
}

// sign makes the document this device's (signDoc). While this device's
// replica is stale (not merged yet), the document does not hold all of
// this device's changes, and must not say it does.
func (v *Vault) sign(changed bool) {
	if v.ownStale {
		return
	}
	signDoc(v.Doc, v.dev, changed)
}

// signDoc makes d the document of dev: its id, its entry with its name,
// what it has heard (everything any merged entry had heard, and its own
// clock) and, when it changed something, the time.
func signDoc(d *Document, dev Device, changed bool) {
	if d.Format == 2 {
		d.Format = FormatVersion // revisions are format 3
	}
	e, known := d.Devices[dev.ID]
	if known && e.Name != dev.Name {
		// A rename: a tick of this device's own, so its entry wins.
		d.Clock++
		changed = true
	}
	heard := maps.Clone(e.Heard)
	if heard == nil {
		heard = map[string]uint64{}
	}
	for _, o := range d.Devices {
		for k, n := range o.Heard {
			heard[k] = max(heard[k], n)
		}
	}
	heard[dev.ID] = max(heard[dev.ID], d.Clock)
	e.Heard, e.Name = heard, dev.Name
	if changed || e.Edited.IsZero() {
		e.Edited = d.Updated
	}
	if d.Devices == nil {
		d.Devices = map[string]DeviceInfo{}
	}
	d.Devices[dev.ID] = e
	d.Device = dev.ID
}

// syncDigest hashes what a merge can change in d: whether a merged
// document differs from a replica, so that it is written only then.
func syncDigest(d *Document) uint64 {
	var h maphash.Hash
	h.SetSeed(fpSeed)
	w := func(s string) {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for i := range d.Accounts {
		a := &d.Accounts[i]
		w(a.ID)
		w(a.Rev.String())
		w(fmt.Sprint(a.Counter, a.Uses, len(a.RecoveryCodes)))
		for _, c := range a.RecoveryCodes {
			w(string(c.Code))
			w(c.Added.String())
			if c.UsedAt != nil {
				w(c.UsedAt.String())
			}
		}
	}
	for _, t := range d.Tombstones {
		w(t.ID + t.Rev.String())
	}
	w(d.KeysRev.String() + d.SettingsRev.String() + fmt.Sprint(d.Clock))
	devs, _ := json.Marshal(d.Devices)
	h.Write(devs)
	return h.Sum64()
}
