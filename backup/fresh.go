package backup

import (
	"encoding/json"
	"maps"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Restored is a vault made from a backup on a device that had none.
type Restored struct {
	Vault       *vault.Vault
	RecoveryKey vault.RecoveryKey
	// KeptKey is true when the recovery key is the one the backup was made
	// with, so a printed recovery kit stays valid; false means RecoveryKey
	// is new and must be shown to the person now.
	KeptKey bool
	// FolderReset is true when the backup named a backup folder that does
	// not exist on this device, and the default folder is used instead.
	FolderReset bool
}

// RestoreFresh creates a vault in dir, which must not hold one, from an opened
// backup: the fresh-device restore. The vault is protected by password; it
// keeps the backup's vault identity and recovery key when the backup
// carries them, else the recovery key that opened it (see
// vault.CreateFromDocument). It writes the accounts PlanFresh adds, and
// no others. Nothing is written if it fails.
func RestoreFresh(dir, password string, o *Opened, now time.Time) (Restored, error) {
	doc := *o.Doc
	if o.Doc.Settings != nil {
		doc.Settings = make(map[string]json.RawMessage, len(o.Doc.Settings))
		maps.Copy(doc.Settings, o.Doc.Settings)
	}
	// Exactly what the preview shows: the entries it skips, invalid or
	// duplicate, are not written.
	p := PlanFresh(o, "", now)
	doc.Accounts, doc.Tombstones, _ = merged(p.base, p, Merge, now)
	reset, err := localSettings(&doc)
	if err != nil {
		return Restored{}, err
	}
	v, key, err := vault.CreateFromDocument(dir, password, &doc, o.RecoveryKey, now)
	if err != nil {
		return Restored{}, err
	}
	kept := !o.RecoveryKey.IsZero() && key == o.RecoveryKey
	if k := o.Doc.Keys; k != nil && k.RecoveryKey != "" {
		kept = kept || key.Reveal() == canonical(k.RecoveryKey)
	}
	return Restored{Vault: v, RecoveryKey: key, KeptKey: kept, FolderReset: reset}, nil
}

// PlanFresh is the preview of a fresh-device restore: the backup planned
// against an empty vault. RestoreFresh writes what it adds.
func PlanFresh(o *Opened, source string, now time.Time) *Preview {
	return Plan(&vault.Document{Format: vault.FormatVersion}, FromDocument(o.Doc, source), now)
}

// canonical is a stored key in Reveal's form, "" if it does not parse.
func canonical(s string) string {
	k, err := vault.ParseRecoveryKey(s)
	if err != nil {
		return ""
	}
	return k.Reveal()
}
