package backup

import (
	"encoding/json"
	"maps"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Restored is a vault made from a backup on a device that had none.
type Restored struct {
	Vault       *vault.Vault
	RecoveryKey vault.RecoveryKey
	// KeptKey is true when the recovery key is the one typed to open the
	// backup, so a printed recovery kit stays valid; false means
	// RecoveryKey is new and must be shown to the person now.
	KeptKey bool
	// FolderReset is true when the backup named a backup folder that does
	// not exist on this device, and the default folder is used instead.
	FolderReset bool
}

// FreshOptions are the person's choices for a fresh-device restore.
type FreshOptions struct {
	// AdoptSettings takes the backup's own backup settings (OfferedSettings:
	// extra recipients, folder, keep); without it the new vault has the
	// defaults. Never set it without asking: a planted file's extra
	// recipient would open every later backup.
	AdoptSettings bool
}

// RestoreFresh is RestoreFreshWith without adopting the backup's settings.
func RestoreFresh(dir, password string, o *Opened, now time.Time) (Restored, error) {
	return RestoreFreshWith(dir, password, o, FreshOptions{}, now)
}

// RestoreFreshWith creates a vault in dir, which must not hold one, from an
// opened backup: the fresh-device restore. The vault is protected by
// password. It takes no key from the backup (vault.CreateFromDocument):
// it gets a new vault identity, and keeps the recovery key that opened the
// backup or, opened another way, gets a new one. It keeps the backup's
// vault id only when the backup was made by the vault of that key
// (Opened.Trusted). Nothing is written if it fails.
func RestoreFreshWith(dir, password string, o *Opened, opts FreshOptions, now time.Time) (Restored, error) {
	doc := *o.Doc
	if o.Doc.Settings != nil {
		doc.Settings = make(map[string]json.RawMessage, len(o.Doc.Settings))
		maps.Copy(doc.Settings, o.Doc.Settings)
	}
	// Exactly what the preview shows: the entries it skips, invalid or
	// duplicate, are not written.
	p := PlanFresh(o, "", now)
	p.keepRevs = true // the same vault, on a new computer: its revisions hold
	doc.Accounts, doc.Tombstones, _ = merged(p.base, p, Merge, now)
	if err := checkGrowth(0, len(doc.Accounts)); err != nil {
		return Restored{}, err
	}
	if !o.Trusted() {
		doc.VaultID = "" // a new id: the file's is anyone's choice
	}
	reset := false
	if opts.AdoptSettings {
		var err error
		if reset, err = localSettings(&doc); err != nil {
			return Restored{}, err
		}
	} else {
		delete(doc.Settings, SettingsKey)
	}
	if !o.RecoveryKey.IsZero() {
		// The key typed or scanned stays the vault's: the kit holding it
		// is still good, whatever the backup recorded about kits.
		if err := kit.KeyInHand(&doc, o.RecoveryKey.Recipient(), now); err != nil {
			return Restored{}, err
		}
	}
	v, key, err := vault.CreateFromDocument(dir, password, &doc, o.RecoveryKey, now)
	if err != nil {
		return Restored{}, err
	}
	kept := !o.RecoveryKey.IsZero() && key == o.RecoveryKey
	return Restored{Vault: v, RecoveryKey: key, KeptKey: kept, FolderReset: reset}, nil
}

// PlanFresh is the preview of a fresh-device restore: the backup planned
// against an empty vault. RestoreFresh writes what it adds.
func PlanFresh(o *Opened, source string, now time.Time) *Preview {
	return Plan(&vault.Document{Format: vault.FormatVersion}, FromDocument(o.Doc, source), now)
}
