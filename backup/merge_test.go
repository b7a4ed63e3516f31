package backup

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

var (
	t1 = testNow.Add(-48 * time.Hour)
	t2 = testNow.Add(-24 * time.Hour)
)

func acct(id, issuer, name, secret string, updated time.Time) core.Account {
	s, err := core.ParseSecret(secret)
	if err != nil {
		panic(err)
	}
	a := core.Account{ID: id, Issuer: issuer, Name: name, Secret: s, Created: t1, Updated: updated}
	a.Defaults()
	return a
}

func with(a core.Account, f func(*core.Account)) core.Account { a = a.Clone(); f(&a); return a }

// mergeScenario is a vault and a backup that between them hold every case
// a merge meets. want maps a label to its kind and the action in each mode.
func mergeScenario() (cur []core.Account, curTomb []core.Tombstone, in Incoming, want map[string][3]string) {
	A := acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t1)
	B := acct("b", "Bank", "b", "KRSXG5CTMVRXEZLU", t1)
	C := acct("c", "Cloud", "c", "MFRGGZDFMZTWQ2LK", t2)
	D := acct("d", "Dropbox", "d", "NBSWY3DPO5XXE3DE", t1)
	E := acct("e", "Email", "e", "ONSWG4TFORSXG5DJ", t1)
	H := acct("h", "Hosting", "h", "GEZDGNBVGY3TQOJQ", t1)
	I := acct("i", "Intranet", "i", "MZXW6YTBOI======", t1)
	N := with(acct("n", "Nas", "n", "KNSWG4TFOQ======", t2), func(a *core.Account) { a.Type, a.Period, a.Counter = core.HOTP, 0, 5 })
	O := acct("o", "Office", "o", "IFBEGRCFIZDUQSKK", t1)
	cur = []core.Account{A, B, C, D, E, H, I, N, O}
	curTomb = []core.Tombstone{{ID: "f", Deleted: t2}, {ID: "g", Deleted: t1}}

	J := acct("j", "Jira", "j", "JJFEKRKNKRHE6TKP", t1)
	in = Incoming{Source: "test", VaultID: "other", Accounts: []core.Account{
		A,
		with(B, func(a *core.Account) { a.Note, a.Updated = "new note", t2 }),
		with(C, func(a *core.Account) { a.Note, a.Updated = "old note", t1 }),
		with(D, func(a *core.Account) { a.Note = "same time" }),
		with(E, func(a *core.Account) { a.ID, a.Digits, a.Created, a.Updated = "", 8, time.Time{}, time.Time{} }),
		acct("f", "Forum", "f", "MZXW6===", t1),
		acct("g", "Git", "g", "M5UXI===", t2),
		J,
		with(J, func(a *core.Account) { a.ID = "" }),
		with(acct("l", "Lost", "l", "NQ======", t1), func(a *core.Account) { a.Secret = nil }),
		with(A, func(a *core.Account) { a.ID, a.Secret = "m", core.Secret("other secret bytes") }),
		with(N, func(a *core.Account) { a.Counter, a.Updated = 9, t1 }),
		with(O, func(a *core.Account) { a.ID = "o2" }),
	}, Tombstones: []core.Tombstone{{ID: "h", Deleted: t2}, {ID: "zz", Deleted: t1}}}

	// Label: kind, action on Merge, action on Replace; one line a kind.
	want = map[string][3]string{
		"GitHub:alice": {"identical", "keep", "keep"}, "Office:o": {"identical", "keep", "keep"},
		"Bank:b":  {"changed", "update", "update"},
		"Cloud:c": {"older", "keep", "update"}, "Nas:n": {"older", "update", "update"},
		"Dropbox:d": {"conflict", "keep", "update"}, "Email:e": {"conflict", "keep", "update"},
		"Forum:f":   {"deleted here", "skip", "add"},
		"Hosting:h": {"deleted there", "keep", "remove"},
		"Git:g":     {"new", "add", "add"}, "Jira:j": {"new", "add", "add"},
		"Intranet:i": {"only here", "keep", "remove"},
		"Lost:l":     {"invalid", "skip", "skip"},
	}
	return cur, curTomb, in, want
}

