package backup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestPreviewWords pins the words both faces show for a preview. Where the
// window and the CLI used to disagree, these are the ones kept: accounts
// grouped by kind (the window's order) rather than in file order; what
// applying does with each and the accounts Replace removes (the CLI's),
// which the window left out; the mode in the summary line.
func TestPreviewWords(t *testing.T) {
	cur, tomb, in, _ := mergeScenario()
	doc := &vault.Document{Format: 1, VaultID: "this", Accounts: cur, Tombstones: tomb}
	p := Plan(doc, in, testNow)
	render := func(m Mode) string {
		var b strings.Builder
		for _, l := range p.Lines(m) {
			fmt.Fprintf(&b, "%s|%s|%s\n", l.Kind, l.Action, l)
		}
		return b.String()
	}
	wantMerge := `new|add|Git:g
new|add|Jira:j
new|add|GitHub:alice: the vault has an account with this name and another secret (GitHub:alice); both are kept
changed|update|Bank:b (note)
conflict|keep|Dropbox:d (note)
conflict|keep|Email:e (digits)
older|keep|Cloud:c (note)
older|update|Nas:n (counter): HOTP counter raised to the backup's, so no code is used twice
deleted here|skip|Forum:f: deleted in this vault on 2025-11-24
deleted there|keep|Hosting:h: deleted in the backup on 2025-11-24
duplicate|skip|Jira:j: twice in the backup; restored once
invalid|skip|Lost:l: secret is empty
`
	if got := render(Merge); got != wantMerge {
		t.Errorf("merge lines:\n%s\nwant\n%s", got, wantMerge)
	}
	replace := render(Replace)
	for _, want := range []string{"only here|remove|Intranet:i\n", "deleted there|remove|Hosting:h", "deleted here|add|Forum:f", "conflict|update|Dropbox:d"} {
		if !strings.Contains(replace, want) {
			t.Errorf("replace lines lack %q:\n%s", want, replace)
		}
	}
	if strings.Contains(render(Merge), "Intranet") || strings.Contains(replace, "identical") {
		t.Error("an account a merge keeps, or an identical one, is named")
	}
	counts := "3 new, 1 changed, 2 identical, 2 older, 2 conflict, 1 deleted here, 1 deleted there, 1 only here, 1 duplicate, 1 invalid."
	if got := p.Summary(Merge); got != "Merge: "+counts {
		t.Errorf("summary = %q", got)
	}
	if got := p.Summary(Replace); got != "Replace: "+counts {
		t.Errorf("summary = %q", got)
	}
	if got, want := p.Heading(), "test: 13 accounts from another vault"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	if got := p.NothingToDo(Merge); got != "" {
		t.Errorf("nothing to do = %q, with changes to make", got)
	}
	want := "Replace makes the vault hold exactly what the backup holds. 2 accounts will be removed from this vault. A copy of the vault as it is now is saved first, so you can undo."
	if got := p.ReplaceWarning(); got != want {
		t.Errorf("replace warning = %q", got)
	}
	if got := p.Done(Applied{Added: 2, Removed: 1, Kept: 3}); got != "Restored: 2 added, 1 removed, 3 kept." {
		t.Errorf("done = %q", got)
	}
	if n := p.Removes(Replace); n != 2 || p.Removes(Merge) != 0 {
		t.Errorf("removes: %d replacing, %d merging", n, p.Removes(Merge))
	}
}

// TestPreviewWordsSameVault: the vault's own backup, unchanged since, says
// so; another app's export speaks of an import; nothing at all is named.
func TestPreviewWordsSameVault(t *testing.T) {
	saved := time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)
	a := acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t1)
	doc := &vault.Document{Format: 1, VaultID: "this", Updated: saved, Accounts: []core.Account{a}}
	p := Plan(doc, FromDocument(doc, "self.age"), testNow)
	if got, want := p.Heading(), "self.age: 1 account from this vault, saved "+saved.Local().Format(time.DateTime); got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
	if got := p.NothingToDo(Merge); got != "Nothing to restore: the vault is already up to date with self.age." {
		t.Errorf("nothing to do = %q", got)
	}
	if got := p.Summary(Merge); got != "Merge: 1 identical." {
		t.Errorf("summary = %q", got)
	}
	if got := p.ReplaceWarning(); strings.Contains(got, "removed") {
		t.Errorf("replace warning names removals there are none of: %q", got)
	}

	imp := Plan(doc, Incoming{Source: "aegis.json", Accounts: []core.Account{with(a, func(a *core.Account) { a.ID = "" })}}, testNow)
	if got := imp.Heading(); got != "aegis.json: 1 account" {
		t.Errorf("import heading = %q", got)
	}
	if got := imp.NothingToDo(Merge); got != "Nothing to import: the vault is already up to date with aegis.json." {
		t.Errorf("import nothing to do = %q", got)
	}
	if got := imp.Done(Applied{Added: 1, Kept: 2}); got != "Imported: 1 added, 2 kept." {
		t.Errorf("import done = %q", got)
	}

	empty := Plan(&vault.Document{Format: 1, VaultID: "this"}, Incoming{Source: "e.json"}, testNow)
	if got := empty.Summary(Merge); got != "Merge: no accounts, in the file or in the vault." {
		t.Errorf("empty summary = %q", got)
	}
	if got := empty.Done(Applied{}); got != "Imported: nothing changed." {
		t.Errorf("empty done = %q", got)
	}
	if Merge.Does() == Replace.Does() || Merge.String() != "merge" || Replace.String() != "replace" {
		t.Error("the modes' words")
	}
}

// AllLines names every account with what applying does, identical ones too:
// what a preview with nothing to do lists.
func TestAllLines(t *testing.T) {
	doc := &vault.Document{Format: 1, VaultID: "this", Updated: t1, Accounts: []core.Account{
		acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t1), acct("b", "GitLab", "bob", "KRSXG5CTMVRXEZLU", t1)}}
	p := Plan(doc, FromDocument(doc, "self.age"), testNow)
	if got := p.Lines(Merge); len(got) != 0 {
		t.Fatalf("Lines = %v, want none", got)
	}
	all := p.AllLines(Merge)
	if len(all) != 2 {
		t.Fatalf("AllLines = %v, want both accounts", all)
	}
	for _, l := range all {
		if l.Kind != Identical || l.Action != "keep" {
			t.Errorf("line %+v, want identical → keep", l)
		}
	}
}
