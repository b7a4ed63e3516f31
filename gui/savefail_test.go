//go:build !windows

package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// holdLock takes the vault's writer lock as another Lifeline would, so the
// window's saves really fail (ErrLocked after the two seconds they wait).
// release gives it back.
func holdLock(t *testing.T, dir string) (release func()) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, vault.LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return func() { f.Close() }
}

// listMatchesDisk fails unless the list shows exactly the accounts of
// vault.age.
func listMatchesDisk(t *testing.T, u *UI, dir string) {
	t.Helper()
	var want []string
	for _, a := range reopen(t, dir).Doc.Accounts {
		want = append(want, a.Issuer)
	}
	got := shownIssuers(u)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the list shows %v, vault.age holds %v", got, want)
	}
}

// TestFailedSaveKeepsTheListInLineWithTheVault: a delete, a favourite or an
// edit whose save fails (the lock held, vault.age changed by the CLI) is
// undone in the window too, with the error shown, and tapping any row
// afterwards copies its code instead of panicking on a stale index.
func TestFailedSaveKeepsTheListInLineWithTheVault(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(u *UI)
	}{
		{"delete", func(u *UI) { u.list.delete(u.vault.Doc.Accounts[2].ID) }},
		{"favourite", func(u *UI) { u.list.toggleFavourite(2) }},
		{"delete after a CLI change", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"), totp("Bravo", "b", "GEZDGNBVGY3TQOJQ"), totp("Charlie", "c", "MFRGGZDFMZTWQ2LK"))
			release, locked := func() {}, tc.change != nil
			if !locked {
				other := reopen(t, dir)
				if _, err := other.Doc.Add(totp("Delta", "d", "KRSXG5CTMVRXEZLU"), testEpoch); err != nil {
					t.Fatal(err)
				}
				if err := other.Save(testEpoch); err != nil {
					t.Fatal(err)
				}
				tc.change = func(u *UI) { u.list.delete(u.vault.Doc.Accounts[2].ID) }
			} else {
				release = holdLock(t, dir)
			}
			tc.change(u)
			release()
			// (A CLI change may be merged and saved after a reload one day;
			// the window must match vault.age either way.)
			if got := visibleText(u); locked && !strings.Contains(got, "Your change was not saved") {
				t.Errorf("no error shown after the failed save; text:\n%s", got)
			}
			u.closeOverlays()
			listMatchesDisk(t, u, dir)
			if favs := slices.IndexFunc(u.vault.Doc.Accounts, func(a core.Account) bool { return a.Favorite }); favs >= 0 {
				t.Errorf("account %d is a favourite in the window, not in vault.age", favs)
			}
			for pos := range u.list.view {
				u.list.list.Select(pos) // panicked: index out of range
				u.Wait()
			}
			listMatchesDisk(t, u, dir)
		})
	}
}
