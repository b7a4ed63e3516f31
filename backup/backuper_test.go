package backup

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// change adds an account and saves, as the window does on an edit.
func change(t *testing.T, v *vault.Vault, i int, now time.Time) {
	t.Helper()
	if _, err := v.Doc.Add(testkit.Account(100+i), now); err != nil {
		t.Fatal(err)
	}
	if err := v.Save(now); err != nil {
		t.Fatal(err)
	}
}

func autoFiles(t *testing.T, folder string) []File {
	t.Helper()
	files, err := List(folder)
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(files, func(f File) bool { return f.Snapshot })
}

// Changes in quick succession make one backup, after the quiet delay.
func TestBackuperDebounce(t *testing.T) {
	v, rk := newVault(t, 1)
	clock := testkit.NewClock(testNow)
	b := NewBackuper(v.Dir, clock)
	var statuses []Status
	b.OnStatus(func(s Status) { statuses = append(statuses, s) })
	folder := filepath.Join(v.Dir, DefaultFolderName)
	for i := range 5 {
		change(t, v, i, clock.Now())
		if err := b.Changed(v); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
	}
	if _, err := os.Stat(folder); err == nil && len(autoFiles(t, folder)) != 0 {
		t.Fatal("a backup was written before the changes paused")
	}
	if st := b.Status(); !st.Pending {
		t.Fatalf("status before the backup: %+v", st)
	}
	clock.Advance(DefaultDelay)
	files := autoFiles(t, folder)
	if len(files) != 1 {
		t.Fatalf("%d backups after a pause, want 1", len(files))
	}
	o, err := ReadFile(files[0].Path, Key{RecoveryKey: rk})
	if err != nil || len(o.Doc.Accounts) != 6 {
		t.Fatalf("the backup does not hold the last change: %v", err)
	}
	st := b.Status()
	if st.Pending || st.Failure != nil || st.LastFile != files[0].Path || !st.LastBackup.Equal(testNow.Add(4*time.Second+DefaultDelay)) {
		t.Fatalf("status after the backup: %+v", st)
	}
	if last := statuses[len(statuses)-1]; last.Pending || last.LastFile != files[0].Path {
		t.Errorf("OnStatus was not told of the backup: %+v", last)
	}
	// Another process (the CLI) reads the same status.
	if rs, _ := ReadStatus(v); rs.Pending || rs.LastFile != files[0].Path {
		t.Errorf("ReadStatus = %+v", rs)
	}
}

