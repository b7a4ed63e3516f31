package backup

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestPassphraseWorkFactorLimit: a passphrase backup or a passphrase-
// protected identity file that asks for more scrypt work than Lifeline
// writes is refused before scrypt runs, saying what it asked for; within
// the limit both open.
func TestPassphraseWorkFactorLimit(t *testing.T) {
	v, _ := newVault(t, 3)
	rr, _ := v.RecoveryRecipient()
	var backup bytes.Buffer
	if err := Export(&backup, v.Doc, rr, Options{Passphrase: "right"}); err != nil {
		t.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.NewScryptRecipient("right")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(vault.WorkFactor())
	var idFile bytes.Buffer
	w, err := age.Encrypt(&idFile, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(id.String() + "\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	right := func() (string, error) { return "right", nil }
	open := map[string]func(data []byte) error{
		"passphrase backup": func(data []byte) error { _, err := Read(data, Key{Passphrase: "right"}); return err },
		"identity file":     func(data []byte) error { _, err := ParseIdentityFile(data, right); return err },
	}
	files := map[string][]byte{"passphrase backup": backup.Bytes(), "identity file": idFile.Bytes()}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			if err := open[name](data); err != nil {
				t.Fatalf("as written: %v", err)
			}
			for _, logN := range []int{vault.MaxWorkFactor + 1, 22} {
				start := time.Now()
				err := open[name](testkit.ScryptWorkFactor(t, data, logN))
				took := time.Since(start)
				var wf *vault.WorkFactorError
				if !errors.As(err, &wf) || wf.Asks != logN {
					t.Fatalf("work factor %d: %v, want a WorkFactorError", logN, err)
				}
				if !strings.Contains(err.Error(), "opens at most 19") || took > 500*time.Millisecond {
					t.Errorf("work factor %d: %q after %v", logN, err, took)
				}
			}
		})
	}
}
