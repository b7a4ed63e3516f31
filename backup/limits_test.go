package backup

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	dir := t.TempDir()
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
