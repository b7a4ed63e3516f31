package vault

import (
	"errors"
	"fmt"
	"time"

	"filippo.io/age"
	"github.com/zalando/go-keyring"
)

// The keyring entry: service "Lifeline", user "vault <vault id>", secret the
// vault identity. The vault id comes from lifeline.json, so the entry is
// found before anything is decrypted.
const keyringService = "Lifeline"

func keyringUser(vaultID string) string { return "vault " + vaultID }

// keyringTimeout bounds every keyring call: on Linux, a D-Bus session
// without a Secret Service (or with a locked one waiting for a prompt nobody
// sees) can hang instead of failing.
var keyringTimeout = 3 * time.Second

// KeyringError is a keyring call that failed: what Lifeline was doing, and
// what it does instead, in words for people. The keyring's own error (a
// D-Bus path such as "failed to unlock correct collection
// '/org/freedesktop/secrets/aliases/default'") is kept for the logs
// (Detail, Unwrap) but is not in the message. It is ErrKeyringUnavailable.
type KeyringError struct {
	Op      string // "storing the vault key", "reading the vault key", "removing the vault key"
	Timeout bool   // the keyring did not answer at all
	Err     error  // the keyring's own error; nil after a timeout
}

// keyringInstead is what happens instead when the keyring fails during op.
var keyringInstead = map[string]string{
	KeyringOpStore:  "this device does not remember the vault: it unlocks with the password",
	KeyringOpRead:   "the vault unlocks with the password instead",
	KeyringOpDelete: "the vault key could not be removed from it, and nothing changed",
}

// The Ops of a KeyringError.
const (
	KeyringOpStore  = "storing the vault key"
	KeyringOpRead   = "reading the vault key"
	KeyringOpDelete = "removing the vault key"
)

func (e *KeyringError) Error() string {
	what := "the system keyring is locked or missing"
	if e.Timeout {
		what = fmt.Sprintf("the system keyring did not answer within %v", keyringTimeout)
	}
	if instead := keyringInstead[e.Op]; instead != "" {
		return what + ", so " + instead
	}
	return what
}

// Detail is the keyring's own error, for logs.
func (e *KeyringError) Detail() string {
	if e.Err == nil {
		return e.Op + ": no answer"
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *KeyringError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrKeyringUnavailable}
	}
	return []error{ErrKeyringUnavailable, e.Err}
}

// errNoSessionBus is a Linux desktop without a D-Bus session bus, where the
// Secret Service (the system keyring) lives (sessionBus).
var errNoSessionBus = errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set, and there is none at /run/user/UID/bus)")

// keyringCall runs f with the timeout. A call that times out keeps running
// in its goroutine; its result is dropped.
func keyringCall[T any](op string, f func() (T, error)) (T, error) {
	if err := sessionBus(); err != nil {
		var zero T
		return zero, &KeyringError{Op: op, Err: err} // and autolaunch nothing
	}
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(keyringTimeout)
	defer t.Stop()
	select {
	case r := <-ch:
		if r.err != nil && !errors.Is(r.err, keyring.ErrNotFound) {
			return r.v, &KeyringError{Op: op, Err: r.err}
		}
		return r.v, r.err
	case <-t.C:
		var zero T
		return zero, &KeyringError{Op: op, Timeout: true}
	}
}

func keyringSet(user, secret string) error {
	_, err := keyringCall(KeyringOpStore, func() (struct{}, error) {
		return struct{}{}, keyring.Set(keyringService, user, secret)
	})
	return err
}

func keyringGet(user string) (string, error) {
	return keyringCall(KeyringOpRead, func() (string, error) {
		return keyring.Get(keyringService, user)
	})
}

func keyringDelete(user string) error {
	_, err := keyringCall(KeyringOpDelete, func() (struct{}, error) {
		return struct{}{}, keyring.Delete(keyringService, user)
	})
	return err
}

