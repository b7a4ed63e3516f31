package vault

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"filippo.io/age"
)

// OpenPassword opens the vault with its password (slow on purpose: scrypt).
// A wrong password is ErrWrongPassword; nothing on disk is changed, except
// that a successful unlock finishes a password change a crash interrupted
// and migrates a format 1 vault (settle).
func OpenPassword(dir, password string) (*Vault, error) {
	if password == "" {
		return nil, ErrEmptyPassword
	}
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	data, err := readVaultFile(dir, PasswordFile)
	if err != nil {
		return nil, err
	}
	idStr, pwID, err := unwrapIdentities(data, password)
	if err != nil {
		return nil, err
	}
	id, err := age.ParseX25519Identity(idStr)
	if err != nil {
		return nil, damaged(PasswordFile, ReasonInvalid, err)
	}
	foreign := damaged(PasswordFile, ReasonForeign, fmt.Errorf("it holds the key of %s, which does not open %s (a password file from before a password change, or of another vault)", id.Recipient(), VaultFile))
	v, err := openAs(dir, meta, id, meta.VaultRecipient, foreign)
	if err != nil {
		return nil, err
	}
	v.identity, v.pwIdentity = idStr, pwID
	v.rk = v.unlockedRecoveryKey()
	v.recoverStale()
	v.fillAuthKey()
	v.settle(password)
	return v, nil
}

// OpenRecoveryKey opens the vault with its recovery key. A key of another
// vault (or of one rotated away) is ErrWrongRecoveryKey.
func OpenRecoveryKey(dir string, k RecoveryKey) (*Vault, error) {
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	v, err := openAs(dir, meta, k.Identity(), meta.RecoveryRecipient, ErrWrongRecoveryKey)
	if err != nil {
		return nil, err
	}
	v.rk = k
	// The document carries the vault identity, so a recovery-key unlock can
	// still save, set a new password or enable the keyring.
	if keys := v.Doc.Keys; keys != nil && keys.VaultIdentity != "" {
		if _, err := age.ParseX25519Identity(keys.VaultIdentity); err == nil {
			v.identity = keys.VaultIdentity
		}
	}
	v.fillAuthKey()
	return v, nil
}

// openAs opens vault.age with id. When id's recipient is the one
// lifeline.json names (want), any failure means the file is damaged. When it
// is not, lifeline.json may lag behind a password change or a rotation a
// crash interrupted: id is tried, and any failure is wrong, the error for a
// key of another vault.
func openAs(dir string, meta Meta, id *age.X25519Identity, want string, wrong error) (*Vault, error) {
	v, err := openWith(dir, meta, id, "")
	var nm *age.NoIdentityMatchError
	switch {
	case err == nil:
		return v, nil
	case id.Recipient().String() != want:
		return nil, wrong
	case errors.Is(wrong, ErrKeyringMismatch) && errors.As(err, &nm):
		// A keyring entry a password change could not update.
		return nil, wrong
	}
	return nil, err
}

