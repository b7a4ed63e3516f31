package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"filippo.io/age"
)

// workFactor is the scrypt cost (2^workFactor) used when the password wraps
// the vault identity. 18 is age's own default, about a second here.
var workFactor = 18

// SetWorkFactor sets the scrypt cost for passwords wrapped from now on. It
// exists for tests, and for nothing else: a low value makes a stolen
// password.age cheap to guess. Existing files keep the cost they were
// written with; opening accepts up to MaxWorkFactor.
func SetWorkFactor(logN int) { workFactor = logN }

const identityComment = "# Lifeline vault identity and password identity (see docs/FORMAT.md)\n"

// wrapIdentities makes password.age: the vault identity, then the password
// identity (which the recovery key is sealed to), as an age identity file,
// so `age -d -i password.age vault.age` asks for the password and opens the
// vault with the age CLI alone. It is padded like vault.age, with a comment
// line, so a truncated file is reported as such.
func wrapIdentities(vaultIdentity, passwordIdentity, password string) ([]byte, error) {
	if password == "" {
		return nil, ErrEmptyPassword
	}
	r, err := age.NewScryptRecipient(password)
	if err != nil {
		return nil, fmt.Errorf("wrapping vault key: %w", err)
	}
	r.SetWorkFactor(workFactor)
	pt := []byte(identityComment + vaultIdentity + "\n" + passwordIdentity + "\n")
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

// unwrapIdentities decrypts password.age and returns the vault identity and
// the password identity ("" in a format 1 file, which holds only the
// first).
func unwrapIdentities(data []byte, password string) (vaultIdentity, passwordIdentity string, err error) {
	sid, err := NewScryptIdentity(password)
	if err != nil {
		return "", "", ErrEmptyPassword
	}
	r, err := age.Decrypt(bytes.NewReader(data), sid)
	if err != nil {
		var nm *age.NoIdentityMatchError
		var wf *WorkFactorError
		if errors.As(err, &wf) {
			return "", "", damaged(PasswordFile, ReasonNotEncrypted, err)
		}
		if errors.As(err, &nm) {
			if len(nm.StanzaTypes) == 1 && nm.StanzaTypes[0] == "scrypt" {
				return "", "", ErrWrongPassword
			}
			return "", "", damaged(PasswordFile, ReasonNotEncrypted, err)
		}
		return "", "", decryptFailure(PasswordFile, data, err)
	}
	pt, err := io.ReadAll(r)
	defer clear(pt)
	if err != nil {
		return "", "", decryptFailure(PasswordFile, data, err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(pt))
	if err != nil {
		return "", "", damaged(PasswordFile, ReasonInvalid, err)
	}
	var out [2]string
	for i, id := range ids {
		x, ok := id.(*age.X25519Identity)
		if !ok || i >= len(out) {
			return "", "", damaged(PasswordFile, ReasonInvalid, errors.New("want one or two X25519 identities"))
		}
		out[i] = x.String()
	}
	return out[0], out[1], nil
}

// ChangePassword sets a new password and, with it, a new vault identity and
// password identity, so a copy of the old password.age stops opening the
// vault (backups made before still open with the recovery key). It needs
// the recovery key in hand: an unlock with the password or the recovery
// key, not the keyring (ErrNeedsPassword).
//
// A crash at any instant leaves a vault that opens with the old password or
// the new one (docs/FORMAT.md, "Changing the password"). If the keyring
// cannot take the new vault identity, it is turned off (Meta.Keyring).
func (v *Vault) ChangePassword(newPassword string) error {
	if newPassword == "" {
		return ErrEmptyPassword
	}
	return v.rekey(newPassword, false)
}

// rekey installs password.age for password with a new password identity,
// and a new vault identity unless keepIdentity (the format 1 migration,
// which keeps the keyring entry valid):
//
//  1. vault.age: keys.next names the new pair; encrypted to both identities,
//     the recovery key sealed to both password identities.
//  2. password.age: the new pair (the commit point).
//  3. commit: keyring, vault.age with the new pair only, lifeline.json.
func (v *Vault) rekey(password string, keepIdentity bool) error {
	if v.Doc == nil {
		return ErrDropped
	}
	if v.identity == "" {
		return v.noIdentity()
	}
	if v.rk.IsZero() {
		return ErrNeedsPassword
	}
	next := v.identity
	if !keepIdentity {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return fmt.Errorf("generating vault key: %w", err)
		}
		next = id.String()
	}
	pwID, err := age.GenerateX25519Identity()
	if err != nil {
		return fmt.Errorf("generating password key: %w", err)
	}
	// scrypt takes a second: do it before taking the lock.
	pw, err := wrapIdentities(next, pwID.String(), password)
	if err != nil {
		return err
	}
	pair := KeyPair{VaultIdentity: next, PasswordRecipient: pwID.Recipient().String()}
	return whileLocked(v.Dir, v.checkedThen(func() error {
		if err := v.announce(pair); err != nil {
			return err
		}
		if err := writeFileAtomic(v.Dir, PasswordFile, pw); err != nil {
			return err // the next password unlock forgets the new pair
		}
		v.pwIdentity = pwID.String()
		err := v.commit(pair)
		var lag *metaLagError
		if err != nil && !errors.As(err, &lag) {
			// password.age is the commit point: the new password is in
			// force whatever fails after it.
			return fmt.Errorf("the new password is set, but finishing the change failed (the next unlock with it finishes it): %w", err)
		}
		return err
	}))
}

// announce writes vault.age so that it also opens with pair, before
// password.age holds it. Pairs left by interrupted changes stay: until
// this change's password.age is written, it may hold one of them. The
// caller holds the lock.
func (v *Vault) announce(pair KeyPair) error {
	return v.writeKeys(func(k *Keys) error {
		k.Next = append(slices.Clone(k.Next), pair)
		return v.sealRecoveryKey(k)
	})
}

// commit finishes a password change whose password.age is written: the
// keyring takes the new vault identity, vault.age drops the old pair (so an
// old password.age no longer opens it) and lifeline.json follows. The
// caller holds the lock.
func (v *Vault) commit(n KeyPair) error {
	keyringOff := false
	if m, err := readMeta(v.Dir); err == nil && m.Keyring && n.VaultIdentity != v.Doc.Keys.VaultIdentity {
		// Before vault.age drops the old identity, so the keyring keeps
		// opening the vault at every instant it can.
		keyringOff = keyringSet(keyringUser(v.Meta.VaultID), n.VaultIdentity) != nil
	}
	if err := v.writeKeys(func(k *Keys) error {
		k.VaultIdentity, k.PasswordRecipient, k.Next = n.VaultIdentity, n.PasswordRecipient, nil
		k.RecoveryKey = "" // sealed since step 1
		v.Doc.Format = FormatVersion
		return v.sealRecoveryKey(k)
	}); err != nil {
		return err
	}
	v.identity = n.VaultIdentity
	if err := v.syncMeta(func(m *Meta) { m.Keyring = m.Keyring && !keyringOff }); err != nil {
		return &metaLagError{err}
	}
	return nil
}

// rollback forgets the password changes whose password.age was not
// written: password.age holds the current pair. The caller holds the lock.
func (v *Vault) rollback() error {
	return v.writeKeys(func(k *Keys) error {
		k.Next = nil
		return v.sealRecoveryKey(k)
	})
}

// settle runs after a password unlock (best effort: the vault is open
// either way, and the next unlock tries again). It finishes a password
// change a crash interrupted, or migrates a format 1 vault, which needs the
// password to write the recovery key where only the password reads it.
func (v *Vault) settle(password string) {
	k := v.Doc.Keys
	if k == nil {
		return
	}
	pwRec := ""
	if id, err := age.ParseX25519Identity(v.pwIdentity); err == nil {
		pwRec = id.Recipient().String()
	}
	i := slices.IndexFunc(k.Next, func(n KeyPair) bool { return pwRec != "" && n.PasswordRecipient == pwRec })
	switch {
	case i >= 0:
		whileLocked(v.Dir, v.checkedThen(func() error { return v.commit(k.Next[i]) }))
	case needsMigration(v.Doc) && !v.rk.IsZero():
		v.rekey(password, true)
	case len(k.Next) > 0 && k.PasswordRecipient == pwRec:
		whileLocked(v.Dir, v.checkedThen(v.rollback))
	}
}

// needsMigration reports a format 1 document, or one that still holds the
// recovery key in plain: it is readable by the keyring's key.
func needsMigration(d *Document) bool {
	return d.Format < 2 || d.Keys.RecoveryKey != "" || d.Keys.PasswordRecipient == ""
}