func TestPlan(t *testing.T) {
	cur, tomb, in, want := mergeScenario()
	doc := &vault.Document{Format: 1, VaultID: "this", Accounts: cur, Tombstones: tomb}
	p := Plan(doc, in, testNow)
	seen := map[string]int{}
	for _, it := range p.Items {
		seen[it.Label+"/"+it.Kind.String()]++
		w, ok := want[it.Label]
		switch {
		case it.Kind == Duplicate:
			if it.Label != "Jira:j" {
				t.Errorf("%s: unexpected duplicate", it.Label)
			}
			continue
		case it.Label == "GitHub:alice" && it.Kind == New:
			if !strings.Contains(it.Note, "another secret") {
				t.Errorf("same name, other secret: note %q", it.Note)
			}
			continue
		case !ok:
			t.Errorf("unexpected item %s (%s)", it.Label, it.Kind)
			continue
		}
		got := [3]string{it.Kind.String(), it.Action(Merge), it.Action(Replace)}
		if got != w {
			t.Errorf("%s: got %v, want %v (note %q)", it.Label, got, w, it.Note)
		}
	}
	for label := range want {
		if n := seen[label+"/"+want[label][0]]; n != 1 {
			t.Errorf("%s appears %d times as %s", label, n, want[label][0])
		}
	}
	for _, it := range p.Items {
		if it.Label == "Dropbox:d" && !slices.Equal(it.Fields, []string{"note"}) {
			t.Errorf("Dropbox fields = %v", it.Fields)
		}
		if it.Label == "Email:e" && !slices.Equal(it.Fields, []string{"digits"}) {
			t.Errorf("Email fields = %v", it.Fields)
		}
	}
	if p.SameVault || p.Count(New) != 3 {
		t.Errorf("SameVault %v, %d new", p.SameVault, p.Count(New))
	}
}

