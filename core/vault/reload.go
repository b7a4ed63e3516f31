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
	id, err := v.reloadIdentity()
	if err != nil {
		return nil, err
	}
	doc, err := decryptDocument(data, id)
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

// reloadIdentity is the key Reload decrypts with: the vault identity, or
// the recovery key when that is all this Vault holds.
func (v *Vault) reloadIdentity() (age.Identity, error) {
	if v.identity != "" {
		return age.ParseX25519Identity(v.identity)
	}
	if !v.rk.IsZero() {
		return v.rk.Identity(), nil
	}
	return nil, v.noIdentity()
}
