package qr

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

func accounts(from, n int) []core.Account {
	out := make([]core.Account, n)
	for i := range out {
		out[i] = account(from + i)
	}
	return out
}

func batches(t testing.TB, accs []core.Account, id int) []core.Batch {
	t.Helper()
	uris, skipped, err := core.FormatMigrationURIs(accs, id)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("FormatMigrationURIs: %v, %d skipped", err, len(skipped))
	}
	out := make([]core.Batch, len(uris))
	for i, u := range uris {
		if out[i], err = core.ParseMigrationURI(u); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func uriList(accs []core.Account) []string {
	out := make([]string, len(accs))
	for i := range accs {
		out[i] = core.FormatURI(&accs[i])
	}
	return out
}

func TestCollector(t *testing.T) {
	a := accounts(1, 25)  // three batches: 10, 10, 5
	b := accounts(100, 3) // another export, one batch
	ba, bb := batches(t, a, 11), batches(t, b, 22)
	unnumbered := core.Batch{Accounts: accounts(200, 2)} // an old export without batch fields
	tests := []struct {
		name     string
		add      []core.Batch
		status   []string // Progress after each Add
		complete bool
		want     []core.Account
	}{
		{"in order", ba, []string{"1 of 3 scanned", "2 of 3 scanned", "3 of 3 scanned"}, true, a},
		{"out of order", []core.Batch{ba[2], ba[0], ba[1]}, []string{"1 of 3 scanned", "2 of 3 scanned", "3 of 3 scanned"}, true, a},
		{"scanned twice", []core.Batch{ba[1], ba[1], ba[0], ba[2], ba[0]},
			[]string{"1 of 3 scanned", "1 of 3 scanned (again)", "2 of 3 scanned", "3 of 3 scanned", "3 of 3 scanned (again)"}, true, a},
		{"incomplete: add what arrived", []core.Batch{ba[2], ba[0]}, []string{"1 of 3 scanned", "2 of 3 scanned"}, false, slices.Concat(a[:10], a[20:])},
		{"two exports", []core.Batch{ba[1], bb[0], ba[0]}, []string{"1 of 3 scanned", "1 of 1 scanned", "2 of 3 scanned"}, false, slices.Concat(a[:20], b)},
		{"unnumbered batch", []core.Batch{unnumbered}, []string{"1 of 1 scanned"}, true, unnumbered.Accounts},
		{"same account in two batches", []core.Batch{bb[0], {Accounts: b[:1]}}, []string{"1 of 1 scanned", "1 of 1 scanned"}, true, b},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Collector
			for i, batch := range tt.add {
				p, err := c.Add(batch)
				if err != nil {
					t.Fatal(err)
				}
				got := p.String()
				if p.Duplicate {
					got += " (again)"
				}
				if got != tt.status[i] {
					t.Errorf("after code %d: %q, want %q", i+1, got, tt.status[i])
				}
			}
			if c.Complete() != tt.complete {
				t.Errorf("Complete() = %v, want %v (%s)", c.Complete(), tt.complete, c.Status())
			}
			if got, want := uriList(c.Accounts()), uriList(tt.want); !slices.Equal(got, want) {
				t.Errorf("Accounts() gives %d accounts, want %d:\n%q\n%q", len(got), len(want), got, want)
			}
		})
	}
}

func TestCollectorMissingAndErrors(t *testing.T) {
	ba := batches(t, accounts(1, 25), 5)
	var c Collector
	if c.Complete() {
		t.Error("an empty collector is complete")
	}
	p, _ := c.Add(ba[1])
	if !slices.Equal(p.Missing, []int{1, 3}) || p.Complete() {
		t.Errorf("Missing = %v, Complete = %v; want [1 3], false", p.Missing, p.Complete())
	}
	bad := ba[0]
	bad.BatchIndex = 3
	if _, err := c.Add(bad); err == nil {
		t.Error("batch 4 of 3 accepted")
	}
	c.Reset()
	if len(c.Exports()) != 0 || len(c.Accounts()) != 0 {
		t.Error("Reset kept something")
	}
}

// TestMigrationImagesOutOfOrder scans an export of 25 accounts from three
// qrencode images, last first and one twice, and gets every account once.
func TestMigrationImagesOutOfOrder(t *testing.T) {
	dir := testkit.TempDir(t)
	want := accounts(1, 25)
	uris, _, err := core.FormatMigrationURIs(want, 123456)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, u := range uris {
		files = append(files, qrencode(t, dir, fmt.Sprintf("batch%d.png", i+1), u, "-s", "4", "-l", "M"))
	}
	var c Collector
	var status []string
	for _, f := range []string{files[2], files[0], files[2], files[1]} {
		found, err := ScanFile(f)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		if len(found) != 1 || found[0].Kind != KindMigration {
			t.Fatalf("%s: found %v", filepath.Base(f), texts(found))
		}
		p, err := c.Add(found[0].Batch)
		if err != nil {
			t.Fatal(err)
		}
		status = append(status, p.String())
	}
	if want := []string{"1 of 3 scanned", "2 of 3 scanned", "2 of 3 scanned", "3 of 3 scanned"}; !slices.Equal(status, want) {
		t.Errorf("progress %q, want %q", status, want)
	}
	if !c.Complete() {
		t.Errorf("not complete: %s", c.Status())
	}
	if got, want := uriList(c.Accounts()), uriList(want); !slices.Equal(got, want) {
		t.Errorf("got %d accounts, want %d", len(got), len(want))
	}
	// The same three codes side by side in one picture.
	grid := magick(t, "montage", append(files, "-tile", "3x1", "-geometry", "+30+30", filepath.Join(dir, "all.png"))...)
	found, err := ScanFile(grid)
	if err != nil {
		t.Fatal(err)
	}
	var all Collector
	for _, f := range found {
		all.Add(f.Batch)
	}
	if len(found) != 3 || !all.Complete() || len(all.Accounts()) != 25 {
		t.Errorf("one picture of three codes: %d codes, %s, %d accounts", len(found), all.Status(), len(all.Accounts()))
	}
}
