package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestPasswordWorkFactorLimit: a password.age that asks for more scrypt
// work than Lifeline writes is refused at once, before scrypt runs, as a
// damaged password.age that says what it asked for; the file is left as
// it was. Within the limit it opens as ever.
func TestPasswordWorkFactorLimit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "vault")
	if _, _, err := Create(dir, "pw", testNow); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, PasswordFile)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, logN := range []int{MaxWorkFactor + 1, 22, 30} {
		hostile := testkit.ScryptWorkFactor(t, orig, logN)
		if err := os.WriteFile(path, hostile, 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := OpenPassword(dir, "pw")
		took := time.Since(start)
		var wf *WorkFactorError
		var dmg *DamagedError
		if !errors.As(err, &wf) || !errors.As(err, &dmg) || dmg.File != PasswordFile || wf.Asks != logN || wf.Limit != MaxWorkFactor {
			t.Fatalf("work factor %d: err %v, want a damaged password.age with a WorkFactorError", logN, err)
		}
		for _, want := range []string{"asks for scrypt work factor", "opens at most 19", "Lifeline did not write it"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err, want)
			}
		}
		if took > 500*time.Millisecond {
			t.Errorf("work factor %d refused in %v: scrypt ran", logN, took)
		}
		if now, _ := os.ReadFile(path); !bytes.Equal(now, hostile) {
			t.Errorf("work factor %d: password.age was changed", logN)
		}
	}
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPassword(dir, "pw"); err != nil {
		t.Fatalf("the file as written: %v", err)
	}
}

func TestWorkFactorErrorMemory(t *testing.T) {
	for logN, want := range map[int]string{18: "256 MiB", 20: "1 GiB", 22: "4 GiB"} {
		if got := scryptMemory(logN); got != want {
			t.Errorf("scryptMemory(%d) = %q, want %q", logN, got, want)
		}
	}
}
