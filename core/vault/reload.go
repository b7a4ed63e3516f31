package vault

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"filippo.io/age"
)

// ErrNeedsUnlock is a vault.age the key in hand no longer opens: its
// password was changed elsewhere, which gives the vault a new key.
var ErrNeedsUnlock = errors.New("the vault was changed elsewhere and its key with it (a password change); unlock it again")

// Changed reports whether vault.age differs from the file this Vault last
// read or wrote. It reads the file but decrypts nothing.
func (v *Vault) Changed() (bool, error) {
	if v.Doc == nil {
		return false, ErrDropped
	}
	data, err := readVaultFile(v.Dir, VaultFile)
	if err != nil {
		return false, err
	}
	return sha256.Sum256(data) != v.diskHash, nil
}

// Reload re-reads vault.age when another process changed it since this
// Vault read or wrote it, with the key in hand (no password, no KDF). It
// returns the document on disk, or nil when the file is the one this Vault
// knows; Doc is left as it was. From then on Save compares the disk with the file just read, so
// the caller must put that document into Doc (merged with any change not
// yet saved, which it then saves) before it saves again. A recovery key the
// other process rotated away is forgotten (RecoveryKey then needs the
// password).
func (v *Vault) Reload() (*Document, error) {
	if v.Doc == nil {
		return nil, ErrDropped
	}
	data, err := readVaultFile(v.Dir, VaultFile)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if sum == v.diskHash {
		return nil, nil
	}
	doc, err := v.decryptDisk(data)
	if err != nil {
		return nil, err
	}
	if m, err := readMeta(v.Dir); err == nil {
		v.Meta = m
	}
	v.diskHash = sum
	if k := doc.Keys; k != nil && k.VaultIdentity != "" {
		v.identity = k.VaultIdentity
	}
	if !v.rk.IsZero() {
		local, old := v.Doc, v.rk
		v.Doc, v.rk = doc, RecoveryKey{}
		if rr, err := v.recoveryRecipient(); err == nil && rr == old.Recipient() {
			v.rk = old
		}
		v.Doc = local
	}
	return doc, nil
}

// decryptDisk decrypts data, vault.age as read now, with every key this
// Vault holds (its vault identities, pending ones included, and the
// recovery key), and checks that it is still this vault. A file none of
// them opens was re-keyed elsewhere (a password change): ErrNeedsUnlock.
func (v *Vault) decryptDisk(data []byte) (*Document, error) {
	var ids []age.Identity
	for _, s := range append(v.vaultIdentities(), v.identity) {
		if id, err := age.ParseX25519Identity(s); err == nil {
			ids = append(ids, id)
		}
	}
	if !v.rk.IsZero() {
		ids = append(ids, v.rk.Identity())
	}
	if len(ids) == 0 {
		return nil, v.noIdentity()
	}
	doc, err := decryptDocument(data, ids...)
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) {
		return nil, ErrNeedsUnlock
	}
	if err != nil {
		return nil, err
	}
	if doc.VaultID != v.Doc.VaultID {
		return nil, damaged(VaultFile, ReasonForeign, fmt.Errorf("it now holds vault %s, this window opened vault %s", doc.VaultID, v.Doc.VaultID))
	}
	return doc, nil
}