// KeyringStatus returns nil if a system keyring answers (it stores, reads
// back and deletes a probe entry), else ErrKeyringUnavailable wrapping why.
func KeyringStatus() error {
	const user, probe = "probe", "lifeline keyring probe"
	if err := keyringSet(user, probe); err != nil {
		return err
	}
	got, err := keyringGet(user)
	if err == nil && got != probe {
		err = fmt.Errorf("%w: probe entry read back wrong", ErrKeyringUnavailable)
	}
	if derr := keyringDelete(user); err == nil && derr != nil {
		err = derr
	}
	if errors.Is(err, keyring.ErrNotFound) {
		err = fmt.Errorf("%w: probe entry vanished: %w", ErrKeyringUnavailable, err)
	}
	return err
}

// OpenKeyring opens the vault with the key stored in the system keyring, if
// EnableKeyring put it there. ErrNotInKeyring when it did not (or the entry
// is gone), ErrKeyringUnavailable when no keyring answers: in both cases the
// caller falls back to asking for the password.
func OpenKeyring(dir string) (*Vault, error) {
	meta, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	if !meta.Keyring {
		return nil, ErrNotInKeyring
	}
	idStr, err := keyringGet(keyringUser(meta.VaultID))
	if errors.Is(err, keyring.ErrNotFound) {
		return nil, ErrNotInKeyring
	}
	if err != nil {
		return nil, err
	}
	return openVaultIdentity(dir, meta, idStr)
}

// openVaultIdentity opens the vault with the vault identity alone, as the
// keyring gives it.
func openVaultIdentity(dir string, meta Meta, idStr string) (*Vault, error) {
	id, err := age.ParseX25519Identity(idStr)
	if err != nil {
		return nil, ErrKeyringMismatch
	}
	v, err := openAs(dir, meta, id, meta.VaultRecipient, ErrKeyringMismatch)
	if err != nil {
		return nil, err
	}
	v.identity = idStr
	// The keyring takes the new identity only after password.age did: a
	// password change stopped after that is finished here. The recovery
	// key stays unknown: the keyring never gives it.
	// With two changes pending, password.age may hold either: wait for the
	// password.
	if k := v.Doc.Keys; k != nil && len(k.Next) == 1 && k.Next[0].VaultIdentity == idStr && k.VaultIdentity != idStr {
		whileLocked(dir, v.checkedThen(func() error { return v.commit(k.Next[0]) }))
	}
	return v, nil
}

// EnableKeyring stores the vault identity in the system keyring, so the vault
// opens without a password for this user on this machine, and records that
// in lifeline.json.
func (v *Vault) EnableKeyring() error { return v.changeKeyring(true) }

// DisableKeyring removes the vault identity from the keyring (an entry that
// is already gone is fine) and records that in lifeline.json. If the keyring
// does not answer, nothing changes and the error says so.
func (v *Vault) DisableKeyring() error { return v.changeKeyring(false) }

func (v *Vault) changeKeyring(on bool) error {
	c, err := v.PrepareKeyring(on)
	if err == nil {
		err = c.Store()
	}
	if err == nil {
		err = c.Record()
	}
	return err
}

// KeyringChange is EnableKeyring or DisableKeyring in two steps, for an
// owner that must not wait for the keyring (a window): PrepareKeyring and
// Record run on the goroutine that owns the Vault, Store (the slow keyring
// call, seconds when the Secret Service hangs) on any goroutine, since it
// reads only what PrepareKeyring copied.
type KeyringChange struct {
	v              *Vault
	on             bool
	user, identity string
}

// PrepareKeyring copies what the keyring change needs.
func (v *Vault) PrepareKeyring(on bool) (*KeyringChange, error) {
	if on && v.identity == "" {
		return nil, v.noIdentity()
	}
	c := &KeyringChange{v: v, on: on, user: keyringUser(v.Meta.VaultID)}
	if on {
		c.identity = v.identity
	}
	return c, nil
}

// Store stores the vault identity in the keyring, or removes it (an entry
// already gone is fine). It touches no field of the Vault.
func (c *KeyringChange) Store() error {
	if c.on {
		return keyringSet(c.user, c.identity)
	}
	if err := keyringDelete(c.user); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}

// Record writes the change to lifeline.json and Meta, after Store, on the
// goroutine that owns the Vault.
func (c *KeyringChange) Record() error { return c.v.setKeyringFlag(c.on) }

func (v *Vault) setKeyringFlag(on bool) error {
	return whileLocked(v.Dir, func() error {
		return v.updateMeta(func(m *Meta) { m.Keyring = on })
	})
}
