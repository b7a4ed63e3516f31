package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"filippo.io/age"
)

// workFactor is the scrypt cost (2^workFactor) used when the password wraps
// the vault identity. 18 is age's own default, about a second here.
var workFactor = 18

// SetWorkFactor sets the scrypt cost for passwords wrapped from now on. It
// exists for tests, and for nothing else: a low value makes a stolen
// password.age cheap to guess. Existing files keep the cost they were
// written with; opening accepts any cost age accepts.
func SetWorkFactor(logN int) { workFactor = logN }

const identityComment = "# Lifeline vault identity (see docs/FORMAT.md)\n"

// wrapIdentity makes password.age. Its plaintext is an age identity file, so
// `age -d -i password.age vault.age` asks for the password and opens the
// vault with the age CLI alone. It is padded like vault.age, with a comment
// line, so a truncated file is reported as such.
func wrapIdentity(identity, password string) ([]byte, error) {
	if password == "" {
		return nil, ErrEmptyPassword
	}
	r, err := age.NewScryptRecipient(password)
	if err != nil {
		return nil, fmt.Errorf("wrapping vault key: %w", err)
	}
	r.SetWorkFactor(workFactor)
	pt := []byte(identityComment + identity + "\n")
	defer clear(pt)
	if rem := len(pt) % padBlock; rem != 0 {
		pad := padBlock - rem
		if pad < 2 { // room for "#\n"
			pad += padBlock
		}
		pt = append(pt, '#')
		pt = append(pt, bytes.Repeat([]byte{' '}, pad-2)...)
		pt = append(pt, '\n')
	}
	out, err := seal(pt, 0, r)
	if err != nil {
		return nil, fmt.Errorf("wrapping vault key: %w", err)
	}
	return out, nil
}

// unwrapIdentity decrypts password.age and returns the identity it holds.
func unwrapIdentity(data []byte, password string) (string, error) {
	sid, err := age.NewScryptIdentity(password)
	if err != nil {
		return "", ErrEmptyPassword
	}
	r, err := age.Decrypt(bytes.NewReader(data), sid)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			if len(nm.StanzaTypes) == 1 && nm.StanzaTypes[0] == "scrypt" {
				return "", ErrWrongPassword
			}
			return "", damaged(PasswordFile, ReasonNotEncrypted, err)
		}
		return "", decryptFailure(PasswordFile, data, err)
	}
	pt, err := io.ReadAll(r)
	defer clear(pt)
	if err != nil {
		return "", decryptFailure(PasswordFile, data, err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(pt))
	if err != nil {
		return "", damaged(PasswordFile, ReasonInvalid, err)
	}
	x, ok := ids[0].(*age.X25519Identity)
	if len(ids) != 1 || !ok {
		return "", damaged(PasswordFile, ReasonInvalid, errors.New("want exactly one X25519 identity"))
	}
	return x.String(), nil
}

// ChangePassword re-wraps the vault identity with a new password. The old
// password stops working at once; vault.age is not touched.
func (v *Vault) ChangePassword(newPassword string) error {
	if newPassword == "" {
		return ErrEmptyPassword
	}
	if v.identity == "" {
		return v.noIdentity()
	}
	// scrypt takes a second: do it before taking the lock.
	pw, err := wrapIdentity(v.identity, newPassword)
	if err != nil {
		return err
	}
	return whileLocked(v.Dir, func() error { return writeFileAtomic(v.Dir, PasswordFile, pw) })
}

func (v *Vault) noIdentity() error {
	if v.Doc == nil {
		return ErrDropped
	}
	return fmt.Errorf("the vault key is unknown: %w", errors.New("the vault document holds no keys"))
}

// RecoveryKey returns the vault's current recovery key, kept inside the
// encrypted document, so it can be shown again after a password unlock.
func (v *Vault) RecoveryKey() (RecoveryKey, error) {
	if v.Doc == nil {
		return RecoveryKey{}, ErrDropped
	}
	if v.Doc.Keys == nil || strings.TrimSpace(v.Doc.Keys.RecoveryKey) == "" {
		return RecoveryKey{}, ErrNoRecoveryKey
	}
	k, err := ParseRecoveryKey(v.Doc.Keys.RecoveryKey)
	if err != nil {
		return RecoveryKey{}, fmt.Errorf("recovery key stored in the vault: %w", err)
	}
	return k, nil
}

// RotateRecoveryKey replaces the recovery key: vault.age is re-encrypted to
// the vault identity and the new key, and lifeline.json names the new one.
// The old key stops opening the vault, but backups made before the rotation
// are still encrypted to it: keep the old key as long as those backups.
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
	k, err := NewRecoveryKey()
	if err != nil {
		return RecoveryKey{}, err
	}
	unlock, err := lock(v.Dir)
	if err != nil {
		return RecoveryKey{}, err
	}
	defer unlock()
	old := v.Doc.Keys
	v.Doc.Keys = &Keys{VaultIdentity: v.identity, RecoveryKey: k.Reveal(), RecoveryKeyCreated: now}
	// saveLocked writes vault.age, then brings lifeline.json in line with
	// the document's recovery key.
	err = v.saveLocked(now)
	var lag *metaLagError
	if errors.As(err, &lag) {
		return k, err
	}
	if err != nil {
		v.Doc.Keys = old
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
	v.identity = ""
	v.diskHash = [len(v.diskHash)]byte{}
}
