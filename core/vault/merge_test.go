package vault

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// sim is one device of a simulated synced vault: a Vault without files,
// whose replica is what it last "wrote" (JSON, as on disk).
type sim struct {
	v       *Vault
	replica *Document
}

func newSim(id string, doc *Document) *sim {
	s := &sim{v: &Vault{Doc: roundTrip(doc), dev: Device{ID: id, Name: "device " + id}}}
	s.v.base = baseOf(s.v.Doc)
	return s
}

// roundTrip copies d through its JSON form, as a replica file holds it.
func roundTrip(d *Document) *Document {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err)
	}
	var c Document
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return &c
}

// save is writeDoc without the file: revisions, then the replica.
func (s *sim) save(now time.Time) {
	s.v.Doc.Updated = now
	s.v.stampAndSign()
	s.replica = roundTrip(s.v.Doc)
}

// pull merges other devices' replicas in, as a save or a reload does.
func (s *sim) pull(from ...*sim) {
	s.v.others = map[string]*replica{}
	for i, o := range from {
		if o.replica != nil {
			s.v.others[fmt.Sprint(i)] = &replica{doc: roundTrip(o.replica)}
		}
	}
	s.v.mergeOthers()
}

// history is what the simulation acknowledged: per account, the revision
// and name of every saved edit, the deletions, the counters and codes.
type history struct {
	names    map[string]map[core.Revision]string
	deleted  map[string][]core.Revision
	counter  map[string]uint64
	used     map[string]map[core.Sensitive]bool
	codes    map[string]map[core.Sensitive]bool
	accounts []string
}

func newHistory() *history {
	return &history{names: map[string]map[core.Revision]string{}, deleted: map[string][]core.Revision{},
		counter: map[string]uint64{}, used: map[string]map[core.Sensitive]bool{}, codes: map[string]map[core.Sensitive]bool{}}
}

// step does one random operation on device s, saves, and records it.
func step(t *testing.T, r *rand.Rand, s *sim, h *history, now time.Time, n int) {
	d := s.v.Doc
	var record func()
	switch op := r.IntN(7); {
	case op == 0 || len(d.Accounts) == 0:
		a := core.Account{Type: core.HOTP, Issuer: "Site", Name: fmt.Sprintf("acct %d", n), Secret: core.Secret{byte(n), byte(n >> 8), 1, 2, 3}}
		p, err := d.Add(a, now)
		if err != nil {
			t.Fatal(err)
		}
		id := p.ID
		h.accounts = append(h.accounts, id)
		h.codes[id], h.used[id] = map[core.Sensitive]bool{}, map[core.Sensitive]bool{}
		record = func() { h.names[id] = map[core.Revision]string{d.Accounts[d.Index(id)].Rev: a.Name} }
	default:
		i := r.IntN(len(d.Accounts))
		a := &d.Accounts[i]
		id := a.ID
		switch op {
		case 1, 2:
			a.Name = fmt.Sprintf("renamed %d", n)
			d.Touch(i, now)
			name := a.Name
			record = func() { h.names[id][d.Accounts[d.Index(id)].Rev] = name }
		case 3:
			if err := d.Remove(id, now); err != nil {
				t.Fatal(err)
			}
			record = func() {
				k := slices.IndexFunc(d.Tombstones, func(x core.Tombstone) bool { return x.ID == id })
				h.deleted[id] = append(h.deleted[id], d.Tombstones[k].Rev)
			}
		case 4:
			a.Counter++
			h.counter[id] = max(h.counter[id], a.Counter)
		case 5:
			c := core.Sensitive(fmt.Sprintf("code-%d", n))
			a.RecoveryCodes = append(a.RecoveryCodes, core.RecoveryCode{Code: c, Added: now})
			h.codes[id][c] = true
		case 6:
			for k := range a.RecoveryCodes {
				if a.RecoveryCodes[k].UsedAt == nil {
					u := now
					a.RecoveryCodes[k].UsedAt = &u
					h.used[id][a.RecoveryCodes[k].Code] = true
					break
				}
			}
		}
	}
	s.save(now)
	if record != nil {
		record()
	}
}

// canonical is a document's accounts and tombstones, sorted by id: what
// every order of merging must agree on.
func canonical(d *Document) string {
	accs := make([]core.Account, len(d.Accounts))
	for i := range d.Accounts {
		accs[i] = d.Accounts[i].Clone()
		slices.SortFunc(accs[i].RecoveryCodes, func(a, b core.RecoveryCode) int { return strings.Compare(string(a.Code), string(b.Code)) })
	}
	slices.SortFunc(accs, func(a, b core.Account) int { return strings.Compare(a.ID, b.ID) })
	b, _ := json.Marshal(struct {
		A []core.Account
		T []core.Tombstone
		K core.Revision
	}{accs, d.Tombstones, d.KeysRev})
	return string(b)
}

