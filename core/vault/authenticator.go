package vault

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
)

// The authenticator (docs/FORMAT.md, "Backup authenticator"): HMAC-SHA256,
// keyed with the vault's authenticator key (RecoveryKey.BackupAuthKey),
// over the plaintext as written with the 64 hex digits of the document's
// last field, "authenticator", all '0'. Anyone can encrypt a document to
// the public recipients; only a holder of the recovery key, or of the
// vault document it was stored in, can authenticate one. Backups carry it,
// and so does every replica, so that a file planted in a synced folder
// cannot slip its keys into the vault.

// authField opens the authenticator: the document's last field.
const authField = `,"authenticator":"`

// AuthPlaceholder is what Document.Authenticator holds while the
// plaintext is encoded, for Authenticate to fill in.
var AuthPlaceholder = string(bytes.Repeat([]byte("0"), 2*sha256.Size))

// ErrAuthLayout is a plaintext whose last field is not the authenticator.
var ErrAuthLayout = errors.New("the authenticator is not where it belongs (the document's last field)")

// Authenticate writes the authenticator of pt (encoded with
// AuthPlaceholder as its Authenticator) into it, with key.
func Authenticate(pt, key []byte) error {
	at := authAt(pt)
	if at < 0 {
		return ErrAuthLayout
	}
	hex.Encode(pt[at:], authMAC(pt, key))
	return nil
}

// Authentic reports whether pt carries an authenticator made with key.
func Authentic(pt, key []byte) bool {
	at := authAt(pt)
	if at < 0 || key == nil {
		return false
	}
	want := make([]byte, sha256.Size)
	if _, err := hex.Decode(want, pt[at:at+len(AuthPlaceholder)]); err != nil {
		return false
	}
	return hmac.Equal(want, authMAC(pt, key))
}

// authAt is where the authenticator's hex digits start in pt, or -1 when
// pt does not end (before its padding) with authField, 64 lowercase hex
// digits and the closing `"}`.
func authAt(pt []byte) int {
	body := bytes.TrimRight(pt, " \t\r\n")
	n := len(authField) + len(AuthPlaceholder) + 2
	if len(body) < n || !bytes.HasSuffix(body, []byte(`"}`)) || !bytes.HasPrefix(body[len(body)-n:], []byte(authField)) {
		return -1
	}
	at := len(body) - len(AuthPlaceholder) - 2
	for _, c := range body[at : at+len(AuthPlaceholder)] {
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
	m.Write([]byte(AuthPlaceholder))
	m.Write(pt[at+len(AuthPlaceholder):])
	return m.Sum(nil)
}

// endorsement is what a recovery-key rotation leaves in the keys: the new
// authenticator key, vouched for by the old one, so a computer that holds
// only the old key trusts replicas authenticated with the new.
func endorsement(old, next []byte) string {
	m := hmac.New(sha256.New, old)
	m.Write([]byte("lifeline authenticator key endorsement v1\x00"))
	m.Write(next)
	return hex.EncodeToString(m.Sum(nil))
}

// trustedAuthKeys are the authenticator keys this Vault believes: the
// recovery key's, the document's and the one before a rotation.
func (v *Vault) trustedAuthKeys() [][]byte {
	var out [][]byte
	add := func(k []byte) {
		if k != nil && !containsKey(out, k) {
			out = append(out, k)
		}
	}
	add(v.BackupAuthKey())
	if k := v.Doc.Keys; k != nil {
		add(k.AuthKey())
		if b, err := base64.StdEncoding.DecodeString(k.PrevAuthKey); err == nil && len(b) == authKeySize {
			add(b)
		}
	}
	return out
}

func containsKey(ks [][]byte, k []byte) bool {
	for _, x := range ks {
		if hmac.Equal(x, k) {
			return true
		}
	}
	return false
}

// ErrNotThisVault is a replica that is not authenticated by this vault:
// anyone who knows the public recipients can encrypt one, so it is
// skipped rather than merged.
var ErrNotThisVault = errors.New("not made by this vault (its authenticator does not match): skipped, never merged")

// checkReplica decides whether another replica's plaintext pt (decoded as
// d) may be merged: authenticated with a key this Vault trusts, or with a
// new key a trusted one endorsed (a rotation elsewhere). A replica from
// before authenticators (format 2, none) merges, but its keys and settings
// are dropped, so it cannot change whom the vault is encrypted to.
func (v *Vault) checkReplica(pt []byte, d *Document) error {
	trusted := v.trustedAuthKeys()
	if len(trusted) == 0 {
		return nil // nothing to check with yet (a keyring unlock of an old vault)
	}
	for _, k := range trusted {
		if Authentic(pt, k) {
			return nil
		}
	}
	if nk := d.Keys.AuthKey(); nk != nil && Authentic(pt, nk) {
		for _, k := range trusted {
			if hmac.Equal([]byte(endorsement(k, nk)), []byte(d.Keys.AuthEndorsement)) {
				return nil
			}
		}
	}
	if d.Format <= 2 && d.Authenticator == "" {
		d.Keys, d.KeysRev, d.Settings, d.SettingsRev = nil, zeroRev, nil, zeroRev
		return nil
	}
	return ErrNotThisVault
}
