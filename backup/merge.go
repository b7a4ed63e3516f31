package backup

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Incoming is a set of accounts to bring into the vault: a Lifeline backup
// (FromDocument) or another app's export, whose accounts have no ids, no
// times and no tombstones. Plan accepts both.
type Incoming struct {
	Source     string // for people: a file name, "Aegis export"…
	Accounts   []core.Account
	Tombstones []core.Tombstone
	VaultID    string    // the Lifeline vault it comes from; "" for other apps
	Saved      time.Time // when that vault was saved; zero if unknown
	// Own says these are the vault's own accounts (the window's unsaved
	// changes, Reconcile): one over a limit got in before the limit
	// existed and is merged, not refused as a backup's or an import's is.
	Own bool
}

// FromDocument is the Incoming for a Lifeline backup document.
func FromDocument(doc *vault.Document, source string) Incoming {
	return Incoming{Source: source, Accounts: doc.Accounts, Tombstones: doc.Tombstones, VaultID: doc.VaultID, Saved: doc.Updated}
}

// Kind is what a restore finds for one account.
type Kind int

const (
	New       Kind = iota // only in the backup: added
	Changed               // the backup's copy is newer: it replaces the vault's
	NewSecret             // the backup's copy is newer and changes what makes the codes: a merge takes that only if accepted
	Identical             // the same in both: nothing to do
	Older                 // the vault's copy is newer: merge keeps it
	Conflict              // both differ and neither is known to be newer: merge keeps the vault's
	Deleted               // deleted in this vault after the backup's last change: merge does not bring it back
	Gone                  // deleted in the backup after this vault's last change: merge keeps it
	OnlyHere              // only in the vault: merge keeps it
	Duplicate             // a second copy of an account earlier in the backup: skipped
	Invalid               // the backup's copy is not a valid account (Note says why): skipped
)

var kindNames = [...]string{"new", "changed", "secret change", "identical", "older", "conflict", "deleted here", "deleted there", "only here", "duplicate", "invalid"}

func (k Kind) String() string { return kindNames[k] }

// Mode is how a restore treats the vault: Merge (the default) never drops
// anything the vault holds; Replace makes the vault hold what the backup
// holds, and is only done when the person asks for it.
type Mode int

const (
	Merge Mode = iota
	Replace
)

// Item is one account in a preview. Fields name what differs between the
// two copies (never their values); Note explains anything unusual.
type Item struct {
	Kind    Kind
	Label   string // Issuer:Name as the person knows it
	ID      string // the vault's id when the account is there, else the backup's
	Fields  []string
	Note    string
	Accept  bool // consent to a NewSecret, set by the face after asking: a merge takes the new code only then
	cur     int  // index in the current document, -1 if none
	in      int  // index in Incoming.Accounts, -1 if none
	counter uint64
	future  bool // a copy is dated in the future of this device's clock
	drop    bool // a reload takes the deletion of a Gone (reload.go)
}

// Action says what applying does with the item in a mode: "add", "update",
// "keep" or "remove" (and "skip" for what neither adds nor keeps).
func (it Item) Action(m Mode) string {
	switch it.Kind {
	case New:
		return "add"
	case Changed:
		return "update"
	case NewSecret:
		if m == Replace || it.Accept || it.counter != 0 || slices.ContainsFunc(it.Fields, notCodeField) {
			return "update"
		}
		return "keep" // only the code would change, and that was not accepted
	case Identical:
		if it.counter != 0 {
			return "update"
		}
		return "keep"
	case Older, Conflict:
		if m == Replace || it.counter != 0 {
			return "update"
		}
		return "keep"
	case Deleted:
		if m == Replace {
			return "add" // the backup as it is, earlier deletions included
		}
	case Gone, OnlyHere:
		if m == Replace || it.drop {
			return "remove"
		}
		return "keep"
	}
	return "skip"
}

// Preview is what a restore would do, made by Plan before anything
// changes. Items are in the backup's order, then the vault's own.
type Preview struct {
	Source    string
	VaultID   string // the backup's vault, "" for other apps
	SameVault bool   // the backup comes from this very vault
	Saved     time.Time
	Items     []Item

	base         *vault.Document
	baseAccounts []core.Account // as planned; Apply replaces the document's
	baseTime     time.Time
	baseLen      int
	incoming     Incoming
	// keepRevs: the incoming accounts keep their revisions (Reconcile: they
	// are this device's own); a restore gives what it adds new ones.
	keepRevs bool
}

