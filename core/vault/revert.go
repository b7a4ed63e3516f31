package vault

import (
	"crypto/sha256"
	"fmt"

	"filippo.io/age"
)

// Revert drops the document's unsaved changes: Doc becomes what vault.age
// holds now, read with the keys this Vault already has. After a failed Save
// it puts the document back in line with the file, whoever wrote it last
// (this Vault, or another process: then Doc takes its change). Meta is kept.
func (v *Vault) Revert() error {
	if v.Doc == nil {
		return ErrDropped
	}
	var ids []age.Identity
	for _, s := range append(v.vaultIdentities(), v.identity) {
		if id, err := age.ParseX25519Identity(s); err == nil {
			ids = append(ids, id)
		}
	}
	if !v.rk.IsZero() {
		ids = append(ids, v.rk.Identity())
	}
	if len(ids) == 0 {
		return v.noIdentity()
	}
	data, err := readVaultFile(v.Dir, VaultFile)
	if err != nil {
		return err
	}
	doc, err := decryptDocument(data, ids...)
	if err != nil {
		return err
	}
	if doc.VaultID != v.Doc.VaultID {
		return damaged(VaultFile, ReasonForeign, fmt.Errorf("it holds vault %s, want %s", doc.VaultID, v.Doc.VaultID))
	}
	v.Doc, v.diskHash = doc, sha256.Sum256(data)
	v.fillAuthKey()
	return nil
}
