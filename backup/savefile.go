package backup

import (
	"io"
	"os"
	"path/filepath"

	"github.com/lifelineauth/lifeline/core/vault"
)

// SaveFile writes path through write as a 0600 file, atomically, replacing
// what is there: a temporary file in the same folder is written, synced
// and closed, then renamed over path, and the folder is synced (restic's
// local backend). If write or any step fails, path is as it was and the
// temporary file is gone. Every file either face saves where the person
// chose (a Recovery Kit, a QR code, an export) goes through here.
func SaveFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return vault.SyncDir(dir)
}

// WriteFile is SaveFile for data already in memory (the status file, a
// Recovery Kit from the CLI).
func WriteFile(path string, data []byte) error {
	return SaveFile(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