// openWith decrypts this device's replica (or, before it has one,
// vault.age or another device's) with an identity whose recipient is known
// to be one of the file's, so any failure means the file is damaged. It
// then merges the other replicas in (syncOnOpen).
func openWith(dir string, meta Meta, id age.Identity, identity string) (*Vault, error) {
	dev, err := ThisDevice()
	if err != nil {
		return nil, err
	}
	own, primary := chooseOwn(dir, dev.ID)
	data, err := readVaultFile(dir, filepath.FromSlash(primary))
	if err != nil {
		return nil, err
	}
	doc, err := decryptDocument(data, id)
	stale := false
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) {
		// The key in hand is newer than this replica: a password change
		// on another device. Open a replica that device wrote; this one
		// waits for the recovery key (recoverStale).
		if alt, altData, altDoc := openAnother(dir, primary, id); altDoc != nil {
			stale = primary == own
			primary, data, doc, err = alt, altData, altDoc, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if doc.VaultID != meta.VaultID {
		return nil, damaged(MetaFile, ReasonForeign, fmt.Errorf("it names vault %s, %s holds vault %s", meta.VaultID, primary, doc.VaultID))
	}
	if primary == VaultFile {
		own = ownAfterOpen(dir, dev.ID, doc)
	}
	v := &Vault{Dir: dir, Doc: doc, Meta: meta, identity: identity, dev: dev, own: own, base: baseOf(doc), ownStale: stale}
	if own == primary {
		v.diskHash = sha256.Sum256(data)
	}
	v.syncOnOpen(id)
	return v, nil
}

// openAnother opens the first replica other than skip that id decrypts.
func openAnother(dir, skip string, id age.Identity) (string, []byte, *Document) {
	files, _ := replicaFiles(dir)
	slices.SortStableFunc(files, func(a, b string) int { return cmpBool(IsConflictCopy(a), IsConflictCopy(b)) })
	for _, f := range files {
		if f == skip {
			continue
		}
		data, _, err := readReplica(dir, f)
		if err != nil {
			continue
		}
		if doc, err := decryptDocument(data, id); err == nil {
			return f, data, doc
		}
	}
	return "", nil, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// recoverStale opens, with the recovery key a password unlock just gave,
// the replicas the key in hand could not: this device's and others'
// written before a password change on another device. Their changes are
// merged, and this device's replica is written again with the new keys.
func (v *Vault) recoverStale() {
	if v.rk.IsZero() {
		return
	}
	for f, r := range v.others {
		var re *ReplicaError
		if errors.As(r.err, &re) && re.NeedsUnlock() {
			delete(v.others, f)
		}
	}
	changed := v.refreshOthers()
	if v.ownStale {
		data, err := readVaultFile(v.Dir, filepath.FromSlash(v.own))
		if err != nil {
			return
		}
		doc, err := v.decryptDisk(data)
		if err != nil {
			return
		}
		const ownKey = "\x00own"
		v.others[ownKey] = &replica{doc: doc}
		v.mergeOthers()
		delete(v.others, ownKey)
		v.diskHash, v.ownStale, changed = sha256.Sum256(data), false, false
		v.writeLocked()
	}
	if changed {
		v.mergeOthers()
		v.writeLocked()
	}
}

// writeLocked writes this device's replica if the lock is free and the
// disk is as this Vault last saw it; for the writes an open makes, which
// never fail the open.
func (v *Vault) writeLocked() {
	unlock, err := lock(v.Dir)
	if err != nil {
		return
	}
	defer unlock()
	if v.checkDisk() == nil {
		v.writeDoc()
	}
}

// syncOnOpen merges the other replicas into the document just opened and,
// when that changed it or this device has no replica yet, writes this
// device's replica, if the lock is free. Nothing here fails the open.
func (v *Vault) syncOnOpen(id age.Identity) {
	if !v.refreshOthers(id) {
		return
	}
	before := syncDigest(v.Doc)
	v.mergeOthers()
	if syncDigest(v.Doc) == before && v.diskHash != ([sha256.Size]byte{}) {
		return
	}
	v.writeLocked()
}

// decryptDocument decrypts and parses vault.age's content. The plaintext
// buffer is zeroed before it returns.
func decryptDocument(data []byte, ids ...age.Identity) (*Document, error) {
	return decryptChecked(data, nil, ids...)
}

// decryptChecked is decryptDocument, and check (if not nil) looks at the
// plaintext and the document before the plaintext is zeroed.
func decryptChecked(data []byte, check func(pt []byte, d *Document) error, ids ...age.Identity) (*Document, error) {
	r, err := age.Decrypt(bytes.NewReader(data), ids...)
	if err != nil {
		return nil, decryptFailure(VaultFile, data, err)
	}
	var pt bytes.Buffer
	pt.Grow(len(data))
	_, err = pt.ReadFrom(r)
	defer clear(pt.Bytes())
	if err != nil {
		return nil, decryptFailure(VaultFile, data, err)
	}
	d, err := decodeDocument(pt.Bytes())
	if err == nil && check != nil {
		err = check(pt.Bytes(), d)
	}
	if err != nil {
		return nil, err
	}
	d.Authenticator = ""
	return d, nil
}

func readVaultFile(dir, name string) ([]byte, error) {
	data, err := readBounded(dir, name)
	var big *tooLargeError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, damaged(name, ReasonMissing, err)
	case errors.As(err, &big):
		return nil, damaged(name, ReasonTooLarge, big)
	case err != nil:
		return nil, damaged(name, ReasonNotReadable, err)
	}
	return data, nil
}
