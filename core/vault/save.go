package vault

import (
	"crypto/sha256"
	"errors"
	"fmt"
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
	if err := v.checkDisk(); err != nil && !v.yieldVaultFile(err) {
		return err
	}
	if err := removeStaleTemps(v.Dir); err != nil {
		return err
	}
	v.removeOwnTemps()
	v.fillAuthKey()
	prev := v.Doc.Updated
	v.Doc.Updated = now
	if v.refreshOthers() {
		v.mergeOthers()
	}
	if err := v.writeDoc(); err != nil {
		v.Doc.Updated = prev
		return err
	}
	if err := v.syncMeta(nil); err != nil {
		return &metaLagError{err}
	}
	return nil
}

// yieldVaultFile handles a save that finds vault.age changed while it is
// this device's replica: when another device wrote it (two devices claimed
// a vault from before replicas at once), this device moves to its own
// replica and merges vault.age like any other. Otherwise the save is
// refused as before (another process of this device saved).
func (v *Vault) yieldVaultFile(err error) bool {
	if v.own != VaultFile || !errors.Is(err, ErrChangedOnDisk) {
		return false
	}
	data, rerr := readVaultFile(v.Dir, VaultFile)
	if rerr != nil {
		return false
	}
	doc, derr := v.decryptDisk(data)
	if derr != nil || doc.Device == "" || doc.Device == v.dev.ID {
		return false
	}
	v.own, v.diskHash = replicaName(v.dev.ID), [sha256.Size]byte{}
	return v.checkDisk() == nil
}

// checkDisk refuses to write over a replica this Vault did not read last.
func (v *Vault) checkDisk() error {
	if v.ownStale {
		return fmt.Errorf("%w: this computer's copy is still encrypted to the old key", ErrNeedsUnlock)
	}
	sum, err := FileSum(filepath.Join(v.Dir, filepath.FromSlash(v.own)))
	switch {
	case errors.Is(err, fs.ErrNotExist) && v.diskHash == [sha256.Size]byte{}:
		return nil // this device has not written its replica yet
	case errors.Is(err, fs.ErrNotExist):
		// Someone removed it after we opened: writing now would hide that.
		return damaged(v.own, ReasonMissing, err)
	case err != nil:
		return damaged(v.own, ReasonNotReadable, err)
	case sum != v.diskHash:
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

// writeDoc gives the document's changes their revisions, encrypts it and
// replaces this device's replica. The caller holds the lock and has
// checked the disk.
func (v *Vault) writeDoc() error {
	v.stampAndSign()
	ct, err := v.encrypt()
	if err == nil {
		err = v.writeOwn(ct)
	}
	if err != nil {
		return err
	}
	v.diskHash = sha256.Sum256(ct)
	return nil
}

// writeOwn replaces this device's replica with ct.
func (v *Vault) writeOwn(ct []byte) error {
	dir, name := filepath.Split(filepath.Join(v.Dir, filepath.FromSlash(v.own)))
	if v.own != VaultFile {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("creating %s: %w", ReplicaDir, err)
		}
	}
	return writeFileAtomic(filepath.Clean(dir), name, ct)
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
