package vault

import (
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Save writes the document back to vault.age. It sets Doc.Updated to now,
// takes the writer lock (ErrLocked after about two seconds), and refuses with
// ErrChangedOnDisk if another process saved since this Vault read the file,
// so one process never silently drops another's change. The write is atomic:
// a crash leaves the old vault or the new one. password.age is never
// rewritten by a save, and the sealed recovery key is kept as it is.
func (v *Vault) Save(now time.Time) error {
	if v.Doc == nil {
		return ErrDropped
	}
	unlock, err := lock(v.Dir)
	if err != nil {
		return err
	}
	defer unlock()
	return v.saveLocked(now)
}

func (v *Vault) saveLocked(now time.Time) error {
	if err := v.checkDisk(); err != nil {
		return err
	}
	if err := removeStaleTemps(v.Dir); err != nil {
		return err
	}
	v.fillAuthKey()
	prev := v.Doc.Updated
	v.Doc.Updated = now
	if err := v.writeDoc(); err != nil {
		v.Doc.Updated = prev
		return err
	}
	if err := v.syncMeta(nil); err != nil {
		return &metaLagError{err}
	}
	return nil
}

// checkDisk refuses to write over a vault.age this Vault did not read last.
func (v *Vault) checkDisk() error {
	sum, err := FileSum(filepath.Join(v.Dir, VaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		// Someone removed it after we opened: writing now would hide that.
		return damaged(VaultFile, ReasonMissing, err)
	}
	if err != nil {
		return damaged(VaultFile, ReasonNotReadable, err)
	}
	if sum != v.diskHash {
		return ErrChangedOnDisk
	}
	return nil
}

// checkedThen is write after checkDisk, for whileLocked.
func (v *Vault) checkedThen(write func() error) func() error {
	return func() error {
		if err := v.checkDisk(); err != nil {
			return err
		}
		return write()
	}
}

// writeDoc encrypts the document and replaces vault.age. The caller holds
// the lock and has checked the disk.
func (v *Vault) writeDoc() error {
	ct, err := v.encrypt()
	if err == nil {
		err = writeFileAtomic(v.Dir, VaultFile, ct)
	}
	if err != nil {
		return err
	}
	v.diskHash = sha256.Sum256(ct)
	return nil
}

// writeKeys writes vault.age with the keys change makes to a copy of
// Doc.Keys; on failure the document keeps its old keys and format.
func (v *Vault) writeKeys(change func(*Keys) error) error {
	old, format := v.Doc.Keys, v.Doc.Format
	k := Keys{VaultIdentity: v.identity}
	if old != nil {
		k = *old
	}
	v.Doc.Keys = &k
	err := change(&k)
	if err == nil {
		err = v.writeDoc()
	}
	if err != nil {
		v.Doc.Keys, v.Doc.Format = old, format
	}
	return err
}

// metaLagError is a save whose vault.age was written but whose lifeline.json
// could not be brought in line. The data is safe; the next save retries.
type metaLagError struct{ err error }

func (e *metaLagError) Error() string {
	return "the vault was saved, but " + MetaFile + " could not be updated (the next save retries): " + e.err.Error()
}

func (e *metaLagError) Unwrap() error { return e.err }

// syncMeta brings lifeline.json in line with the document (after a
// rotation or a password change, or to repair one a crash left behind),
// plus what also changes. lifeline.json only helps diagnose: nothing is
// encrypted to what it names.
func (v *Vault) syncMeta(also func(*Meta)) error {
	rr, err := v.recoveryRecipient()
	if err != nil {
		return err
	}
	vr := v.Meta.VaultRecipient
	if ids := v.vaultIdentities(); len(ids) == 1 {
		if r, err := recipientOf(ids[0]); err == nil {
			vr = r
		}
	}
	return v.updateMeta(func(m *Meta) {
		m.RecoveryRecipient, m.VaultRecipient = rr, vr
		m.Format = max(m.Format, v.Doc.Format)
		if also != nil {
			also(m)
		}
	})
}

// FileSum is the SHA-256 of the file at path, read in pieces: whatever its
// size, it is never held whole.
func FileSum(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}
