package vault

import (
	"slices"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// What Merge keeps of deleted accounts, and the union of recovery codes.

// grave is the winning tombstone of one id so far, with the counters and
// recovery codes of every copy it holds.
type grave struct {
	t     core.Tombstone
	codes [][]core.RecoveryCode
}

// addGrave records a copy of a tombstone in graves.
func addGrave(graves map[string]*grave, t core.Tombstone) {
	g, ok := graves[t.ID]
	if !ok {
		graves[t.ID] = &grave{t: t, codes: [][]core.RecoveryCode{t.RecoveryCodes}}
		return
	}
	counter := max(g.t.Counter, t.Counter)
	if t.Rev.Compare(g.t.Rev) > 0 || (t.Rev == g.t.Rev && t.Deleted.After(g.t.Deleted)) {
		g.t = t
	}
	g.t.Counter = counter
	g.codes = append(g.codes, t.RecoveryCodes)
}

// unionCodes is own (the winner's codes, a copy), then the codes only the
// other lists hold (sorted by date and code), each with its earliest
// dates.
func unionCodes(own []core.RecoveryCode, lists [][]core.RecoveryCode) []core.RecoveryCode {
	at := make(map[core.Sensitive]int, len(own))
	out := own
	for i := range out {
		at[out[i].Code] = i
	}
	var extra []core.RecoveryCode
	for _, list := range lists {
		for _, rc := range list {
			i, ok := at[rc.Code]
			if !ok {
				rc.UsedAt = cloneTime(rc.UsedAt)
				extra = append(extra, rc)
				at[rc.Code] = -len(extra)
				continue
			}
			var p *core.RecoveryCode
			if i >= 0 {
				p = &out[i]
			} else {
				p = &extra[-1-i]
			}
			if rc.Added.Before(p.Added) {
				p.Added = rc.Added
			}
			if rc.UsedAt != nil && (p.UsedAt == nil || rc.UsedAt.Before(*p.UsedAt)) {
				p.UsedAt = cloneTime(rc.UsedAt)
			}
		}
	}
	slices.SortFunc(extra, func(x, y core.RecoveryCode) int {
		if c := x.Added.Compare(y.Added); c != 0 {
			return c
		}
		return strings.Compare(string(x.Code), string(y.Code))
	})
	return append(out, extra...)
}

func cloneTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := *t
	return &u
}

// stableTombstones drops the tombstones every known device has heard and
// sorts the rest by id.
func stableTombstones(graves map[string]*grave, devices map[string]DeviceInfo) []core.Tombstone {
	out := make([]core.Tombstone, 0, len(graves))
	for _, g := range graves {
		if heardByAll(g.t.Rev, devices) {
			continue
		}
		t := g.t
		t.RecoveryCodes = nil
		if c := unionCodes(nil, g.codes); len(c) > 0 {
			t.RecoveryCodes = c
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b core.Tombstone) int { return strings.Compare(a.ID, b.ID) })
	if len(out) == 0 {
		return nil
	}
	return out
}

// heardByAll reports whether every device's entry has heard r.
func heardByAll(r core.Revision, devices map[string]DeviceInfo) bool {
	if r.N == 0 || len(devices) == 0 {
		return false
	}
	for _, e := range devices {
		if e.Heard[r.Device] < r.N {
			return false
		}
	}
	return true
}
