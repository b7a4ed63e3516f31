package vault

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
)

// newKeys are the keys of a new vault: its vault identity, a new password
// identity pw, and the recovery key rk sealed to pw.
func newKeys(vaultIdentity string, pw *age.X25519Identity, rk RecoveryKey, created time.Time) (*Keys, error) {
	k := &Keys{VaultIdentity: vaultIdentity, RecoveryKeyCreated: created, PasswordRecipient: pw.Recipient().String()}
	k.setAuthKey(rk)
	sealed, err := sealRecoveryKey(rk, k.PasswordRecipient)
	if err != nil {
		return nil, err
	}
	k.RecoveryRecipient, k.RecoveryKeySealed = rk.Recipient(), sealed
	return k, nil
}

// sealRecoveryKey encrypts the key's grouped form to the password
// recipients, Base64 (standard, padded) of a binary age file.
func sealRecoveryKey(rk RecoveryKey, recipients ...string) (string, error) {
	var rs []age.Recipient
	for _, s := range recipients {
		r, err := age.ParseX25519Recipient(s)
		if err != nil {
			return "", damaged(VaultFile, ReasonInvalid, fmt.Errorf("password recipient: %w", err))
		}
		rs = append(rs, r)
	}
	pt := []byte(rk.Reveal() + "\n")
	defer clear(pt)
	out, err := seal(pt, 0, rs...)
	if err != nil {
		return "", fmt.Errorf("sealing the recovery key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(out), nil
}

// unsealRecoveryKey opens RecoveryKeySealed with the password identity.
func unsealRecoveryKey(sealed, passwordIdentity string) (RecoveryKey, error) {
	id, err := age.ParseX25519Identity(passwordIdentity)
	if err != nil {
		return RecoveryKey{}, damaged(PasswordFile, ReasonInvalid, err)
	}
	ct, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return RecoveryKey{}, damaged(VaultFile, ReasonInvalid, fmt.Errorf("sealed recovery key: %w", err))
	}
	r, err := age.Decrypt(bytes.NewReader(ct), id)
	if err != nil {
		return RecoveryKey{}, fmt.Errorf("sealed recovery key: %w", err)
	}
	pt, err := io.ReadAll(io.LimitReader(r, 256))
	defer clear(pt)
	if err != nil {
		return RecoveryKey{}, fmt.Errorf("sealed recovery key: %w", err)
	}
	return ParseRecoveryKey(string(pt))
}

// sealRecoveryKey brings k in line with the recovery key in hand: its
// recipient, and the key sealed to every password recipient k names (the
// current one and, during a password change, the next). A format 1
// document, with no password recipient yet, keeps the key in plain.
func (v *Vault) sealRecoveryKey(k *Keys) error {
	if v.rk.IsZero() {
		return nil // keyring unlock: the sealed key stays as it is
	}
	k.RecoveryRecipient = v.rk.Recipient()
	k.setAuthKey(v.rk)
	var to []string
	if k.PasswordRecipient != "" {
		to = append(to, k.PasswordRecipient)
	}
	for _, n := range k.Next {
		if !slices.Contains(to, n.PasswordRecipient) {
			to = append(to, n.PasswordRecipient)
		}
	}
	if len(to) == 0 {
		k.RecoveryKey = v.rk.Reveal()
		return nil
	}
	sealed, err := sealRecoveryKey(v.rk, to...)
	if err != nil {
		return err
	}
	k.RecoveryKeySealed = sealed
	return nil
}

// unlockedRecoveryKey is the recovery key a password unlock reads: sealed to
// the password identity, or in plain in a format 1 document.
func (v *Vault) unlockedRecoveryKey() RecoveryKey {
	k := v.Doc.Keys
	if k == nil {
		return RecoveryKey{}
	}
	if k.RecoveryKeySealed != "" && v.pwIdentity != "" {
		if rk, err := unsealRecoveryKey(k.RecoveryKeySealed, v.pwIdentity); err == nil {
			return rk
		}
	}
	if rk, err := ParseRecoveryKey(k.RecoveryKey); err == nil {
		return rk
	}
	return RecoveryKey{}
}

func (v *Vault) noIdentity() error {
	if v.Doc == nil {
		return ErrDropped
	}
	return fmt.Errorf("the vault key is unknown: %w", errors.New("the vault document holds no keys"))
}

// RecoveryKey returns the vault's current recovery key, so it can be shown
// again. Only an unlock with the password or the recovery key has it; after
// a keyring unlock it is ErrNeedsPassword (AdoptKeys fixes that).
func (v *Vault) RecoveryKey() (RecoveryKey, error) {
	if v.Doc == nil {
		return RecoveryKey{}, ErrDropped
	}
	if !v.rk.IsZero() {
		return v.rk, nil
	}
	if k := v.Doc.Keys; k != nil && (k.RecoveryKeySealed != "" || strings.TrimSpace(k.RecoveryKey) != "") {
		return RecoveryKey{}, ErrNeedsPassword
	}
	return RecoveryKey{}, ErrNoRecoveryKey
}

// AdoptKeys takes the recovery key and password identity from o, the same
// vault just opened with the password (the window asks for the password
// after a keyring unlock before it shows the key or changes the password).
// If o's unlock rewrote vault.age (finishing a password change or a
// migration), v takes o's keys and view of the disk as well, provided the
// rest of the documents are the same; else it is ErrChangedOnDisk.
func (v *Vault) AdoptKeys(o *Vault) error {
	if v.Doc == nil || o.Doc == nil {
		return ErrDropped
	}
	if o.rk.IsZero() {
		return ErrNeedsPassword
	}
	if o.Meta.VaultID != v.Meta.VaultID {
		return ErrChangedOnDisk
	}
	if o.diskHash != v.diskHash {
		same, err := sameContent(v.Doc, o.Doc)
		if err != nil || !same {
			return ErrChangedOnDisk
		}
		keys := *o.Doc.Keys
		v.Doc.Keys, v.Doc.Format, v.Meta = &keys, o.Doc.Format, o.Meta
		v.Doc.KeysRev, v.Doc.SettingsRev, v.Doc.Clock = o.Doc.KeysRev, o.Doc.SettingsRev, o.Doc.Clock
		v.Doc.Devices, v.Doc.Device = o.Doc.Devices, o.Doc.Device
		for i := range v.Doc.Accounts {
			v.Doc.Accounts[i].Rev = o.Doc.Accounts[i].Rev
		}
		for i := range v.Doc.Tombstones {
			v.Doc.Tombstones[i].Rev = o.Doc.Tombstones[i].Rev
		}
		v.identity, v.diskHash, v.base, v.own = o.identity, o.diskHash, o.base, o.own
	}
	rr, err := v.recoveryRecipient()
	if err != nil {
		return err
	}
	if o.rk.Recipient() != rr {
		return ErrChangedOnDisk
	}
	v.rk, v.pwIdentity = o.rk, o.pwIdentity
	return nil
}

// sameContent reports whether two documents differ at most in their keys,
// format and sync state.
func sameContent(a, b *Document) (bool, error) {
	enc := func(d *Document) ([]byte, error) {
		c := *d
		c.Keys, c.Format = nil, 0
		c.KeysRev, c.SettingsRev, c.Clock, c.Devices, c.Device = core.Revision{}, core.Revision{}, 0, nil, ""
		c.Accounts, c.Tombstones = slices.Clone(d.Accounts), slices.Clone(d.Tombstones)
		for i := range c.Accounts {
			c.Accounts[i].Rev = core.Revision{}
		}
		for i := range c.Tombstones {
			c.Tombstones[i].Rev = core.Revision{}
		}
		return encodeDocument(&c)
	}
	x, err := enc(a)
	if err != nil {
		return false, err
	}
	defer clear(x)
	y, err := enc(b)
	if err != nil {
		return false, err
	}
	defer clear(y)
	return bytes.Equal(x, y), nil
}

// RotateRecoveryKey replaces the recovery key: vault.age is re-encrypted to
// the vault identity and the new key, with the new key sealed to the
// password identity, in one write; lifeline.json then names the new one.
// The old key stops opening the vault, but backups made before the rotation
// are still encrypted to it: keep the old key as long as those backups. Like
// showing the key, it needs the key in hand (ErrNeedsPassword).
//
// If it returns a key together with an error, vault.age already uses the new
// key but lifeline.json lags behind: show the key anyway (the next Save
// repairs lifeline.json).
func (v *Vault) RotateRecoveryKey(now time.Time) (RecoveryKey, error) {
	if v.Doc == nil {
		return RecoveryKey{}, ErrDropped
	}
	if v.identity == "" {
		return RecoveryKey{}, v.noIdentity()
	}
	if v.rk.IsZero() {
		return RecoveryKey{}, ErrNeedsPassword
	}
	k, err := NewRecoveryKey()
	if err != nil {
		return RecoveryKey{}, err
	}
	unlock, err := lock(v.Dir)
	if err != nil {
		return RecoveryKey{}, err
	}
	defer unlock()
	oldKeys, oldRK := v.Doc.Keys, v.rk
	keys := Keys{VaultIdentity: v.identity}
	if oldKeys != nil {
		keys = *oldKeys
	}
	keys.RecoveryKeyCreated = now
	// The other computers of a synced vault hold the old authenticator
	// key: the new one comes vouched for by it (authenticator.go).
	keys.PrevAuthKey = base64.StdEncoding.EncodeToString(oldRK.BackupAuthKey())
	keys.AuthEndorsement = endorsement(oldRK.BackupAuthKey(), k.BackupAuthKey())
	v.rk, v.Doc.Keys = k, &keys
	// saveLocked writes vault.age, then brings lifeline.json in line with
	// the document's recovery key.
	if err = v.sealRecoveryKey(&keys); err == nil {
		err = v.saveLocked(now)
	}
	var lag *metaLagError
	if errors.As(err, &lag) {
		return k, err
	}
	if err != nil {
		v.Doc.Keys, v.rk = oldKeys, oldRK
		return RecoveryKey{}, err
	}
	return k, nil
}

// Drop forgets the keys and the accounts, zeroing the secret bytes it can
// (Go strings cannot be zeroed). The Vault is unusable afterwards; open it
// again to go on. The GUI calls it when it locks.
func (v *Vault) Drop() {
	if v.Doc != nil {
		for i := range v.Doc.Accounts {
			clear(v.Doc.Accounts[i].Secret)
		}
		v.Doc.Keys = nil
	}
	v.Doc = nil
	v.identity, v.pwIdentity, v.rk = "", "", RecoveryKey{}
	v.diskHash = [len(v.diskHash)]byte{}
}
