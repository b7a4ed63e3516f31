package vault

import (
	"fmt"
	"io"
	"os"

	"github.com/lifelineauth/lifeline/core"
)

// The largest of the vault's own files that Lifeline reads. Each is far
// above what Lifeline writes (vault.age of 10,000 accounts is a few MB;
// password.age is under 1 KiB), so only a file that is not Lifeline's —
// a disk image copied over it, a planted file — reaches one. Such a file
// is refused as damaged (ReasonTooLarge) before it is read whole.
// vault.age's bound is generous on purpose: a vault that grew large before
// core's limits existed must still open.
const (
	MaxVaultFile    = 256 << 20 // vault.age
	MaxPasswordFile = 64 << 10  // password.age
	MaxMetaFile     = 1 << 20   // lifeline.json
)

// MaxDocument bounds the vault's document (its JSON, before encryption)
// that Lifeline saves. The account limits of core allow far more in all
// (100,000 accounts with full notes and codes), but a vault must never
// outgrow what its backups can be read back at (backup.MaxBackupFile, 64
// MiB): 40 MiB armored by age is 54 MiB. A save past it is refused before
// anything is written; a vault that is larger already still opens.
const MaxDocument = 40 << 20

// ReasonTooLarge is the DamagedError reason of a vault file over its limit.
const ReasonTooLarge = "too large to be a Lifeline file"

// maxFor is the limit of the vault file name.
func maxFor(name string) int64 {
	switch name {
	case PasswordFile:
		return MaxPasswordFile
	case MetaFile:
		return MaxMetaFile
	}
	return MaxVaultFile
}

// tooLargeError is the error a DamagedError of ReasonTooLarge carries.
type tooLargeError struct{ max int64 }

func (e *tooLargeError) Error() string { return "over " + core.SizeWords(e.max) }

// readBounded reads the vault file name in dir whole, or fails with a
// *tooLargeError once it holds more than its limit (maxFor): it never reads
// more than the limit and one byte. Errors from the file system are
// returned as they are (fs.ErrNotExist for a missing file).
func readBounded(dir, name string) ([]byte, error) {
	max := maxFor(name)
	f, err := os.Open(dir + string(os.PathSeparator) + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > max {
		return nil, &tooLargeError{max}
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(b)) > max {
		return nil, &tooLargeError{max}
	}
	return b, nil
}