// Count returns how many items are of kind k.
func (p *Preview) Count(k Kind) int {
	n := 0
	for i := range p.Items {
		if p.Items[i].Kind == k {
			n++
		}
	}
	return n
}

// Accounts returns the two copies behind Items[i]: the vault's and the
// backup's, nil where there is none. They are for showing, not changing.
func (p *Preview) Accounts(i int) (current, incoming *core.Account) {
	it := &p.Items[i]
	if it.cur >= 0 {
		current = &p.baseAccounts[it.cur]
	}
	if it.in >= 0 {
		incoming = &p.incoming.Accounts[it.in]
	}
	return current, incoming
}

// Changes counts the items that applying in mode would add, update or
// remove; 0 means the vault already holds the backup.
func (p *Preview) Changes(m Mode) int {
	n := 0
	for i := range p.Items {
		switch p.Items[i].Action(m) {
		case "add", "update", "remove":
			n++
		}
	}
	return n
}

// Plan compares incoming with the current document and says, per account,
// what a restore would do. It changes nothing. Accounts match by id, then by
// issuer, name and secret (case and spaces ignored in the names); the newest
// Updated wins, but never a time more than ClockSkew after now (this
// device's clock): such a copy is a Conflict, kept as the vault has it. A
// newer copy that changes the secret, type, algorithm, digits or period is
// a NewSecret, which a merge takes only when accepted. Tombstones hold
// in both directions (an account deleted after its last change elsewhere
// is neither brought back nor, by a merge, removed). For HOTP the higher
// counter of the same secret always wins, so no code is used twice.
func Plan(current *vault.Document, in Incoming, now time.Time) *Preview {
	p := &Preview{
		Source: in.Source, VaultID: in.VaultID, SameVault: in.VaultID != "" && in.VaultID == current.VaultID,
		Saved: in.Saved, base: current, baseAccounts: current.Accounts, baseTime: current.Updated, baseLen: len(current.Accounts), incoming: in,
		Items: make([]Item, 0, len(in.Accounts)+len(current.Accounts)/8),
	}
	limit := now.Add(ClockSkew)
	byID, byContent, byLabel := indexAccounts(current.Accounts)
	hereDeleted := tombstoneMap(current.Tombstones)
	thereDeleted := tombstoneMap(in.Tombstones)
	matched := make([]bool, len(current.Accounts))
	seenIn := make(map[string]bool, len(in.Accounts))

	for j := range in.Accounts {
		inc := &in.Accounts[j]
		it := Item{Label: inc.Label(), ID: inc.ID, cur: -1, in: j}
		if err := inc.Validate(); err != nil && !(in.Own && errors.Is(err, core.ErrOverLimit)) {
			it.Kind, it.Label, it.Note = Invalid, inc.ShortLabel(), err.Error()
			p.Items = append(p.Items, it)
			continue
		}
		key := contentKey(inc)
		if seenIn[key] || (inc.ID != "" && seenIn["id:"+inc.ID]) {
			it.Kind, it.Note = Duplicate, "twice in the backup; restored once"
			p.Items = append(p.Items, it)
			continue
		}
		seenIn[key] = true
		if inc.ID != "" {
			seenIn["id:"+inc.ID] = true
		}
		i, ok := byID[inc.ID]
		if !ok || inc.ID == "" {
			i, ok = byContent[key]
		}
		if ok && matched[i] {
			it.Kind, it.Note = Duplicate, "matches the same vault account as an earlier entry; restored once"
			p.Items = append(p.Items, it)
			continue
		}
		if !ok {
			if d, dead := hereDeleted[inc.ID]; dead && inc.ID != "" && !inc.Updated.After(d) && !d.After(limit) {
				it.Kind, it.Note = Deleted, "deleted in this vault on "+d.UTC().Format(time.DateOnly)
			} else {
				it.Kind = New
				if t, ok := byLabel[labelKey(inc)]; ok {
					it.Note = "the vault has an account with this name and another secret (" + current.Accounts[t].Label() + "); both are kept"
				}
				if dead && d.After(limit) {
					it.Note = "deleted in this vault on " + d.UTC().Format(time.DateOnly) + ", a date in the future of this device’s clock: not believed"
				}
			}
			p.Items = append(p.Items, it)
			continue
		}
		matched[i] = true
		cur := &current.Accounts[i]
		it.cur, it.ID, it.Label = i, cur.ID, cur.Label()
		it.compare(cur, inc, limit)
		p.Items = append(p.Items, it)
	}
	p.addOnlyHere(current.Accounts, matched, thereDeleted, limit)
	return p
}

