package backup

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// countingReader counts what is read from it, to show that an oversized
// input is never read whole.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func TestInputRead(t *testing.T) {
	in := Input{Max: 1000, What: "a test input"}
	for _, tc := range []struct {
		name    string
		size    int64
		tooBig  bool
		maxRead int64
	}{
		{"empty", 0, false, 0},
		{"at the limit", 1000, false, 1000},
		{"one byte over", 1001, true, 1001},
		{"far over", 1 << 30, true, 1001},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &countingReader{r: io.LimitReader(zeros{}, tc.size)}
			b, err := in.Read(r, "thing.bin")
			var tl *TooLargeError
			if got := errors.As(err, &tl); got != tc.tooBig {
				t.Fatalf("Read: %v; want too large %v", err, tc.tooBig)
			}
			if !tc.tooBig && (err != nil || int64(len(b)) != tc.size) {
				t.Fatalf("Read = %d bytes, %v", len(b), err)
			}
			if r.n > tc.maxRead {
				t.Errorf("read %d bytes, want at most %d", r.n, tc.maxRead)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestInputReadFile refuses an oversized file from its size (a sparse
// file of 1 GiB, never read) and words the refusal for people.
func TestInputReadFile(t *testing.T) {
	dir := testkit.TempDir(t)
	big := filepath.Join(dir, "disk.img")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 1<<30); err != nil {
		t.Fatal(err)
	}
	_, err := BackupInput.ReadFile(big)
	want := "the file " + big + " is over 64 MiB: too large to be a Lifeline backup; check that it is the right file"
	if err == nil || err.Error() != want {
		t.Fatalf("ReadFile of 1 GiB: %v\nwant %s", err, want)
	}
	small := filepath.Join(dir, "codes.txt")
	if err := os.WriteFile(small, []byte("1234-5678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := CodesInput.ReadFile(small); err != nil || !bytes.Equal(b, []byte("1234-5678\n")) {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	if _, err := CodesInput.ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	_, err = LinksInput.Read(strings.NewReader(strings.Repeat("x", MaxLinksText+1)), "-")
	if err == nil || err.Error() != "standard input is over 1 MiB: too large to be a list of setup links; check that it is the right file" {
		t.Errorf("links over the limit: %v", err)
	}
}

func TestTooLargePasted(t *testing.T) {
	err := &TooLargeError{Input: LinksInput}
	if got, want := err.Error(), "the pasted text is over 1 MiB: too large to be a list of setup links"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestPlanOverLimitIsInvalid: an incoming account over a limit of core is
// Invalid, with the limit's words and a short label, and a merge leaves the
// vault's own copy as it is.
func TestPlanOverLimitIsInvalid(t *testing.T) {
	v, _ := newVault(t, 2)
	big := v.Doc.Accounts[1].Clone()
	big.Updated = big.Updated.Add(time.Hour)
	big.Issuer = strings.Repeat("é", 100_000)
	p := Plan(v.Doc, Incoming{Accounts: []core.Account{big}}, testNow.Add(2*time.Hour))
	it := p.Items[0]
	if it.Kind != Invalid || !strings.HasPrefix(it.Note, "issuer: 100000 characters given, at most 256 characters are kept") {
		t.Fatalf("item: %v, %q", it.Kind, it.Note)
	}
	if len([]rune(it.Label)) > 81 {
		t.Errorf("the preview's label is %d characters", len([]rune(it.Label)))
	}
	if n := p.Changes(Merge); n != 0 {
		t.Errorf("a merge of only an over-limit account would change %d", n)
	}
}

// TestApplyRefusesPastMaxAccounts: a restore or import that would take the
// vault past core.MaxAccounts is refused before anything is written; one
// that does not grow a vault already past it is not.
func TestApplyRefusesPastMaxAccounts(t *testing.T) {
	v, _ := newVault(t, 1)
	before := dirState(t, v.Dir)
	pad := make([]core.Account, core.MaxAccounts-1)
	for i := range pad {
		pad[i] = core.Account{ID: core.NewID(), Issuer: "Pad"}
	}
	v.Doc.Accounts = append(v.Doc.Accounts, pad...) // in memory only: saving 100,000 accounts is slow
	in := Incoming{Accounts: []core.Account{acct("", "New", "n", "JBSWY3DPEHPK3PXP", t1)}}
	p := Plan(v.Doc, in, testNow)
	_, err := Apply(v, p, Merge, testNow.Add(time.Minute))
	if !errors.Is(err, core.ErrOverLimit) || !strings.HasPrefix(err.Error(), "the vault was not changed: accounts: 100001 given, at most 100000 per vault are kept") {
		t.Fatalf("Apply past the limit: %v", err)
	}
	if len(v.Doc.Accounts) != core.MaxAccounts {
		t.Errorf("the document holds %d accounts", len(v.Doc.Accounts))
	}
	if after := dirState(t, v.Dir); after[vault.VaultFile] != before[vault.VaultFile] {
		t.Error("vault.age changed")
	}
	if err := checkGrowth(core.MaxAccounts+5, core.MaxAccounts+5); err != nil {
		t.Errorf("a restore that keeps an over-limit vault's size: %v", err)
	}
	if err := checkGrowth(core.MaxAccounts+5, core.MaxAccounts+6); !errors.Is(err, core.ErrOverLimit) {
		t.Errorf("a restore that grows an over-limit vault: %v", err)
	}
}

// TestStatusFileTooLarge: a backup-status.json over MaxStatusFile only
// loses the history, as a damaged one does; it is never read whole.
func TestStatusFileTooLarge(t *testing.T) {
	dir := testkit.TempDir(t)
	status := func(fill int) {
		writeFile(t, dir, StatusFile, []byte(`{"verified":true,"last_file":"`+strings.Repeat("x", fill)+`"}`))
	}
	status(MaxStatusFile - 100)
	if r := loadRecord(dir); !r.Verified {
		t.Fatal("a status file at the limit was not read")
	}
	status(MaxStatusFile)
	if r := loadRecord(dir); r.Verified || r.LastFile != "" {
		t.Errorf("a status file over the limit was read: verified %v, %d-byte name", r.Verified, len(r.LastFile))
	}
}

// The largest vault Lifeline saves makes a backup that Lifeline reads back,
// even armored (base64: 4 bytes for 3, plus a line break every 64).
func TestLargestVaultFitsABackup(t *testing.T) {
	armored := int64(vault.MaxDocument) * 4 / 3 * 65 / 64
	if armored+1<<20 > MaxBackupFile {
		t.Fatalf("an armored backup of a %d-byte vault is about %d bytes; backups are read up to %d", vault.MaxDocument, armored, MaxBackupFile)
	}
}
