package backup

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Sizes are account counts. Every key is X25519 (recovery key): no scrypt.
var benchSizes = []int{100, 1000, 10000}

func BenchmarkExport(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, _ := newVault(b, n)
			rr, _ := v.RecoveryRecipient()
			dir := testkit.TempDir(b)
			b.ResetTimer()
			for i := range b.N {
				// To a file, as a backup is: write, fsync, link into place.
				if err := ExportFile(filepath.Join(dir, fmt.Sprint(i)), v.Doc, rr, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// backupOf returns a backup of the vault in which a tenth of the accounts
// changed later and a tenth more are new: the work of a real restore.
func backupOf(b *testing.B, v *vault.Vault, n int) []byte {
	doc := *v.Doc
	doc.Accounts = make([]core.Account, 0, n+n/10)
	for i, a := range v.Doc.Accounts {
		a = a.Clone()
		if i%10 == 0 {
			a.Note, a.Updated = "changed on the other laptop", a.Updated.Add(time.Hour)
		}
		doc.Accounts = append(doc.Accounts, a)
	}
	for i := range n / 10 {
		a := testkit.Account(n + i)
		a.ID, a.Created, a.Updated = core.NewID(), testNow, testNow
		a.Defaults()
		doc.Accounts = append(doc.Accounts, a)
	}
	rr, _ := v.RecoveryRecipient()
	var buf bytes.Buffer
	if err := Export(&buf, &doc, rr, Options{}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// Preview: decrypt, parse and compare with the vault.
func BenchmarkRestorePreview(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, rk := newVault(b, n)
			data := backupOf(b, v, n)
			b.ResetTimer()
			for range b.N {
				o, err := Read(data, Key{RecoveryKey: rk})
				if err != nil {
					b.Fatal(err)
				}
				if p := Plan(v.Doc, FromDocument(o.Doc, "bench"), testNow.Add(2*time.Hour)); p.Count(Changed) != n/10 {
					b.Fatalf("%d changed", p.Count(Changed))
				}
			}
		})
	}
}

// Merge: apply a preview: the undo snapshot, the merge, the atomic save.
func BenchmarkRestoreMerge(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, rk := newVault(b, n)
			o, err := Read(backupOf(b, v, n), Key{RecoveryKey: rk})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				dir := filepath.Join(testkit.TempDir(b), fmt.Sprint(i))
				copyVault(b, v.Dir, dir)
				w, err := vault.OpenRecoveryKey(dir, rk)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				p := Plan(w.Doc, FromDocument(o.Doc, "bench"), testNow.Add(2*time.Hour))
				if _, err := Apply(w, p, Merge, testNow.Add(time.Duration(i)*time.Second)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func copyVault(b *testing.B, src, dst string) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{vault.VaultFile, vault.MetaFile, vault.PasswordFile} {
		in, err := os.Open(filepath.Join(src, f))
		if err != nil {
			b.Fatal(err)
		}
		out, _ := os.OpenFile(filepath.Join(dst, f), os.O_CREATE|os.O_WRONLY, 0o600)
		io.Copy(out, in)
		in.Close()
		out.Close()
	}
}

// BackupVerify: one automatic backup as "Back up now" makes it: the
// snapshot and its fingerprint, encrypt, write, fsync, read back and
// compare, prune, record the status.
func BenchmarkBackupVerify(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			v, _ := newVault(b, n)
			clock := testkit.NewClock(testNow)
			bk := NewBackuper(v.Dir, clock)
			b.ResetTimer()
			for range b.N {
				clock.Advance(time.Second)
				if _, err := bk.Now(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