// Random operations on three devices, syncing now and then in random
// pairs, merge to the same vault in every order, and the result holds
// every acknowledged change: the edit with the highest revision, every
// deletion not overtaken by a later edit, the highest HOTP counter, every
// recovery code and every use of one.
func TestMergeProperty(t *testing.T) {
	for seed := range uint64(150) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 16))
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			start := &Document{Format: FormatVersion, VaultID: "v", Created: now, Accounts: []core.Account{}}
			devs := []*sim{newSim("aa", start), newSim("bb", start), newSim("cc", start)}
			// Each device wrote its replica when it first opened the
			// vault, and the others have read it: they know each other.
			for _, s := range devs {
				s.save(now)
			}
			for _, s := range devs {
				s.pull(devs...)
				s.save(now)
			}
			h := newHistory()
			for n := range 80 {
				now = now.Add(time.Duration(r.IntN(3)-1) * time.Hour) // clocks that disagree
				s := devs[r.IntN(3)]
				if r.IntN(4) == 0 {
					s.pull(devs[r.IntN(3)])
					s.save(now)
					continue
				}
				step(t, r, s, h, now, n)
			}
			checkOrders(t, devs)
			final := Merge(devs[0].replica, devs[1].replica, devs[2].replica)
			checkAcknowledged(t, final, h)
			// Full syncs: every replica ends the same, and tombstones every
			// device has heard are dropped without bringing anything back.
			for range 3 {
				for _, s := range devs {
					s.pull(devs...)
					s.save(now)
				}
			}
			for _, s := range devs[1:] {
				if canonical(s.replica) != canonical(devs[0].replica) {
					t.Fatalf("after full syncs device %s differs from %s", s.v.dev.ID, devs[0].v.dev.ID)
				}
			}
			if got := canonical(Merge(devs[0].replica)); got != canonical(withoutTombstones(final)) {
				t.Errorf("full syncs changed the accounts:\n got %s\nwant %s", got, canonical(withoutTombstones(final)))
			}
			if len(devs[0].replica.Tombstones) != 0 {
				t.Errorf("%d tombstones left after every device heard them", len(devs[0].replica.Tombstones))
			}
		})
	}
}

func withoutTombstones(d *Document) *Document {
	c := *d
	c.Tombstones = nil
	return &c
}

// checkOrders merges the replicas in every order, at once and pairwise.
func checkOrders(t *testing.T, devs []*sim) {
	t.Helper()
	a, b, c := devs[0].replica, devs[1].replica, devs[2].replica
	want := canonical(Merge(a, b, c))
	for _, p := range [][3]*Document{{a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a}} {
		if got := canonical(Merge(p[0], p[1], p[2])); got != want {
			t.Fatalf("merge depends on the order of its inputs")
		}
		if got := canonical(Merge(Merge(p[0], p[1]), p[2])); got != want {
			t.Fatalf("merging two, then the third, differs from merging all three:\n%s", firstDiff(got, want))
		}
	}
}

// checkAcknowledged checks that the merge of every replica keeps what was
// saved.
func checkAcknowledged(t *testing.T, final *Document, h *history) {
	t.Helper()
	for _, id := range h.accounts {
		var best core.Revision
		name := ""
		for rev, n := range h.names[id] {
			if rev.Compare(best) > 0 {
				best, name = rev, n
			}
		}
		dead := slices.ContainsFunc(h.deleted[id], func(r core.Revision) bool { return r.Compare(best) > 0 })
		i := final.Index(id)
		switch {
		case dead && i >= 0:
			t.Errorf("account %s deleted after its last edit is back", id)
		case !dead && i < 0:
			t.Errorf("account %s (%q) lost", id, name)
		case !dead:
			a := final.Accounts[i]
			if a.Name != name {
				t.Errorf("account %s named %q, want the edit of the highest revision %q", id, a.Name, name)
			}
			if a.Counter < h.counter[id] {
				t.Errorf("account %s HOTP counter %d, want at least %d", id, a.Counter, h.counter[id])
			}
			if len(h.deleted[id]) > 0 {
				continue // a deletion overtaken by an edit elsewhere: the edit's copy
			}
			for c := range h.codes[id] {
				k := slices.IndexFunc(a.RecoveryCodes, func(x core.RecoveryCode) bool { return x.Code == c })
				if k < 0 {
					t.Errorf("account %s lost recovery code %s", id, c)
				} else if h.used[id][c] && a.RecoveryCodes[k].UsedAt == nil {
					t.Errorf("account %s: recovery code %s used, now unused", id, c)
				}
			}
		}
	}
}

// firstDiff shows where two canonical forms part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-300)
	return " got …" + got[from:min(len(got), i+200)] + "\nwant …" + want[from:min(len(want), i+200)]
}
