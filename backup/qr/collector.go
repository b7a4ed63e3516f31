package qr

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// Collector gathers the QR codes of Google Authenticator exports, which
// hold at most ten accounts each, so an export of 25 is three codes
// ("batch 1 of 3"…). Codes may come in any order, from several images
// or screens, and twice; a code scanned again is ignored. Codes of
// different exports (told apart by batch id and size) are kept apart.
// The zero value is ready to use; it is not safe for concurrent use.
type Collector struct {
	exports []*export
}

type export struct {
	id, size int
	batches  map[int]core.Batch // by BatchIndex
}

// Progress is the state of one export after a code was added.
type Progress struct {
	BatchID   int
	Size      int   // codes in the export
	Scanned   int   // distinct codes scanned so far
	Missing   []int // 1-based numbers of the codes not scanned yet
	Duplicate bool  // the code just added had been scanned before
}

// Complete reports whether every code of the export was scanned.
func (p Progress) Complete() bool { return p.Scanned >= p.Size }

// String is what the window and the CLI show: "2 of 3 scanned".
func (p Progress) String() string {
	return fmt.Sprintf("%d of %d scanned", p.Scanned, p.Size)
}

// Add records one batch. A batch that says it is code 4 of 3 is refused;
// a batch without numbers (older exports, single codes) is an export of
// one code.
func (c *Collector) Add(b core.Batch) (Progress, error) {
	size := max(b.BatchSize, 1)
	if b.BatchIndex < 0 || b.BatchIndex >= size {
		return Progress{}, fmt.Errorf("migration batch says it is number %d of %d", b.BatchIndex+1, size)
	}
	var e *export
	for _, x := range c.exports {
		if x.id == b.BatchID && x.size == size {
			e = x
		}
	}
	if e == nil {
		e = &export{id: b.BatchID, size: size, batches: map[int]core.Batch{}}
		c.exports = append(c.exports, e)
	}
	_, dup := e.batches[b.BatchIndex]
	if !dup {
		e.batches[b.BatchIndex] = b
	}
	p := e.progress()
	p.Duplicate = dup
	return p, nil
}

func (e *export) progress() Progress {
	p := Progress{BatchID: e.id, Size: e.size, Scanned: len(e.batches)}
	for i := range e.size {
		if _, ok := e.batches[i]; !ok {
			p.Missing = append(p.Missing, i+1)
		}
	}
	return p
}

// Exports returns the progress of every export seen, in the order their
// first code arrived.
func (c *Collector) Exports() []Progress {
	out := make([]Progress, len(c.exports))
	for i, e := range c.exports {
		out[i] = e.progress()
	}
	return out
}

// Complete reports whether every export seen has all its codes (and at
// least one code was added).
func (c *Collector) Complete() bool {
	for _, e := range c.exports {
		if len(e.batches) < e.size {
			return false
		}
	}
	return len(c.exports) > 0
}

// Status sums up the collection for one line of the window: "2 of 3
// scanned", or, for several exports, "2 of 3 scanned; 1 of 1 scanned".
func (c *Collector) Status() string {
	parts := make([]string, len(c.exports))
	for i, e := range c.exports {
		parts[i] = e.progress().String()
	}
	return strings.Join(parts, "; ")
}

// Accounts returns the accounts of every code scanned so far, in export
// and batch order; an account that appears twice (same type, issuer,
// name and secret) is returned once. The window calls it when the
// collection is complete or when the person chooses to add what has
// arrived.
func (c *Collector) Accounts() []core.Account {
	var out []core.Account
	for _, e := range c.exports {
		idx := make([]int, 0, len(e.batches))
		for i := range e.batches {
			idx = append(idx, i)
		}
		slices.Sort(idx)
		for _, i := range idx {
			for _, a := range e.batches[i].Accounts {
				if !slices.ContainsFunc(out, func(o core.Account) bool { return sameAccount(&o, &a) }) {
					out = append(out, a.Clone())
				}
			}
		}
	}
	return out
}

// Reset forgets everything collected and zeroes the secrets it held (the
// accounts Accounts returned are copies: they keep theirs). Add keeps the
// batch it is given, so a caller must not use a batch's secrets after
// Reset.
func (c *Collector) Reset() {
	for _, e := range c.exports {
		for _, b := range e.batches {
			for i := range b.Accounts {
				clear(b.Accounts[i].Secret)
			}
		}
	}
	c.exports = nil
}

func sameAccount(a, b *core.Account) bool {
	return a.Type == b.Type && a.Issuer == b.Issuer && a.Name == b.Name && bytes.Equal(a.Secret, b.Secret)
}
