package backup

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// files names fake backups at the given times, newest first as List does.
func fakeFiles(times ...time.Time) []File {
	var fs []File
	for _, t := range times {
		fs = append(fs, File{Path: t.Format(time.RFC3339), Time: t})
	}
	slices.SortFunc(fs, func(a, b File) int { return b.Time.Compare(a.Time) })
	return fs
}

// The worked example of docs/BACKUPS.md: a backup every day at 09:00 and
// 18:00 from 1 September to 15 November 2025, kept with --keep 3
// --keep-daily 7 --keep-weekly 5 --keep-monthly 12.
func TestRetentionWorkedExample(t *testing.T) {
	var times []time.Time
	for d := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC); d.Month() < 11 || d.Day() <= 15; d = d.AddDate(0, 0, 1) {
		times = append(times, d.Add(9*time.Hour), d.Add(18*time.Hour))
	}
	now := time.Date(2025, 11, 15, 20, 0, 0, 0, time.UTC)
	keep := Retention{Last: 3, Daily: 7, Weekly: 5, Monthly: 12}.Keep(fakeFiles(times...), now)
	var got []string
	for _, f := range fakeFiles(times...) {
		if keep[f.Path] {
			got = append(got, f.Time.Format("Jan 2 15:04"))
		}
	}
	want := []string{
		"Nov 15 18:00", "Nov 15 09:00", "Nov 14 18:00", // the newest 3 (Nov 15 18:00 is also the newest of its day, week and month)
		"Nov 13 18:00", "Nov 12 18:00", "Nov 11 18:00", "Nov 10 18:00", "Nov 9 18:00", // days (Nov 9 ends a week)
		"Nov 2 18:00", "Oct 26 18:00", "Oct 19 18:00", // weeks
		"Oct 31 18:00", "Sep 30 18:00", // months
	}
	slices.SortFunc(want, func(a, b string) int {
		ta, _ := time.Parse("Jan 2 15:04", a)
		tb, _ := time.Parse("Jan 2 15:04", b)
		return tb.Compare(ta)
	})
	if !slices.Equal(got, want) {
		t.Fatalf("kept\n%v\nwant\n%v", got, want)
	}
	// Keep 0 keeps everything; a name dated after now is kept and counts
	// for nothing, so it does not push out the newest real backup.
	if all := (Retention{}).Keep(fakeFiles(times...), now); len(all) != len(times) {
		t.Errorf("keep 0 kept %d of %d", len(all), len(times))
	}
	future := fakeFiles(now.AddDate(1, 0, 0), now.AddDate(2, 0, 0), now.Add(-time.Hour), now.Add(-2*time.Hour))
	k := Retention{Last: 1}.Keep(future, now)
	if len(k) != 3 || !k[future[2].Path] || k[future[3].Path] {
		t.Errorf("with future names kept %v", k)
	}
}

// Settings written before the retention fields hold only keep: they read
// as that keep and the default days, weeks and months.
func TestRetentionOldSettings(t *testing.T) {
	doc := &vault.Document{Settings: map[string]json.RawMessage{SettingsKey: json.RawMessage(`{"keep":30,"off":false}`)}}
	s, err := LoadSettings(doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Retention{Last: 30, Daily: DefaultDaily, Weekly: DefaultWeekly, Monthly: DefaultMonthly}); s.retention() != want {
		t.Fatalf("old settings read as %+v, want %+v", s.retention(), want)
	}
	s.Daily, s.Monthly = 0, 2
	if err := s.Store(doc); err != nil {
		t.Fatal(err)
	}
	if back, _ := LoadSettings(doc); back.Daily != 0 || back.Monthly != 2 || back.Weekly != DefaultWeekly {
		t.Errorf("stored and read back: %+v", back)
	}
	s.Weekly = -1
	if err := s.Store(doc); err == nil {
		t.Error("a negative count was stored")
	}
}

// keepingVault is a vault of n accounts whose backup settings are the
// defaults as set changes them.
func keepingVault(t *testing.T, n int, set func(*Settings)) *vault.Vault {
	t.Helper()
	v, _ := newVault(t, n)
	s := DefaultSettings()
	set(&s)
	if err := s.Store(v.Doc); err != nil {
		t.Fatal(err)
	}
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	return v
}