// ClockSkew is how far in the future of this device's clock a time may be
// and still count: a later one never wins a merge by itself.
const ClockSkew = 10 * time.Minute

// compare sets the kind of an item found in both: which copy is newer,
// believing no time after limit, and whether the newer one changes the code.
func (it *Item) compare(cur, inc *core.Account, limit time.Time) {
	it.Fields = diffFields(cur, inc)
	switch {
	case len(it.Fields) == 0:
		it.Kind = Identical
	case inc.Updated.After(limit) || cur.Updated.After(limit):
		it.Kind, it.future = Conflict, true
		side, t := "the backup’s", inc.Updated
		if cur.Updated.After(limit) {
			side, t = "this vault’s", cur.Updated
		}
		it.Note = side + " copy is dated " + t.UTC().Format(time.DateOnly) + ", in the future of this device’s clock: not believed; merge keeps the vault’s"
	case inc.Updated.IsZero() || inc.Updated.Equal(cur.Updated):
		it.Kind = Conflict
	case inc.Updated.After(cur.Updated) && slices.ContainsFunc(it.Fields, isCodeField):
		it.Kind = NewSecret
		it.Note = "taken only if you accept it"
	case inc.Updated.After(cur.Updated):
		it.Kind = Changed
	default:
		it.Kind = Older
	}
	sameSecret := bytes.Equal(cur.Secret, inc.Secret)
	if cur.Type == core.HOTP && sameSecret && inc.Counter > cur.Counter && it.Kind != Changed {
		it.counter = inc.Counter
		it.Note = "HOTP counter raised to the backup's, so no code is used twice"
	}
}

// isCodeField is true for the fields that make an account's codes: a
// merge changes them only with consent.
func isCodeField(f string) bool {
	switch f {
	case "type", "secret", "algorithm", "digits", "period":
		return true
	}
	return false
}

// CodeFields are the Fields of a NewSecret that need consent: "secret",
// "digits"…
func (it Item) CodeFields() []string {
	var f []string
	for _, name := range it.Fields {
		if isCodeField(name) {
			f = append(f, name)
		}
	}
	return f
}

// notCodeField is true for the fields a merge takes without consent; the
// counter goes with the secret it counts for.
func notCodeField(f string) bool { return !isCodeField(f) && f != "counter" }

// indexAccounts maps the vault's accounts by id, by content and by label
// to their index, for Plan to match incoming accounts against.
func indexAccounts(accs []core.Account) (byID, byContent, byLabel map[string]int) {
	byID = make(map[string]int, len(accs))
	byContent = make(map[string]int, len(accs))
	byLabel = make(map[string]int, len(accs))
	for i := range accs {
		a := &accs[i]
		byID[a.ID] = i
		byContent[contentKey(a)] = i
		byLabel[labelKey(a)] = i
	}
	return byID, byContent, byLabel
}

// addOnlyHere adds the vault's accounts no incoming one matched: kept by
// a merge, or deleted in the backup after their last change here (Gone).
func (p *Preview) addOnlyHere(current []core.Account, matched []bool, thereDeleted map[string]time.Time, limit time.Time) {
	for i := range current {
		if matched[i] {
			continue
		}
		cur := &current[i]
		it := Item{Kind: OnlyHere, Label: cur.Label(), ID: cur.ID, cur: i, in: -1}
		if d, dead := thereDeleted[cur.ID]; dead && d.After(cur.Updated) {
			it.Kind, it.Note = Gone, "deleted in the backup on "+d.UTC().Format(time.DateOnly)
			if d.After(limit) {
				it.Kind, it.Note = OnlyHere, it.Note+", a date in the future of this device’s clock: not believed"
			}
		}
		p.Items = append(p.Items, it)
	}
}

// contentKey is issuer+name+secret, as Document.Add compares them.
func contentKey(a *core.Account) string { return labelKey(a) + "\x00" + string(a.Secret) }

// labelKey is issuer+name without the secret.
func labelKey(a *core.Account) string {
	return strings.ToLower(strings.TrimSpace(a.Issuer)) + "\x00" + strings.ToLower(strings.TrimSpace(a.Name))
}

func tombstoneMap(ts []core.Tombstone) map[string]time.Time {
	m := make(map[string]time.Time, len(ts))
	for _, t := range ts {
		if d, ok := m[t.ID]; !ok || t.Deleted.After(d) {
			m[t.ID] = t.Deleted
		}
	}
	return m
}
