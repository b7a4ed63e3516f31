package backup

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
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

// fingerprint says whether a document holds anything worth a new backup
// since the last one: it is a MAC of the document without what changes
// when a code is only looked at (the save time, the usage counters), keyed
// by the vault's own identity so the status file, where it is kept, says
// nothing about the secrets. "" when the vault has no identity in hand.
func fingerprint(doc *vault.Document, id age.Identity) (string, error) {
	x, ok := id.(*age.X25519Identity)
	if !ok {
		return "", nil
	}
	c := *doc
	c.Updated = time.Time{}
	c.Accounts = make([]core.Account, len(doc.Accounts))
	for i, a := range doc.Accounts {
		a.Uses = 0 // a shallow copy: only its own field changes
		c.Accounts[i] = a
	}
	data, err := vault.EncodeDocument(&c)
	if err != nil {
		return "", err
	}
	defer clear(data)
	key := sha256.Sum256([]byte("lifeline backup fingerprint\x00" + x.String()))
	mac := hmac.New(sha256.New, key[:])
	mac.Write(data)
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// ownsBackup reports whether the backup at path opens with id and holds
// the vault vaultID: an older-named backup shown to be this vault's.
func ownsBackup(id age.Identity, vaultID string) func(string) bool {
	if id == nil {
		return nil
	}
	return func(path string) bool {
		o, err := ReadFile(path, Key{Own: id})
		if err != nil {
			return false
		}
		return o.Doc.VaultID == vaultID
	}
}