// sharedVault is a vault backing up to folder, keeping the newest last.
func sharedVault(t *testing.T, folder string, last int) *vault.Vault {
	return keepingVault(t, 1, func(s *Settings) {
		s.Folder, s.Keep = folder, last
		s.Daily, s.Weekly, s.Monthly = 0, 0, 0
	})
}

// Two vaults sharing a folder (two laptops, one synced folder) each keep
// their own backups; older-named files of another vault are never
// touched, an older-named backup of this vault is renamed and pruned like
// the others.
func TestPruneOnlyOwnBackups(t *testing.T) {
	folder := testkit.TempDir(t)
	a, b := sharedVault(t, folder, 2), sharedVault(t, folder, 2)
	// An older-named backup of each, as Lifeline wrote them before: a's
	// from before backups were also encrypted to the vault's own key.
	for i, v := range []*vault.Vault{a, b} {
		rr, _ := v.RecoveryRecipient()
		o := Options{}
		if v == b {
			o = o.fromVault(v)
		}
		name := fmt.Sprintf("lifeline-backup-20250101-00000%d.age", i)
		if err := ExportFile(filepath.Join(folder, name), v.Doc, rr, o); err != nil {
			t.Fatal(err)
		}
	}
	clock := testkit.NewClock(testNow)
	ba, bb := NewBackuper(a.Dir, clock), NewBackuper(b.Dir, clock)
	for i := range 6 {
		for _, x := range []struct {
			v *vault.Vault
			b *Backuper
		}{{a, ba}, {b, bb}} {
			change(t, x.v, i, clock.Now())
			if _, err := x.b.Now(x.v); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Second)
		}
	}
	files := autoFiles(t, folder)
	count := map[string]int{}
	for _, f := range files {
		count[f.Vault]++
	}
	ta, tb := vaultTag(a.Doc.VaultID), vaultTag(b.Doc.VaultID)
	if count[ta] != 2 || count[tb] != 2 || len(count) != 2 {
		t.Fatalf("left per vault %v (a %s, b %s): %v", count, ta, tb, files)
	}
	// Each vault's newest backup is its own newest state.
	for _, v := range []*vault.Vault{a, b} {
		id, _ := v.OwnIdentity()
		st := NewBackuper(v.Dir, clock).Status()
		o, err := ReadFile(st.LastFile, Key{Own: id})
		if err != nil || o.Doc.VaultID != v.Doc.VaultID || len(o.Doc.Accounts) != 7 {
			t.Fatalf("vault %s: its newest backup %s: %v", v.Doc.VaultID, st.LastFile, err)
		}
	}
}

// A foreign older-named file (another vault, or not a backup at all) is
// left alone even when it is the oldest in the folder.
func TestPruneLeavesForeignOldNames(t *testing.T) {
	folder := testkit.TempDir(t)
	other, _ := newVault(t, 1)
	rr, _ := other.RecoveryRecipient()
	foreign := filepath.Join(folder, "lifeline-backup-20200101-000000.age")
	if err := ExportFile(foreign, other.Doc, rr, Options{}.fromVault(other)); err != nil {
		t.Fatal(err)
	}
	junk := writeFile(t, folder, "lifeline-backup-20200101-000001.age", []byte("not age"))
	v := sharedVault(t, folder, 1)
	b := NewBackuper(v.Dir, testkit.NewClock(testNow))
	for i := range 3 {
		change(t, v, i, testNow)
		if _, err := b.Now(v); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{foreign, junk} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed or renamed", filepath.Base(p))
		}
	}
}

