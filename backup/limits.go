package backup

import (
	"fmt"
	"io"
	"os"

	"github.com/lifelineauth/lifeline/core"
)

// The largest input of each kind that Lifeline reads, the same in the
// window and on the command line. Each is far above anything real and
// small enough to hold in memory; a file over it is a mistake (a disk
// image, a video) and is refused before it is read whole.
const (
	// MaxBackupFile bounds a Lifeline backup: one of 10,000 accounts is a
	// few MB.
	MaxBackupFile = 64 << 20
	// MaxImportFile bounds another app's export, which is smaller still
	// than a backup of the same accounts.
	MaxImportFile = 64 << 20
	// MaxDroppedFile bounds a file dropped on the window, read before its
	// content says which of the kinds above (or an image) it is.
	MaxDroppedFile = max(MaxBackupFile, MaxImportFile, MaxImageFile)
	// MaxImageFile bounds a picture scanned for QR codes (a phone photo
	// is a few MB); backup/qr refuses larger ones before decoding.
	MaxImageFile = 50 << 20
	// MaxCodesFile bounds a site's file of recovery codes (a few hundred
	// bytes).
	MaxCodesFile = 1 << 20
	// MaxLinksText bounds setup links given as text: a pasted block,
	// a dropped text file, standard input. 1 MiB holds thousands.
	MaxLinksText = 1 << 20
	// MaxKeyFile bounds an age identity file or SSH private key.
	MaxKeyFile = 1 << 20
	// MaxSecretFile bounds a password, passphrase, recovery key or secret
	// given in a file or on standard input (--password-file,
	// --recovery-key-file, --passphrase-file, `add --secret -`, a
	// recovery code given as "-"): the longest password manager entry is
	// a few hundred bytes.
	MaxSecretFile = 64 << 10
	// MaxStatusFile bounds backup-status.json, Lifeline's own record of the
	// automatic backups (a few KiB).
	MaxStatusFile = 1 << 20
)

// Input is one kind of input: its limit, and what it is called when it is
// refused.
type Input struct {
	Max  int64
	What string // "a Lifeline backup"
}

// The kinds of input, for Read and ReadFile.
var (
	BackupInput  = Input{MaxBackupFile, "a Lifeline backup"}
	ImportInput  = Input{MaxImportFile, "another app's export"}
	DroppedInput = Input{MaxDroppedFile, "a backup, an export or a picture"}
	ImageInput   = Input{MaxImageFile, "a picture"}
	CodesInput   = Input{MaxCodesFile, "a list of recovery codes"}
	LinksInput   = Input{MaxLinksText, "a list of setup links"}
	KeyInput     = Input{MaxKeyFile, "a key file"}
	SecretInput  = Input{MaxSecretFile, "a password or a key"}
	StatusInput  = Input{MaxStatusFile, "Lifeline's record of its backups"}
)

// TooLargeError refuses an input over the limit of its kind.
type TooLargeError struct {
	Name  string // the file as the person knows it; "-" is standard input, "" pasted text
	Input Input
}

func (e *TooLargeError) Error() string {
	what, advice := "the file "+e.Name, "; check that it is the right file"
	switch e.Name {
	case "-":
		what = "standard input"
	case "":
		what, advice = "the pasted text", ""
	}
	return fmt.Sprintf("%s is over %s: too large to be %s%s", what, core.SizeWords(e.Input.Max), e.Input.What, advice)
}

// Read reads r (named name, for the message; "-" for standard input) whole, or refuses it with a
// *TooLargeError once it holds more than in.Max bytes: it never reads more
// than in.Max+1.
func (in Input) Read(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, in.Max+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(b)) > in.Max {
		return nil, &TooLargeError{Name: name, Input: in}
	}
	return b, nil
}

// ReadFile is Read for the file at path. A regular file over the limit is
// refused from its size, before anything is read.
func (in Input) ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > in.Max {
		return nil, &TooLargeError{Name: path, Input: in}
	}
	return in.Read(f, path)
}
