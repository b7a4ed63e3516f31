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
	data, err := v.readOwn()
	if err != nil {
		return err
	}
	v.refreshOthers()
	doc, err := v.diskDocument(data)
	if err != nil {
		return err
	}
	v.Doc, v.base = doc, baseOf(doc)
	if data != nil {
		v.diskHash = sha256.Sum256(data)
	}
	v.fillAuthKey()
	return nil
}