// Names dated in the future (a clock that was wrong) do not count as newer
// than now: the backup just written stays, and so does the newest one.
func TestPruneFutureNames(t *testing.T) {
	v := keepingVault(t, 1, func(s *Settings) { s.Keep = 3 })
	clock := testkit.NewClock(testNow)
	b := NewBackuper(v.Dir, clock)
	first, err := b.Now(v)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(first)
	folder := filepath.Dir(first)
	// Copies of it, in the names an older Lifeline gave, dated 2030.
	for i := range 5 {
		writeFile(t, folder, fmt.Sprintf("lifeline-backup-2030010%d-000000.age", i+1), data)
	}
	clock.Advance(time.Hour)
	change(t, v, 1, clock.Now())
	path, err := b.Now(v)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the backup just written was pruned: %v", err)
	}
	if _, err := os.Stat(first); err != nil {
		t.Fatalf("the previous backup went with 5 future names and keep 3: %v", err)
	}
	if st := b.Status(); st.LastFile != path || st.Failure != nil {
		t.Errorf("status %+v", st)
	}
	if n := len(autoFiles(t, folder)); n != 7 {
		t.Errorf("%d backups, want the 5 future ones kept and both real ones", n)
	}
}

// Copying a code or bumping a usage counter makes no backup, in the window
// (Changed) as in the CLI (AfterSave); an HOTP advance does, after the
// pause like any change.
func TestBackupOnlyWorthKeeping(t *testing.T) {
	v, _ := newVault(t, 3)
	clock := testkit.NewClock(testNow)
	b := NewBackuper(v.Dir, clock)
	folder := filepath.Join(v.Dir, DefaultFolderName)
	save := func(edit func(a *core.Account)) {
		t.Helper()
		edit(&v.Doc.Accounts[1])
		clock.Advance(time.Second)
		if err := v.Save(clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := b.Changed(v); err != nil {
			t.Fatal(err)
		}
		clock.Advance(DefaultDelay)
	}
	save(func(a *core.Account) { a.Note = "first" })
	if n := len(autoFiles(t, folder)); n != 1 {
		t.Fatalf("%d backups after an edit", n)
	}
	for range 9 {
		save(func(a *core.Account) { a.Uses++ })
	}
	if n := len(autoFiles(t, folder)); n != 1 {
		t.Fatalf("9 copies made %d backups", n-1)
	}
	if st := b.Status(); st.Pending {
		t.Errorf("after copies the status says changes are waiting: %+v", st)
	}
	if p, err := AfterSave(v); err != nil || p != "" || len(autoFiles(t, folder)) != 1 {
		t.Fatalf("the CLI's AfterSave wrote %q (%v) for an unchanged vault", p, err)
	}
	// Three quick HOTP advances are one backup.
	for range 3 {
		v.Doc.Accounts[1].Counter++
		v.Doc.Touch(1, clock.Now())
		v.Save(clock.Now())
		b.Changed(v)
		clock.Advance(time.Second / 2)
	}
	clock.Advance(DefaultDelay)
	if n := len(autoFiles(t, folder)); n != 2 {
		t.Fatalf("%d backups after HOTP advances, want 2", n)
	}
	// "Back up now" writes one even when nothing changed.
	if _, err := b.Now(v); err != nil || len(autoFiles(t, folder)) != 3 {
		t.Fatalf("Back up now: %v", err)
	}
}

// A backup that does not read back as written is a failure: it is
// removed, nothing is pruned, and the status keeps the last verified one.
func TestBackupVerifyFailure(t *testing.T) {
	v := keepingVault(t, 2, func(s *Settings) { s.Keep = 1 })
	b := NewBackuper(v.Dir, testkit.NewClock(testNow))
	good, err := b.Now(v)
	if err != nil {
		t.Fatal(err)
	}
	afterWrite = func(path string) {
		data, _ := os.ReadFile(path)
		data[len(data)-20] ^= 1
		os.WriteFile(path, data, 0o600)
	}
	defer func() { afterWrite = nil }()
	change(t, v, 1, testNow.Add(time.Minute))
	_, err = b.Now(v)
	var f *Failure
	if !errors.As(err, &f) || f.Reason != NotVerified {
		t.Fatalf("a damaged backup: %v", err)
	}
	files := autoFiles(t, filepath.Dir(good))
	if len(files) != 1 || files[0].Path != good {
		t.Fatalf("left %v, want only the good backup", files)
	}
	st, _ := ReadStatus(v)
	if st.LastFile != good || !st.Pending || st.Failure == nil {
		t.Errorf("status %+v", st)
	}
	if got := st.Summary(); got != "Changes not backed up: "+string(NotVerified)+" ("+filepath.Dir(good)+")." {
		t.Errorf("summary %q", got)
	}
}

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
