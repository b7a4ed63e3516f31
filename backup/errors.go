package backup

import (
	"errors"
	"fmt"
	"strings"
)

// Errors that callers branch on when reading a backup. Each message is
// distinct, so a person reading only the message knows which case it was;
// what to do next is the CLI's and the GUI's to say.
var (
	ErrNotBackup       = errors.New("not a Lifeline backup: the file is not age-encrypted")
	ErrNotVault        = errors.New("the file decrypts, but holds no Lifeline vault (not a Lifeline backup)")
	ErrTruncated       = errors.New("the backup file is truncated (an incomplete copy)")
	ErrCorrupted       = errors.New("the backup file is corrupted or was tampered with")
	ErrWrongKey        = errors.New("this key does not open the backup (it was made for another key, or its header is damaged)")
	ErrWrongPassphrase = errors.New("wrong passphrase for this backup")
	ErrUnsupported     = errors.New("the backup is encrypted to a kind of key Lifeline cannot use")
	ErrStalePreview    = errors.New("the vault changed since the restore preview was made; preview again")
	ErrExists          = errors.New("the file already exists; a backup is never written over another file")
)

// Need is a kind of key that can open a backup, as read from its header.
type Need string

const (
	NeedRecoveryKey Need = "recovery key"    // or an age identity file: X25519
	NeedPassphrase  Need = "passphrase"      // scrypt
	NeedSSHKey      Need = "SSH private key" // ssh-ed25519, ssh-rsa
	NeedAgeIdentity Need = "age identity"    // post-quantum X25519+ML-KEM
)

// NeedKeyError is a backup opened without any key of a kind it accepts.
// Needs lists what would open it, in header order.
type NeedKeyError struct{ Needs []Need }

func (e *NeedKeyError) Error() string {
	s := make([]string, len(e.Needs))
	for i, n := range e.Needs {
		s[i] = string(n)
	}
	return "this backup opens with a " + strings.Join(s, " or a ") + ", and none was given"
}

// UnsupportedError names the stanza types of a backup no key here opens
// (an age plugin's, say). errors.Is(err, ErrUnsupported) holds.
type UnsupportedError struct{ Types []string }

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%v (%s); decrypt it with age and its plugin first", ErrUnsupported, strings.Join(e.Types, ", "))
}

func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// readError keeps a sentinel for errors.Is and the library's detail for
// people who want it.
type readError struct {
	kind   error
	detail error
}

func (e *readError) Error() string {
	if e.detail == nil {
		return e.kind.Error()
	}
	return e.kind.Error() + ": " + e.detail.Error()
}

func (e *readError) Is(target error) bool { return target == e.kind }
func (e *readError) Unwrap() error        { return e.detail }

func fail(kind, detail error) error { return &readError{kind, detail} }
