package vault

import "filippo.io/age"

// What backup/ needs from the vault to write and read backups in the same
// form as vault.age: the padded document encoding, its decoder, the damage
// diagnosis and the scrypt cost. Kept here so there is one definition of
// each; backup/ never touches the vault's files directly.

// EncodeDocument returns the document as vault.age's plaintext: JSON padded
// with whitespace to a multiple of 256 bytes (docs/FORMAT.md), which lets a
// reader tell a truncated file from a corrupted one. The caller should clear
// the returned bytes once encrypted.
func EncodeDocument(d *Document) ([]byte, error) { return encodeDocument(d) }

// DecodeDocument parses a decrypted document. A newer format is
// ErrNewerFormat; anything that is not a Lifeline document is a
// DamagedError with ReasonInvalid.
func DecodeDocument(data []byte) (*Document, error) { return decodeDocument(data) }

// DamageReason tells, for an age error on data whose key is known to be
// right, whether the file looks truncated (ReasonTruncated) or corrupted
// (ReasonCorrupted). It relies on the padding EncodeDocument adds.
func DamageReason(data []byte, err error) string { return damageReason(data, err) }

// WorkFactor is the scrypt cost (log2) used for new passphrase-protected
// files: 18, or lower in test builds (SetWorkFactor, the lifelinetest tag).
func WorkFactor() int { return workFactor }

// RecoveryRecipient is the age recipient ("age1…") of the vault's current
// recovery key: the key in the document when it holds one (it is
// authenticated), else lifeline.json's. Backups are encrypted to it.
func (v *Vault) RecoveryRecipient() (string, error) {
	if v.Doc == nil {
		return "", ErrDropped
	}
	return v.recoveryRecipient()
}

// OwnIdentity is the vault identity in hand, whichever key unlocked the
// vault. Automatic backups and restore snapshots are encrypted to its
// recipient as well as to the recovery key, so this device opens its own
// backups after a keyring unlock, which never yields the recovery key.
// It fails when a recovery-key unlock found no vault identity to keep.
func (v *Vault) OwnIdentity() (*age.X25519Identity, error) {
	if v.Doc == nil {
		return nil, ErrDropped
	}
	if v.identity == "" {
		return nil, v.noIdentity()
	}
	return age.ParseX25519Identity(v.identity)
}
