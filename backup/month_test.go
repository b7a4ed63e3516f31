package backup

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// An account deleted today is still in a kept backup 30 days later,
// whatever happens meanwhile: a month of the window's saves (edits,
// copies, HOTP advances, busy days and quiet ones) through the fake clock.
func TestDeletedAccountKeptAMonth(t *testing.T) {
	v, _ := newVault(t, 6)
	id, _ := v.OwnIdentity()
	clock := testkit.NewClock(testNow)
	b := NewBackuper(v.Dir, clock)
	rnd := rand.New(rand.NewPCG(1, 2))
	saves := 0
	save := func() {
		t.Helper()
		if err := v.Save(clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := b.Changed(v); err != nil {
			t.Fatal(err)
		}
		saves++
	}
	// A day of use: edits, copies (no backup), HOTP advances.
	day := func() {
		for range 5 + rnd.IntN(30) {
			clock.Advance(time.Duration(1+rnd.IntN(40)) * time.Minute)
			i := rnd.IntN(len(v.Doc.Accounts))
			switch rnd.IntN(3) {
			case 0:
				v.Doc.Accounts[i].Note = time.Duration(rnd.IntN(1000)).String()
				v.Doc.Touch(i, clock.Now())
			case 1:
				v.Doc.Accounts[i].Uses++
			case 2:
				v.Doc.Accounts[i].Counter++
				v.Doc.Touch(i, clock.Now())
			}
			save()
		}
	}
	day()
	doomed := v.Doc.Accounts[2]
	clock.Advance(time.Hour)
	deleted := clock.Now()
	if err := v.Doc.Remove(doomed.ID, deleted); err != nil {
		t.Fatal(err)
	}
	save()
	for clock.Now().Before(deleted.Add(HoldRemoved - 12*time.Hour)) {
		if rnd.IntN(5) > 0 { // some days nothing happens
			day()
		}
		clock.Set(time.Date(clock.Now().Year(), clock.Now().Month(), clock.Now().Day()+1, 8, 0, 0, 0, time.UTC))
	}
	clock.Set(deleted.Add(HoldRemoved - time.Minute))
	v.Doc.Accounts[0].Note = "the last change of the month"
	v.Doc.Touch(0, clock.Now())
	save()
	clock.Advance(DefaultDelay)
	if saves < 300 {
		t.Fatalf("only %d saves: the month was too quiet to prove anything", saves)
	}

	files := autoFiles(t, v.Dir+"/"+DefaultFolderName)
	max := DefaultKeep + DefaultDaily + DefaultWeekly + DefaultMonthly + 1
	if len(files) > max {
		t.Errorf("%d backups kept, want at most %d", len(files), max)
	}
	found := false
	for _, f := range files {
		o, err := ReadFile(f.Path, Key{Own: id})
		if err != nil {
			t.Fatal(err)
		}
		if o.Doc.Index(doomed.ID) >= 0 {
			found = true
		}
	}
	if !found {
		t.Fatalf("after %d saves over %s no kept backup (of %d) holds the account deleted on day 1", saves, clock.Now().Sub(deleted), len(files))
	}
	t.Logf("%d saves, %d backups kept", saves, len(files))
}
