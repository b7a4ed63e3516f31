package vault

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// replicasOf are n replicas of one vault of size accounts as three
// devices leave them after working apart: each renamed, deleted and added
// a hundred accounts of its own.
func replicasOf(b *testing.B, size, n int) []*Document {
	b.Helper()
	start := &Document{Format: FormatVersion, VaultID: "bench", Created: testNow}
	for i := range size {
		if _, err := start.Add(testkit.Account(i), testNow); err != nil {
			b.Fatal(err)
		}
	}
	var devs []*sim
	for i := range n {
		devs = append(devs, newSim(fmt.Sprintf("%016x", i+1), start))
	}
	for _, s := range devs {
		s.save(testNow)
	}
	for _, s := range devs {
		s.pull(devs...)
		s.save(testNow)
	}
	for k, s := range devs {
		d := s.v.Doc
		for j := range 100 {
			i := (k*1000 + j*7) % len(d.Accounts)
			d.Accounts[i].Name += " (renamed)"
			d.Touch(i, testNow)
		}
		for range 100 {
			d.Remove(d.Accounts[(k*3000)%len(d.Accounts)].ID, testNow)
		}
		for j := range 100 {
			a := testkit.Account(size + k*100 + j)
			if _, err := d.Add(a, testNow); err != nil {
				b.Fatal(err)
			}
		}
		s.save(testNow)
	}
	var out []*Document
	for _, s := range devs {
		out = append(out, s.replica)
	}
	return out
}

// BenchmarkMergeReplicas is Merge alone, on replicas as decrypted.
func BenchmarkMergeReplicas(b *testing.B) {
	b.Run("3x10000", func(b *testing.B) {
		docs := replicasOf(b, 10000, 3)
		b.ReportAllocs()
		for b.Loop() {
			if m := Merge(docs...); len(m.Accounts) < 10000 {
				b.Fatalf("merged %d accounts", len(m.Accounts))
			}
		}
	})
}

// BenchmarkSaveSynced is a save of one changed account on a vault that two
// other devices write too, their replicas unchanged since the last read:
// what a save costs beyond BenchmarkVaultSave (the lock, the hash check
// of every replica, the revisions).
func BenchmarkSaveSynced(b *testing.B) {
	b.Run("10000", func(b *testing.B) {
		devs := deviceFolders{}
		b.Setenv("LIFELINE_DEVICE_DIR", devs.dir(b, "one"))
		v, rk := benchVault(b, 10000)
		for _, name := range []string{"two", "three"} {
			b.Setenv("LIFELINE_DEVICE_DIR", devs.dir(b, name))
			o, err := OpenRecoveryKey(v.Dir, rk)
			if err != nil {
				b.Fatal(err)
			}
			o.Doc.Accounts[len(name)].Name += " " + name
			o.Doc.Touch(len(name), testNow)
			if err := o.Save(testNow); err != nil {
				b.Fatal(err)
			}
		}
		b.Setenv("LIFELINE_DEVICE_DIR", devs.dir(b, "one"))
		v, err := OpenRecoveryKey(v.Dir, rk)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(v.SyncStatus().Replicas); n != 2 {
			b.Fatalf("%d other replicas, want 2", n)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			v.Doc.Accounts[i%100].Note = fmt.Sprint("note ", i)
			v.Doc.Touch(i%100, testNow)
			if err := v.Save(testNow); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// dir is the device folder of name, made once.
func (f deviceFolders) dir(b *testing.B, name string) string {
	if f[name] == "" {
		f[name] = filepath.Join(testkit.TempDir(b), "device-"+name)
	}
	return f[name]
}
