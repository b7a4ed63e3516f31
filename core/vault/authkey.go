package vault

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
)

// The backup authenticator key (docs/FORMAT.md, "Backup authenticator"):
// HKDF-SHA256 of the recovery key's 16 bytes of entropy, no salt, with
// this info string. Only the recovery key, or a document it was stored in,
// gives it: the public recipients in lifeline.json do not.
const (
	authKeyInfo = "lifeline backup authenticator v1"
	authKeySize = 32
)

// BackupAuthKey is the key that authenticates backups of the vault whose
// recovery key this is.
func (k RecoveryKey) BackupAuthKey() []byte {
	out, err := hkdf.Key(sha256.New, k.entropy[:], nil, authKeyInfo, authKeySize)
	if err != nil {
		panic("vault: HKDF failed: " + err.Error())
	}
	return out
}

// AuthKey is the backup authenticator key the keys hold (BackupAuthKey of
// the recovery key, stored so that a keyring unlock can still authenticate
// the backups it writes), or nil when they hold none or k is nil.
func (k *Keys) AuthKey() []byte {
	if k == nil || k.BackupAuthKey == "" {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(k.BackupAuthKey)
	if err != nil || len(b) != authKeySize {
		return nil
	}
	return b
}

// setAuthKey stores rk's authenticator key in k.
func (k *Keys) setAuthKey(rk RecoveryKey) {
	k.BackupAuthKey = base64.StdEncoding.EncodeToString(rk.BackupAuthKey())
}

// BackupAuthKey is the key this vault authenticates its backups with:
// derived from the recovery key when it is in hand, else the copy the
// document keeps; nil when neither is there (a keyring unlock of a vault
// no password or recovery-key unlock has saved since this field exists).
func (v *Vault) BackupAuthKey() []byte {
	if v.Doc == nil {
		return nil
	}
	if !v.rk.IsZero() {
		return v.rk.BackupAuthKey()
	}
	return v.Doc.Keys.AuthKey()
}

// fillAuthKey puts the recovery key's authenticator key in the document's
// keys when the key is in hand, so the next save keeps it for keyring
// unlocks.
func (v *Vault) fillAuthKey() {
	if v.Doc == nil || v.Doc.Keys == nil || v.rk.IsZero() {
		return
	}
	v.Doc.Keys.setAuthKey(v.rk)
}
