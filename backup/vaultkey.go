package backup

import "github.com/lifelineauth/lifeline/core/vault"

// DefaultToVault settles, for both faces, what an empty recovery key
// means: this vault's own. Most backups a person restores are the open
// vault's, which open with its current recovery key, so restoring an older
// state needs no key typed (and the window need not show it). A key the
// person gave stays; with no vault open (v nil, a fresh device), or a vault
// without a recovery key, k keeps none.
//
// After a keyring unlock the vault does not know its recovery key; its own
// identity (Key.Own) still opens the automatic backups and snapshots it
// wrote of itself, so undo and "restore an older state" need no key then
// either.
func (k *Key) DefaultToVault(v *vault.Vault) {
	if v == nil {
		return
	}
	k.AuthKey = v.BackupAuthKey() // tells this vault's backups from others
	if !k.RecoveryKey.IsZero() {
		return
	}
	if rk, err := v.RecoveryKey(); err == nil {
		k.RecoveryKey = rk
	}
	if id, err := v.OwnIdentity(); err == nil {
		k.Own = id
	}
}
