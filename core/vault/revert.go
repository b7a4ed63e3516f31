package vault

import (
	"crypto/sha256"
)

// Revert drops the document's unsaved changes: Doc becomes what vault.age
// holds now, read with the keys this Vault already has. After a failed Save
// it puts the document back in line with the file, whoever wrote it last
// (this Vault, or another process: then Doc takes its change). Meta is kept.
func (v *Vault) Revert() error {
	if v.Doc == nil {
		return ErrDropped
	}
	data, err := readVaultFile(v.Dir, VaultFile)
	if err != nil {
		return err
	}
	doc, err := v.decryptDisk(data)
	if err != nil {
		return err
	}
	v.Doc, v.diskHash = doc, sha256.Sum256(data)
	v.fillAuthKey()
	return nil
}