// Applying the preview: merge keeps every account the vault had; replace
// makes the vault hold the backup's; both write an undo snapshot first.
func TestApply(t *testing.T) {
	for _, mode := range []Mode{Merge, Replace} {
		t.Run([]string{"merge", "replace"}[mode], func(t *testing.T) {
			v, rk := newVault(t, 0)
			cur, tomb, in, want := mergeScenario()
			v.Doc.Accounts, v.Doc.Tombstones = cur, tomb
			v.Doc.Settings = map[string]json.RawMessage{"kept": json.RawMessage("true")}
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			before := accountsJSON(t, v.Doc.Accounts)
			brief := func(as []core.Account) string {
				var b strings.Builder
				for _, a := range as {
					c := a.Counter
					if a.ID == "n" {
						c = 9
					}
					b.WriteString(a.ID + "=" + a.Label() + ":" + a.Note + ":" + a.Secret.Base32() + ":" + string(rune('0'+c)) + " ")
				}
				return b.String()
			}
			p := Plan(v.Doc, in, testNow)
			res, err := Apply(v, p, mode, testNow.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			w, err := vault.OpenRecoveryKey(v.Dir, rk)
			if err != nil {
				t.Fatal(err)
			}
			if w.Doc.VaultID != v.Meta.VaultID || w.Doc.Keys == nil || w.Doc.Keys.RecoveryRecipient != rk.Recipient() || string(w.Doc.Settings["kept"]) != "true" {
				t.Error("the restore changed the vault's id, keys or settings")
			}
			for i := range p.Items {
				cur, inc := p.Accounts(i)
				if (cur == nil && inc == nil) || (cur != nil && cur.Label() != p.Items[i].Label) {
					t.Errorf("Accounts(%d) = %v, %v", i, cur, inc)
				}
			}
			got := map[string]core.Account{}
			for _, a := range w.Doc.Accounts {
				got[a.Label()+"/"+a.ID] = a
			}
			for label, k := range want {
				act := k[1+int(mode)]
				present := false
				for key := range got {
					present = present || strings.HasPrefix(key, label+"/")
				}
				if present != (act != "remove" && act != "skip") {
					t.Errorf("%s (%s): present = %v", label, act, present)
				}
			}
			if a := got["Bank:b/b"]; a.Note != "new note" {
				t.Errorf("changed account not updated: note %q", a.Note)
			}
			if a := got["Nas:n/n"]; a.Counter != 9 {
				t.Errorf("HOTP counter = %d, want the higher 9", a.Counter)
			}
			if a := got["Cloud:c/c"]; (a.Note == "old note") != (mode == Replace) {
				t.Errorf("older copy: note %q", a.Note)
			}
			if mode == Merge {
				for _, a := range cur {
					if _, ok := got[a.Label()+"/"+a.ID]; !ok {
						t.Errorf("merge dropped %s", a.Label())
					}
				}
			}
			dead := map[string]bool{}
			for _, ts := range w.Doc.Tombstones {
				dead[ts.ID] = true
			}
			if dead["f"] == (mode == Replace) || dead["g"] || !dead["zz"] || dead["h"] == (mode == Merge) || dead["i"] != (mode == Replace) {
				t.Errorf("tombstones = %v", w.Doc.Tombstones)
			}

			// The snapshot is the vault as it was: restoring it undoes.
			snap, err := ReadFile(res.Snapshot, Key{RecoveryKey: rk})
			if err != nil {
				t.Fatalf("snapshot %s: %v", res.Snapshot, err)
			}
			if accountsJSON(t, snap.Doc.Accounts) != before || snap.Doc.Keys == nil {
				t.Error("the snapshot is not the vault before the restore")
			}
			undo, err := Apply(w, Plan(w.Doc, FromDocument(snap.Doc, res.Snapshot), testNow), Replace, testNow.Add(2*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			// Undone, except that an HOTP counter never goes back (a code
			// already used must not come again).
			if got, want := brief(w.Doc.Accounts), brief(cur); got != want {
				t.Errorf("restoring the snapshot with Replace did not undo:\n got %s\nwant %s", got, want)
			}
			if undo.Snapshot == res.Snapshot {
				t.Error("a snapshot was overwritten")
			}
		})
	}
}

// Another app's accounts (no ids, no times) merge; a second import of the
// same file changes nothing.
func TestApplyImportTwice(t *testing.T) {
	v, _ := newVault(t, 3)
	imported := []core.Account{
		with(v.Doc.Accounts[0], func(a *core.Account) { a.ID, a.Created, a.Updated = "", time.Time{}, time.Time{} }),
		acct("", "Zulip", "me", "JBSWY3DPEHPK3PXP", time.Time{}),
	}
	imported[1].Created = time.Time{}
	for round, wantNew := range []int{1, 0} {
		p := Plan(v.Doc, Incoming{Source: "Aegis export", Accounts: imported}, testNow)
		if p.Count(New) != wantNew || p.Count(Identical) != 1+round {
			t.Fatalf("round %d: %d new, %d identical", round, p.Count(New), p.Count(Identical))
		}
		if _, err := Apply(v, p, Merge, testNow.Add(time.Duration(round+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if len(v.Doc.Accounts) != 4 {
		t.Fatalf("%d accounts, want 4", len(v.Doc.Accounts))
	}
	z := v.Doc.Accounts[3]
	if z.ID == "" || z.Created.IsZero() || z.Updated.IsZero() {
		t.Errorf("imported account lacks id or times: %+v", z)
	}
}

func TestApplyStalePreview(t *testing.T) {
	v, _ := newVault(t, 2)
	p := Plan(v.Doc, Incoming{Accounts: []core.Account{acct("", "New", "n", "JBSWY3DPEHPK3PXP", t1)}}, testNow)
	if _, err := v.Doc.Add(acct("", "Other", "o", "KRSXG5CTMVRXEZLU", t1), testNow); err != nil {
		t.Fatal(err)
	}
	if err := v.Save(testNow.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	before := dirState(t, v.Dir)
	if _, err := Apply(v, p, Merge, testNow); !errors.Is(err, ErrStalePreview) {
		t.Fatalf("err = %v", err)
	}
	after := dirState(t, v.Dir)
	if after[vault.VaultFile] != before[vault.VaultFile] {
		t.Error("a stale preview changed the vault")
	}
}

// The undo snapshot goes to the vault's own folder when the chosen backup
// folder is missing; the restore is not blocked by an unplugged drive.
func TestApplySnapshotFallback(t *testing.T) {
	v, rk := newVault(t, 1)
	s := DefaultSettings()
	s.Folder = filepath.Join(testkit.TempDir(t), "unplugged")
	s.Store(v.Doc)
	v.Save(testNow)
	p := Plan(v.Doc, Incoming{Accounts: []core.Account{acct("", "New", "n", "KRSXG5CTMVRXEZLU", t1)}}, testNow)
	res, err := Apply(v, p, Merge, testNow.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(res.Snapshot) != filepath.Join(v.Dir, DefaultFolderName) || res.Added != 1 {
		t.Fatalf("snapshot at %s, %d added", res.Snapshot, res.Added)
	}
	if o, err := ReadFile(res.Snapshot, Key{RecoveryKey: rk}); err != nil || len(o.Doc.Accounts) != 1 {
		t.Fatalf("snapshot: %v", err)
	}
}
