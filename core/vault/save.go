package vault

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Save writes the document back to vault.age. It sets Doc.Updated to now,
// takes the writer lock (ErrLocked after about two seconds), and refuses with
// ErrChangedOnDisk if another process saved since this Vault read the file,
// so one process never silently drops another's change. The write is atomic:
// a crash leaves the old vault or the new one.
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
	cur, err := os.ReadFile(filepath.Join(v.Dir, VaultFile))
	if errors.Is(err, fs.ErrNotExist) {
		// Someone removed it after we opened: writing now would hide that.
		return damaged(VaultFile, ReasonMissing, err)
	}
	if err != nil {
		return damaged(VaultFile, ReasonNotReadable, err)
	}
	if sha256.Sum256(cur) != v.diskHash {
		return ErrChangedOnDisk
	}
	if err := removeStaleTemps(v.Dir); err != nil {
		return err
	}

	prev := v.Doc.Updated
	v.Doc.Updated = now
	ct, err := v.encrypt()
	if err == nil {
		err = writeFileAtomic(v.Dir, VaultFile, ct)
	}
	if err != nil {
		v.Doc.Updated = prev
		return err
	}
	v.diskHash = sha256.Sum256(ct)
	if err := v.syncMeta(); err != nil {
		return &metaLagError{err}
	}
	return nil
}

// metaLagError is a save whose vault.age was written but whose lifeline.json
// could not be brought in line. The data is safe; the next save retries.
type metaLagError struct{ err error }

func (e *metaLagError) Error() string {
	return "the vault was saved, but " + MetaFile + " could not be updated (the next save retries): " + e.err.Error()
}

func (e *metaLagError) Unwrap() error { return e.err }

// syncMeta brings lifeline.json in line with the recovery key in the
// document (after a rotation, or to repair one a crash left behind).
func (v *Vault) syncMeta() error {
	rr, err := v.recoveryRecipient()
	if err != nil {
		return err
	}
	if v.Meta.RecoveryRecipient == rr {
		return nil
	}
	return v.updateMeta(func(m *Meta) { m.RecoveryRecipient = rr })
}
