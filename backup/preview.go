package backup

import (
	"fmt"
	"slices"
	"strings"
)

// The words of a preview, the same in the window and on the command line:
// each face lays them out its own way (a list, columns) but says the same
// thing about the same accounts.

func (m Mode) String() string {
	if m == Replace {
		return "replace"
	}
	return "merge"
}

// Does says what the mode does, for a choice between them.
func (m Mode) Does() string {
	if m == Replace {
		return "the vault becomes exactly what the backup holds"
	}
	return "keeps everything in this vault"
}

// lineKinds are the kinds Lines names, in this order: what changes the
// vault first, then what is kept or skipped. Identical accounts are only
// counted; so are those only in the vault, unless Replace removes them.
var lineKinds = []Kind{New, Changed, NewSecret, Conflict, Older, Deleted, Gone, OnlyHere, Duplicate, Invalid}

// Line is one account a preview names.
type Line struct {
	Kind   Kind
	Action string // what applying does with it (Item.Action)
	Label  string // Issuer:Name
	Detail string // " (fields that differ): note", or ""
}

// String is the label and the detail: "GitHub:alice (note): …".
func (l Line) String() string { return l.Label + l.Detail }

// Lines names the accounts that matter when applying in m, grouped by
// kind (lineKinds) and in the backup's order within a kind.
func (p *Preview) Lines(m Mode) []Line { return p.lines(m, lineKinds, false) }

// AllLines names every account, identical ones and those only in the vault
// too, with what applying in m does with it: what a preview lists when
// nothing changes ("GitHub:alice → keep"), so that it shows what it
// looked at.
func (p *Preview) AllLines(m Mode) []Line {
	return p.lines(m, append(slices.Clone(lineKinds), Identical), true)
}

func (p *Preview) lines(m Mode, kinds []Kind, all bool) []Line {
	var lines []Line
	for _, k := range kinds {
		for _, it := range p.Items {
			act := it.Action(m)
			if it.Kind != k || !all && k == OnlyHere && act == "keep" {
				continue
			}
			l := Line{Kind: k, Action: act, Label: it.Label}
			if len(it.Fields) > 0 {
				l.Detail = " (" + strings.Join(it.Fields, ", ") + ")"
			}
			if it.Note != "" {
				l.Detail += ": " + it.Note
			}
			lines = append(lines, l)
		}
	}
	return lines
}

// Summary counts every item by kind, after the mode: "Merge: 1 new,
// 2 identical, 1 only here."
func (p *Preview) Summary(m Mode) string {
	var parts []string
	for k := New; k <= Invalid; k++ {
		if n := p.Count(k); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no accounts, in the file or in the vault"}
	}
	return capitalized(m.String()) + ": " + strings.Join(parts, ", ") + "."
}

// Heading says what came in: "b.age: 3 accounts from this vault, saved
// 2025-11-25 12:00:00", or for another app's export "aegis.json: 3
// accounts".
func (p *Preview) Heading() string {
	h := fmt.Sprintf("%s: %s", p.Source, plural(len(p.incoming.Accounts), "account"))
	if p.VaultID == "" {
		return h
	}
	from := "another vault"
	if p.SameVault {
		from = "this vault"
	}
	h += " from " + from
	if !p.Saved.IsZero() {
		h += ", saved " + p.Saved.Local().Format("2006-01-02 15:04:05")
	}
	return h
}

// Removes counts the accounts applying in m removes from the vault.
func (p *Preview) Removes(m Mode) int {
	n := 0
	for i := range p.Items {
		if p.Items[i].Action(m) == "remove" {
			n++
		}
	}
	return n
}

// NothingToDo says that applying in m would change nothing, or is "" when
// it would change something. "Nothing to restore" is only said when the
// vault holds what the backup holds; otherwise it says what differs and
// that the vault's copies are kept.
func (p *Preview) NothingToDo(m Mode) string {
	if p.Changes(m) > 0 {
		return ""
	}
	if d := p.kept(); d != "" {
		return "The vault stays as it is: " + d + "."
	}
	return fmt.Sprintf("Nothing to %s: the vault is already up to date with %s.", p.verb(), p.Source)
}

// kept says what differs when nothing changes: "the backup holds an older
// version of 1 account: kept yours; …", or "" when nothing differs.
func (p *Preview) kept() string {
	var future int
	for _, it := range p.Items {
		if it.future {
			future++
		}
	}
	var parts []string
	for _, c := range []struct {
		n    int
		text string
	}{
		{p.Count(Older), "the backup holds an older version of %s: kept yours"},
		{p.Count(NewSecret), "the backup has another secret for %s: kept yours, as you did not accept it"},
		{future, "a date in the future of this device’s clock on %s: kept yours"},
		{p.Count(Conflict) - future, "no copy known to be newer of %s: kept yours"},
		{p.Count(Deleted), "%s deleted in this vault: not brought back"},
		{p.Count(Gone), "%s deleted in the backup: kept here"},
		{p.Count(OnlyHere), "%s only in this vault: kept"},
		{p.Count(Duplicate) + p.Count(Invalid), "%s in the backup skipped (duplicate or invalid)"},
	} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf(c.text, plural(c.n, "account")))
		}
	}
	return strings.Join(parts, "; ")
}

// ReplaceWarning is asked before a Replace: what it removes, and the undo.
func (p *Preview) ReplaceWarning() string {
	text := "Replace makes the vault hold exactly what the backup holds."
	if n := p.Removes(Replace); n > 0 {
		text += fmt.Sprintf(" %s will be removed from this vault.", plural(n, "account"))
	}
	return text + " A copy of the vault as it is now is saved first, so you can undo."
}

// Done says what applying did: "Restored: 1 added, 2 kept." (an import
// says "Imported"); counts of 0 are left out.
func (p *Preview) Done(a Applied) string {
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{a.Added, "added"}, {a.Updated, "updated"}, {a.Removed, "removed"}, {a.Kept, "kept"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing changed"}
	}
	done := "Restored"
	if p.verb() == "import" {
		done = "Imported"
	}
	return done + ": " + strings.Join(parts, ", ") + "."
}

// verb is "restore" for a Lifeline backup, "import" for another app's export.
func (p *Preview) verb() string {
	if p.VaultID == "" {
		return "import"
	}
	return "restore"
}

func capitalized(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
