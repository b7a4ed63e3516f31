package backup

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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

// authField opens the authenticator: the document's last field.
const authField = `,"authenticator":"`

var authPlaceholder = bytes.Repeat([]byte("0"), 2*sha256.Size)

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
		c.Authenticator = string(authPlaceholder)
	}
	pt, err := vault.EncodeDocument(&c)
	if err != nil || key == nil {
		return pt, err
	}
	at := authAt(pt)
	if at < 0 {
		clear(pt)
		return nil, errAuthLayout
	}
	hex.Encode(pt[at:], authMAC(pt, key))
	return pt, nil
}

// authAt is where the authenticator's hex digits start in pt, or -1 when
// pt does not end (before its padding) with authField, 64 lowercase hex
// digits and the closing `"}`.
func authAt(pt []byte) int {
	body := bytes.TrimRight(pt, " \t\r\n")
	n := len(authField) + len(authPlaceholder) + 2
	if len(body) < n || !bytes.HasSuffix(body, []byte(`"}`)) || !bytes.HasPrefix(body[len(body)-n:], []byte(authField)) {
		return -1
	}
	at := len(body) - len(authPlaceholder) - 2
	for _, c := range body[at : at+len(authPlaceholder)] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return -1
		}
	}
	return at
}

// authMAC is the HMAC of pt with the authenticator's digits read as all
// '0'. pt is not changed.
func authMAC(pt, key []byte) []byte {
	at := authAt(pt)
	m := hmac.New(sha256.New, key)
	m.Write(pt[:at])
	m.Write(authPlaceholder)
	m.Write(pt[at+len(authPlaceholder):])
	return m.Sum(nil)
}

// authenticated reports whether pt carries an authenticator made with key.
func authenticated(pt, key []byte) bool {
	at := authAt(pt)
	if at < 0 || key == nil {
		return false
	}
	want := make([]byte, sha256.Size)
	if _, err := hex.Decode(want, pt[at:at+len(authPlaceholder)]); err != nil {
		return false
	}
	return hmac.Equal(want, authMAC(pt, key))
}

var errAuthLayout = errors.New("encoding the backup: the authenticator is not where it belongs (the document's last field)")
