package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
)

// Meta is lifeline.json: public facts about the vault, in plain text, with
// no secret in it. It names the keyring entry before anything is decrypted
// and tells a wrong key (its recipient is not listed here) from a damaged
// file (the recipient matches but vault.age does not decrypt).
type Meta struct {
	Format            int       `json:"format"`
	VaultID           string    `json:"vault_id"`
	VaultRecipient    string    `json:"vault_recipient"`
	RecoveryRecipient string    `json:"recovery_recipient"`
	Keyring           bool      `json:"keyring"`
	Created           time.Time `json:"created"`
}

// readMeta loads lifeline.json, or says why the directory is not a vault.
func readMeta(dir string) (Meta, error) {
	data, err := readBounded(dir, MetaFile)
	var big *tooLargeError
	if errors.As(err, &big) {
		return Meta{}, damaged(MetaFile, ReasonTooLarge, big)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if fileExists(filepath.Join(dir, VaultFile)) {
			return Meta{}, damaged(MetaFile, ReasonMissing, err)
		}
		return Meta{}, fmt.Errorf("%w in %s", ErrNoVault, dir)
	}
	if err != nil {
		return Meta{}, damaged(MetaFile, ReasonNotReadable, err)
	}
	var m Meta
	if err := json.Unmarshal(data, &m); err != nil {
		var probe struct {
			Format int `json:"format"`
		}
		if json.Unmarshal(data, &probe) == nil && probe.Format > FormatVersion {
			return Meta{}, fmt.Errorf("%w (%s format %d)", ErrNewerFormat, MetaFile, probe.Format)
		}
		return Meta{}, damaged(MetaFile, ReasonInvalid, err)
	}
	if m.Format > FormatVersion {
		return Meta{}, fmt.Errorf("%w (%s format %d)", ErrNewerFormat, MetaFile, m.Format)
	}
	if m.Format < 1 || m.VaultID == "" || m.VaultRecipient == "" || m.RecoveryRecipient == "" {
		return Meta{}, damaged(MetaFile, ReasonInvalid, errors.New("a required field is empty"))
	}
	if on, known := localKeyring(keyringRecord(m.VaultID, dir)); known {
		m.Keyring = on // this computer's own choice (device.go)
	}
	return m, nil
}

func writeMeta(dir string, m Meta) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", MetaFile, err)
	}
	return writeFileAtomic(dir, MetaFile, append(data, '\n'))
}

// updateMeta re-reads lifeline.json, applies change and writes it back, so a
// field another process changed meanwhile is kept. The caller holds the lock.
func (v *Vault) updateMeta(change func(*Meta)) error {
	m, err := readMeta(v.Dir)
	if err != nil {
		return err
	}
	if m.VaultID != v.Meta.VaultID {
		return damaged(MetaFile, ReasonForeign, fmt.Errorf("vault id %s, want %s", m.VaultID, v.Meta.VaultID))
	}
	before := m
	change(&m)
	if m.Keyring != before.Keyring {
		if err := setLocalKeyring(keyringRecord(m.VaultID, v.Dir), m.Keyring); err != nil {
			return err
		}
	}
	if m == before {
		v.Meta = m
		return nil
	}
	if err := writeMeta(v.Dir, m); err != nil {
		return err
	}
	v.Meta = m
	return nil
}

func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// recipientOf is the age recipient of an identity string.
func recipientOf(identity string) (string, error) {
	id, err := age.ParseX25519Identity(identity)
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}
