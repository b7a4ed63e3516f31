package backup

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/vault"
)

// errNotVerified is a backup that, read back, does not decrypt to what was
// written (a failing disk, a sync tool rewriting the file).
var errNotVerified = errors.New("the backup read back differs from what was written")

// afterWrite, set by tests, runs between writing a backup and reading it
// back (to damage it).
var afterWrite func(path string)

// verify reads the backup at path back and checks it decrypts, with id (one
// of the keys it was encrypted to), to exactly pt.
func verify(path string, pt []byte, id age.Identity) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("checking the backup: %w", err)
	}
	defer f.Close()
	r, err := age.Decrypt(bufio.NewReaderSize(f, 256<<10), id)
	if err != nil {
		return fmt.Errorf("%w: %v", errNotVerified, err)
	}
	got := bytes.NewBuffer(make([]byte, 0, len(pt)+1))
	_, err = got.ReadFrom(io.LimitReader(r, int64(len(pt))+1))
	defer clear(got.Bytes())
	if err != nil {
		return fmt.Errorf("%w: %v", errNotVerified, err)
	}
	if !bytes.Equal(got.Bytes(), pt) {
		return errNotVerified
	}
	return nil
}

// verifier is the key a vault's own backups are checked with: its own
// identity, or else the recovery key when known; nil when neither is.
func verifier(v *vault.Vault) age.Identity {
	if id, err := v.OwnIdentity(); err == nil {
		return id
	}
	if rk, err := v.RecoveryKey(); err == nil {
		return rk.Identity()
	}
	return nil
}

// ownsBackup reports whether the backup at path opens with k (the vault's
// own identity, and its recovery key when known: older backups were
// encrypted to it alone) and holds the vault vaultID: an older-named
// backup shown to be this vault's.
func ownsBackup(k Key, vaultID string) func(string) bool {
	if k.Own == nil && k.RecoveryKey.IsZero() {
		return nil
	}
	return func(path string) bool {
		o, err := ReadFile(path, k)
		if err != nil {
			return false
		}
		return o.Doc.VaultID == vaultID
	}
}
