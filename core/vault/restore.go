package vault

import (
	"encoding/json"
	"fmt"
	"maps"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
)

// CreateFromDocument makes a new vault in dir holding doc, a document read
// from a backup, protected by password: the fresh-device restore.
//
// When doc carries its Keys (backups encrypted to the recovery key do), the
// new vault keeps the backup's vault id, vault identity and recovery key (a
// format 1 backup holds the key; a format 2 one only its recipient, and the
// key is rk, the one that opened it), so the printed recovery kit stays
// valid and older backups still open. When it
// does not (passphrase and extra-recipient backups leave them out), the vault
// gets a new id and identity, and as recovery key rk if it is not zero (the
// key that opened the backup), else a new one. The returned key is the
// vault's recovery key; the caller shows it when it is new.
//
// The accounts, tombstones and settings are copied; doc is not modified.
func CreateFromDocument(dir, password string, doc *Document, rk RecoveryKey, now time.Time) (*Vault, RecoveryKey, error) {
	if password == "" {
		return nil, RecoveryKey{}, ErrEmptyPassword
	}
	if doc == nil {
		return nil, RecoveryKey{}, fmt.Errorf("restoring: no document")
	}
	if doc.Format > FormatVersion {
		return nil, RecoveryKey{}, fmt.Errorf("%w (vault format %d, this Lifeline reads %d)", ErrNewerFormat, doc.Format, FormatVersion)
	}
	d, id, key, created, err := restoredDocument(doc, rk, now)
	if err != nil {
		return nil, RecoveryKey{}, err
	}
	unlock, err := claimNew(dir)
	if err != nil {
		return nil, RecoveryKey{}, err
	}
	defer unlock()
	if d.Created.IsZero() {
		d.Created = now
	}
	v, err := writeNewVault(dir, d, id, key, created, password)
	if err != nil {
		return nil, RecoveryKey{}, fmt.Errorf("creating vault from backup: %w", err)
	}
	return v, key, nil
}

// restoredDocument copies doc and settles its keys (see CreateFromDocument):
// the vault identity, the recovery key and when that was made.
// writeNewVault makes the new password identity and seals the key to it.
func restoredDocument(doc *Document, rk RecoveryKey, now time.Time) (*Document, *age.X25519Identity, RecoveryKey, time.Time, error) {
	d := *doc
	d.Format = FormatVersion
	d.Updated = now
	d.Accounts = make([]core.Account, len(doc.Accounts))
	for i, a := range doc.Accounts {
		d.Accounts[i] = a.Clone()
	}
	d.Tombstones = append([]core.Tombstone(nil), doc.Tombstones...)
	if doc.Settings != nil {
		d.Settings = make(map[string]json.RawMessage, len(doc.Settings))
		maps.Copy(d.Settings, doc.Settings)
	}

	var id *age.X25519Identity
	var key RecoveryKey
	keyCreated := now
	if k := doc.Keys; k != nil && k.VaultIdentity != "" {
		var err error
		if id, err = age.ParseX25519Identity(k.VaultIdentity); err != nil {
			return nil, nil, RecoveryKey{}, time.Time{}, fmt.Errorf("the backup's vault key is invalid: %w", err)
		}
		if k.RecoveryKey != "" {
			if key, err = ParseRecoveryKey(k.RecoveryKey); err != nil {
				return nil, nil, RecoveryKey{}, time.Time{}, fmt.Errorf("the backup's recovery key: %w", err)
			}
			keyCreated = k.RecoveryKeyCreated
		} else if !rk.IsZero() && k.RecoveryRecipient == rk.Recipient() {
			// Format 2 carries only the key's recipient: rk is that key.
			keyCreated = k.RecoveryKeyCreated
		}
	} else {
		// Without the old identity this is a new vault that happens to hold
		// the same accounts: a new id keeps its keyring entry apart from the
		// original's, should both live on one machine.
		var err error
		if id, err = age.GenerateX25519Identity(); err != nil {
			return nil, nil, RecoveryKey{}, time.Time{}, fmt.Errorf("generating vault key: %w", err)
		}
		d.VaultID = core.NewID()
	}
	if key.IsZero() {
		key = rk
	}
	if key.IsZero() {
		var err error
		if key, err = NewRecoveryKey(); err != nil {
			return nil, nil, RecoveryKey{}, time.Time{}, err
		}
	}
	if d.VaultID == "" {
		d.VaultID = core.NewID()
	}
	if d.Created.IsZero() {
		d.Created = now
	}
	d.Keys = nil
	return &d, id, key, keyCreated, nil
}