// N+3 changes leave exactly N backups, the newest; files that are not ours
// (or are undo snapshots) are never pruned; one second never overwrites.
func TestBackuperKeepsNewestN(t *testing.T) {
	for _, keep := range []int{DefaultKeep, 3} {
		v, rk := newVault(t, 0)
		if keep != DefaultKeep {
			s := DefaultSettings()
			s.Keep = keep
			s.Store(v.Doc)
		}
		folder := filepath.Join(v.Dir, DefaultFolderName)
		os.MkdirAll(folder, 0o700)
		strangers := []string{"notes.txt", "lifeline-backup-mine.age", "lifeline-backup-20200101-000000.age.bak", "lifeline-before-restore-20200101-000000.age"}
		for _, s := range strangers {
			writeFile(t, folder, s, []byte("not ours to delete"))
		}
		clock := testkit.NewClock(testNow)
		b := NewBackuper(v.Dir, clock)
		for i := range keep + 3 {
			change(t, v, i, clock.Now())
			b.Changed(v)
			clock.Advance(DefaultDelay + 500*time.Millisecond) // several per second of names
		}
		files := autoFiles(t, folder)
		if len(files) != keep {
			t.Fatalf("keep %d: %d backups left", keep, len(files))
		}
		newest, err := ReadFile(files[0].Path, Key{RecoveryKey: rk})
		if err != nil || len(newest.Doc.Accounts) != keep+3 {
			t.Fatalf("keep %d: newest backup does not hold the last change (%v)", keep, err)
		}
		oldest, _ := ReadFile(files[keep-1].Path, Key{RecoveryKey: rk})
		if len(oldest.Doc.Accounts) != 4 {
			t.Errorf("keep %d: oldest kept backup has %d accounts, want 4", keep, len(oldest.Doc.Accounts))
		}
		for _, s := range strangers {
			if _, err := os.Stat(filepath.Join(folder, s)); err != nil {
				t.Errorf("keep %d: %s was removed", keep, s)
			}
		}
	}

	// Many backups in one second (a script of CLI commands): each gets the
	// next suffix, even after pruning removed the lower ones, so the newest
	// name is always the newest content.
	v, rk := newVault(t, 0)
	s := DefaultSettings()
	s.Keep = 2
	s.Store(v.Doc)
	b := NewBackuper(v.Dir, testkit.NewClock(testNow))
	var paths []string
	for i := range 5 {
		change(t, v, i, testNow)
		p, err := b.Now(v)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	base := "lifeline-backup-" + vaultTag(v.Doc.VaultID) + "-20251125-120000"
	want := []string{base + ".age", base + "-2.age", base + "-3.age", base + "-4.age", base + "-5.age"}
	if !slices.Equal(paths, want) {
		t.Fatalf("names %v", paths)
	}
	files := autoFiles(t, filepath.Join(v.Dir, DefaultFolderName))
	if len(files) != 2 || files[0].Name != want[4] {
		t.Fatalf("kept %v", files)
	}
	if o, err := ReadFile(files[0].Path, Key{RecoveryKey: rk}); err != nil || len(o.Doc.Accounts) != 5 {
		t.Fatalf("newest name does not hold the newest content: %v", err)
	}
}

// Close writes what is pending (the window locks or quits within the
// delay); with backups off nothing is written.
func TestBackuperCloseAndOff(t *testing.T) {
	v, _ := newVault(t, 1)
	clock := testkit.NewClock(testNow)
	b := NewBackuper(v.Dir, clock)
	change(t, v, 1, clock.Now())
	b.Changed(v)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(v.Dir, DefaultFolderName)
	if n := len(autoFiles(t, folder)); n != 1 {
		t.Fatalf("Close left %d backups, want 1", n)
	}

	s := DefaultSettings()
	s.Off = true
	s.Store(v.Doc)
	v.Save(testNow)
	b = NewBackuper(v.Dir, clock)
	b.Changed(v)
	clock.Advance(time.Hour)
	if path, err := AfterSave(v); path != "" || err != nil {
		t.Fatalf("AfterSave with backups off: %q %v", path, err)
	}
	if n := len(autoFiles(t, folder)); n != 1 || b.Status().Enabled {
		t.Fatalf("backups off: %d files, status %+v", n, b.Status())
	}
}

// With the real clock, timers fire on their own goroutines while the owner
// keeps changing the vault and a banner polls the status (run with -race).
func TestBackuperRealClock(t *testing.T) {
	v, rk := newVault(t, 1)
	b := NewBackuper(v.Dir, nil)
	b.Delay, b.Retry = time.Second, time.Hour // well above a loaded machine's fsync
	done := make(chan Status, 16)
	b.OnStatus(func(s Status) {
		if !s.Pending {
			done <- s
		}
	})
	stop := make(chan bool)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				b.Status()
			}
		}
	}()
	for i := range 3 {
		change(t, v, i, time.Now())
		if err := b.Changed(v); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case s := <-done:
		o, err := ReadFile(s.LastFile, Key{RecoveryKey: rk})
		if err != nil || len(o.Doc.Accounts) != 4 {
			t.Fatalf("backup %s: %v", s.LastFile, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no backup within 5 s")
	}
	close(stop)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(autoFiles(t, filepath.Join(v.Dir, DefaultFolderName))); n != 1 {
		t.Errorf("%d backups, want 1 for 3 quick changes", n)
	}
}
