package vault

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"filippo.io/age"
)

// ErrNeedsUnlock is a vault.age the key in hand no longer opens: its
// password was changed elsewhere, which gives the vault a new key.
var ErrNeedsUnlock = errors.New("the vault was changed elsewhere and its key with it (a password change); unlock it again")

// Changed reports whether this device's replica differs from the file this
// Vault last read or wrote, or another replica from what it last merged. It
// reads the files but decrypts nothing.
func (v *Vault) Changed() (bool, error) {
	if v.Doc == nil {
		return false, ErrDropped
	}
	data, err := v.readOwn()
	if err != nil {
		return false, err
	}
	if data != nil && sha256.Sum256(data) != v.diskHash {
		return true, nil
	}
	return v.othersChanged(), nil
}

// readOwn reads this device's replica: nil, without an error, while this
// device has not written one.
func (v *Vault) readOwn() ([]byte, error) {
	data, err := readVaultFile(v.Dir, filepath.FromSlash(v.own))
	var d *DamagedError
	if errors.As(err, &d) && d.Reason == ReasonMissing && v.diskHash == [sha256.Size]byte{} {
		return nil, nil
	}
	return data, err
}

// othersChanged reports whether a replica appeared, or changed, since it
// was last read.
func (v *Vault) othersChanged() bool {
	files, err := replicaFiles(v.Dir)
	if err != nil {
		return false
	}
	for _, f := range files {
		if f == v.own {
			continue
		}
		r := v.others[f]
		sum, err := FileSum(filepath.Join(v.Dir, filepath.FromSlash(f)))
		if err != nil {
			continue // being replaced: the next look sees it
		}
		if r == nil || r.sum != sum {
			return true
		}
	}
	return false
}

// Reload re-reads the replicas when another process or device changed one
// since this Vault read or wrote them, with the keys in hand (no password,
// no KDF). It returns the document they hold merged (Merge), or nil when
// nothing changed; Doc is left as it was. From then on Save compares the
// disk with the files just read and gives revisions against the returned
// document, so the caller must put it into Doc (merged with any change
// not yet saved, which it then saves) before it saves again. A recovery
// key rotated away elsewhere is forgotten (RecoveryKey then needs the
// password).
func (v *Vault) Reload() (*Document, error) {
	if v.Doc == nil {
		return nil, ErrDropped
	}
	data, err := v.readOwn()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	ownChanged := data != nil && sum != v.diskHash
	if !v.refreshOthers() && !ownChanged {
		return nil, nil
	}
	doc, err := v.diskDocument(data)
	if err != nil {
		return nil, err
	}
	if m, err := readMeta(v.Dir); err == nil {
		v.Meta = m
	}
	if data != nil {
		v.diskHash = sum
	}
	if k := doc.Keys; k != nil && k.VaultIdentity != "" {
		v.identity = k.VaultIdentity
	}
	if !v.rk.IsZero() {
		local, old := v.Doc, v.rk
		v.Doc, v.rk = doc, RecoveryKey{}
		if rr, err := v.recoveryRecipient(); err == nil && rr == old.Recipient() {
			v.rk = old
		}
		v.Doc = local
	}
	v.base = baseOf(doc)
	return doc, nil
}

// diskDocument is this device's replica (data, nil when it has none)
// merged with the other replicas as last read.
func (v *Vault) diskDocument(data []byte) (*Document, error) {
	docs := v.otherDocs()
	if data != nil {
		own, err := v.decryptDisk(data)
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return own, nil
		}
		docs = append([]*Document{own}, docs...)
	}
	if len(docs) == 0 {
		return nil, damaged(v.own, ReasonMissing, fs.ErrNotExist)
	}
	m := Merge(docs...)
	signDoc(m, v.dev, false)
	return m, nil
}

// decryptDisk decrypts data, vault.age as read now, with every key this
// Vault holds (its vault identities, pending ones included, and the
// recovery key), and checks that it is still this vault. A file none of
// them opens was re-keyed elsewhere (a password change): ErrNeedsUnlock.
func (v *Vault) decryptDisk(data []byte, extra ...age.Identity) (*Document, error) {
	return v.decryptDiskChecked(data, nil, extra...)
}

// decryptDiskChecked is decryptDisk with check (decryptChecked).
func (v *Vault) decryptDiskChecked(data []byte, check func([]byte, *Document) error, extra ...age.Identity) (*Document, error) {
	ids := extra
	for _, s := range append(v.vaultIdentities(), v.identity) {
		if id, err := age.ParseX25519Identity(s); err == nil {
			ids = append(ids, id)
		}
	}
	if !v.rk.IsZero() {
		ids = append(ids, v.rk.Identity())
	}
	if len(ids) == 0 {
		return nil, v.noIdentity()
	}
	doc, err := decryptChecked(data, check, ids...)
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) {
		return nil, ErrNeedsUnlock
	}
	if err != nil {
		return nil, err
	}
	if doc.VaultID != v.Doc.VaultID {
		return nil, damaged(VaultFile, ReasonForeign, fmt.Errorf("it now holds vault %s, this window opened vault %s", doc.VaultID, v.Doc.VaultID))
	}
	return doc, nil
}
