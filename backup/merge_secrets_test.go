package backup

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestMergeCodeAndClock: what a merge does with a newer copy that changes
// the code (only with consent), with times after this device's clock
// (never believed), and with an HOTP counter of another secret.
func TestMergeCodeAndClock(t *testing.T) {
	const mine, theirs = "JBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLU"
	future := testNow.Add(ClockSkew + time.Second)
	soon := testNow.Add(ClockSkew - time.Second)
	hotp := func(a core.Account, counter uint64) core.Account {
		return with(a, func(a *core.Account) { a.Type, a.Period, a.Counter = core.HOTP, 0, counter })
	}
	base := acct("a", "GitHub", "alice", mine, t1)
	cases := []struct {
		name       string
		cur, inc   core.Account
		accept     bool
		kind       Kind
		action     string
		secret     string // whose secret the vault holds after the merge
		note, want string // the merged account's note; a word in Item.Note
	}{
		{"new secret, not accepted", base, with(acct("a", "GitHub", "alice", theirs, t2), func(a *core.Account) { a.Note = "n" }), false, NewSecret, "update", mine, "n", "accept"},
		{"new secret, accepted", base, acct("a", "GitHub", "alice", theirs, t2), true, NewSecret, "update", theirs, "", "accept"},
		{"only the digits, not accepted", base, with(base, func(a *core.Account) { a.Digits, a.Updated = 8, t2 }), false, NewSecret, "keep", mine, "", "accept"},
		{"backup dated in the future", base, with(acct("a", "GitHub", "alice", theirs, future), func(a *core.Account) { a.Note = "n" }), true, Conflict, "keep", mine, "", "future"},
		{"vault dated in the future", with(base, func(a *core.Account) { a.Updated = future }), with(base, func(a *core.Account) { a.Note, a.Updated = "n", t2 }), false, Conflict, "keep", mine, "", "future"},
		{"backup a little ahead", base, with(base, func(a *core.Account) { a.Note, a.Updated = "n", soon }), false, Changed, "update", mine, "n", ""},
		{"HOTP counter of another secret", hotp(base, 5), hotp(acct("a", "GitHub", "alice", theirs, t1), 9), false, Conflict, "keep", mine, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, _ := newVault(t, 0)
			v.Doc.Accounts = []core.Account{c.cur}
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			p := Plan(v.Doc, Incoming{Source: "b.age", VaultID: "other", Accounts: []core.Account{c.inc}}, testNow)
			it := &p.Items[0]
			it.Accept = c.accept
			if it.Kind != c.kind || it.Action(Merge) != c.action || !strings.Contains(it.Note, c.want) {
				t.Fatalf("item = %v %q (note %q), want %v %q", it.Kind, it.Action(Merge), it.Note, c.kind, c.action)
			}
			if _, err := Apply(v, p, Merge, testNow); err != nil {
				t.Fatal(err)
			}
			got := v.Doc.Accounts[0]
			want, _ := core.ParseSecret(c.secret)
			if !bytes.Equal(got.Secret, want) || got.Note != c.note {
				t.Errorf("after the merge: secret %s, note %q; want %s, %q", got.Secret.Base32(), got.Note, c.secret, c.note)
			}
			if c.cur.Type == core.HOTP && got.Counter != c.cur.Counter {
				t.Errorf("counter = %d, want the vault's %d", got.Counter, c.cur.Counter)
			}
		})
	}
}

// TestNothingToRestoreSaysWhatDiffers: "Nothing to restore" only when the
// vault holds what the backup holds.
func TestNothingToRestoreSaysWhatDiffers(t *testing.T) {
	a := acct("a", "GitHub", "alice", "JBSWY3DPEHPK3PXP", t2)
	doc := &vault.Document{Format: 1, VaultID: "this", Accounts: []core.Account{a}}
	if got := Plan(doc, FromDocument(doc, "self.age"), testNow).NothingToDo(Merge); !strings.HasPrefix(got, "Nothing to restore") {
		t.Errorf("equal: %q", got)
	}
	older := with(a, func(a *core.Account) { a.Note, a.Updated = "old", t1 })
	in := Incoming{Source: "b.age", VaultID: doc.VaultID, Accounts: []core.Account{older}}
	if got, want := Plan(doc, in, testNow).NothingToDo(Merge), "The vault stays as it is: the backup holds an older version of 1 account: kept yours."; got != want {
		t.Errorf("older:\n got %q\nwant %q", got, want)
	}
}
