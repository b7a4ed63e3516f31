package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// HoldRemoved is how long the last backup that holds an account is kept
// after the account is deleted, whatever the retention says: the time to
// notice a deletion by mistake.
const HoldRemoved = 30 * 24 * time.Hour

// Hold keeps one backup until a time, whatever the retention says.
type Hold struct {
	File  string    `json:"file"`
	Until time.Time `json:"until"`
}

// Retention says which automatic backups are kept, on the model of restic's
// forget policy: the newest Last, and the newest backup of each of the
// last Daily days, Weekly weeks (ISO weeks) and Monthly months that have
// backups, in the local time of the clock. Last 0 keeps every backup.
type Retention struct{ Last, Daily, Weekly, Monthly int }

func (s Settings) retention() Retention {
	return Retention{Last: s.Keep, Daily: s.Daily, Weekly: s.Weekly, Monthly: s.Monthly}
}

// Keep returns the paths to keep of files, one vault's automatic backups
// newest first (List's order). Files dated after now (a clock that was
// wrong) are kept and count for nothing: they are not newer than now.
func (r Retention) Keep(files []File, now time.Time) map[string]bool {
	keep := map[string]bool{}
	var past []File
	for _, f := range files {
		if f.Time.After(now) || r.Last <= 0 {
			keep[f.Path] = true
			continue
		}
		past = append(past, f)
	}
	for _, f := range past[:min(r.Last, len(past))] {
		keep[f.Path] = true
	}
	loc := now.Location()
	periods := []struct {
		n   int
		key func(time.Time) int
	}{
		{r.Daily, func(t time.Time) int { y, m, d := t.Date(); return y*10000 + int(m)*100 + d }},
		{r.Weekly, func(t time.Time) int { y, w := t.ISOWeek(); return y*100 + w }},
		{r.Monthly, func(t time.Time) int { y, m, _ := t.Date(); return y*100 + int(m) }},
	}
	for _, p := range periods {
		last, n := -1, 0
		for _, f := range past {
			if n >= p.n {
				break
			}
			if k := p.key(f.Time.In(loc)); k != last {
				keep[f.Path] = true
				last, n = k, n+1
			}
		}
	}
	return keep
}

// pruning is one prune of a vault's backup folder after a backup.
type pruning struct {
	folder  string
	tag     string // the vault's part of the names (vaultTag)
	policy  Retention
	now     time.Time
	written string // the backup just written: never pruned
	holds   []Hold
	// owns reports whether the older-named backup at path is this vault's
	// (it opens with the vault's keys and holds its id); nil: none is.
	owns func(path string) bool
}

// run removes the vault's automatic backups that neither the retention,
// a hold, nor being the newest or the one just written keeps. Only files
// whose names carry this vault's tag are ever removed; an older name is
// first renamed to carry it, once owns has shown the file is ours.
func (p pruning) run() (removed []string, err error) {
	files, err := List(p.folder)
	if err != nil {
		return nil, err
	}
	var own []File
	for _, f := range files {
		if f.Snapshot {
			continue
		}
		if f.Vault == "" {
			var ok bool
			if f, ok = p.adopt(f); !ok {
				continue
			}
		}
		if f.Vault == p.tag {
			own = append(own, f)
		}
	}
	keep := p.policy.Keep(own, p.now)
	keep[p.written] = true
	for _, f := range own {
		if !f.Time.After(p.now) {
			keep[f.Path] = true // the newest
			break
		}
	}
	for _, h := range p.holds {
		if h.Until.After(p.now) {
			keep[h.File] = true
		}
	}
	var errs []error
	for _, f := range own {
		if keep[f.Path] {
			continue
		}
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, f.Path)
	}
	return removed, errors.Join(errs...)
}

// adopt gives an older-named backup of this vault the vault's tag, so it is
// checked once and then pruned like the others; ok is false when it is not
// shown to be ours (it is then never touched).
func (p pruning) adopt(f File) (File, bool) {
	if p.owns == nil || !p.owns(f.Path) {
		return f, false
	}
	name := autoPrefix + p.tag + "-" + f.Time.Format(timeLayout)
	if f.Seq > 1 {
		name += "-" + strconv.Itoa(f.Seq)
	}
	name += fileExt
	path := filepath.Join(p.folder, name)
	if err := place(f.Path, path); err != nil {
		return f, false
	}
	f.Name, f.Path, f.Vault = name, path, p.tag
	return f, true
}

// vaultTag is a vault's part of its backups' names: the first 16 hex
// digits of its id (64 bits: two vaults sharing a folder never collide).
func vaultTag(vaultID string) string {
	if len(vaultID) >= 16 {
		if _, err := hex.DecodeString(vaultID[:16]); err == nil && vaultID[:16] == lowerHex(vaultID[:16]) {
			return vaultID[:16]
		}
	}
	sum := sha256.Sum256([]byte(vaultID))
	return hex.EncodeToString(sum[:8])
}

func lowerHex(s string) string {
	b, _ := hex.DecodeString(s)
	return hex.EncodeToString(b)
}

// liveHolds are the holds still running at now whose files exist, one
// per file (the longest).
func liveHolds(hs []Hold, now time.Time) []Hold {
	var out []Hold
	at := map[string]int{}
	for _, h := range hs {
		if i, ok := at[h.File]; ok {
			if h.Until.After(out[i].Until) {
				out[i].Until = h.Until
			}
			continue
		}
		if _, err := os.Stat(h.File); err == nil && h.Until.After(now) {
			at[h.File] = len(out)
			out = append(out, h)
		}
	}
	return out
}

// String words the retention for a status line: "the newest 10, and the
// newest of each of the last 7 days, 5 weeks and 12 months".
func (r Retention) String() string {
	if r.Last <= 0 {
		return "all"
	}
	s := "the newest " + strconv.Itoa(r.Last)
	var per []string
	for _, p := range []struct {
		n    int
		unit string
	}{{r.Daily, "day"}, {r.Weekly, "week"}, {r.Monthly, "month"}} {
		switch {
		case p.n == 1:
			per = append(per, "1 "+p.unit)
		case p.n > 1:
			per = append(per, strconv.Itoa(p.n)+" "+p.unit+"s")
		}
	}
	switch len(per) {
	case 0:
		return s
	case 1:
		return s + ", and the newest of each of the last " + per[0]
	}
	return s + ", and the newest of each of the last " + strings.Join(per[:len(per)-1], ", ") + " and " + per[len(per)-1]
}
