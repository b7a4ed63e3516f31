package backup

import (
	"errors"

	"github.com/lifelineauth/lifeline/core/vault"
)

// A backup's authenticator says which vault made it (docs/FORMAT.md,
// "Backup authenticator"): HMAC-SHA256, keyed with the vault's backup
// authenticator key (vault.RecoveryKey.BackupAuthKey), over the plaintext
// as written with the 64 hex digits of the document's last field,
// "authenticator", all '0'. Anyone can encrypt a document to the public
// recovery recipient; only a holder of the recovery key, or of the vault
// document it was stored in, can authenticate one.

// plaintext is the padded document JSON, with or without the keys, and
// authenticated when doc's keys hold the authenticator key.
func plaintext(doc *vault.Document, keys bool) ([]byte, error) {
	c := *doc
	if !keys {
		c.Keys = nil
	}
	key := doc.Keys.AuthKey()
	c.Authenticator = ""
	if key != nil {
		c.Authenticator = vault.AuthPlaceholder
	}
	pt, err := vault.EncodeDocument(&c)
	if err != nil || key == nil {
		return pt, err
	}
	if err := vault.Authenticate(pt, key); err != nil {
		clear(pt)
		return nil, errAuthLayout
	}
	return pt, nil
}

// authenticated reports whether pt carries an authenticator made with key.
func authenticated(pt, key []byte) bool { return vault.Authentic(pt, key) }

var errAuthLayout = errors.New("encoding the backup: the authenticator is not where it belongs (the document's last field)")
