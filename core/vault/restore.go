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
// It never takes a key from doc: anyone who knows the public recovery
// recipient (lifeline.json) can make a backup that opens with the printed
// key, with keys of their own inside. So the new vault gets a new vault
// identity and password identity, and as recovery key rk when it is not
// zero (the key the person typed to open the backup, so their printed kit
// stays true), else a new one. It keeps doc's vault id (a caller that does
// not trust the backup clears it: a new id is made). The returned key is
// the vault's recovery key; the caller shows it when it is new.
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

// restoredDocument copies doc and settles its keys (see
// CreateFromDocument): a new vault identity, the recovery key and when that
// was made. writeNewVault makes the new password identity and seals the key
// to it.
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
	d.Keys, d.Authenticator = nil, ""
	// A new vault folder: its only device is this one. The revisions stay,
	// so the accounts merge as they were with replicas of the same vault.
	d.Devices, d.Device = nil, ""
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, nil, RecoveryKey{}, time.Time{}, fmt.Errorf("generating vault key: %w", err)
	}
	key, keyCreated := rk, now
	if key.IsZero() {
		if key, err = NewRecoveryKey(); err != nil {
			return nil, nil, RecoveryKey{}, time.Time{}, err
		}
	} else if k := doc.Keys; k != nil && k.RecoveryRecipient == rk.Recipient() && !k.RecoveryKeyCreated.IsZero() {
		keyCreated = k.RecoveryKeyCreated // the typed key's age, as the backup knew it
	}
	if d.VaultID == "" {
		d.VaultID = core.NewID()
	}
	if d.Created.IsZero() {
		d.Created = now
	}
	return &d, id, key, keyCreated, nil
}
