package vault

import (
	"errors"
	"fmt"
)

// Sentinel errors that callers branch on. Each message is distinct, so a
// person reading only the message knows which case it was. Hints about what
// to run next belong to the CLI and the GUI, not here.
var (
	ErrNoVault            = errors.New("no vault")
	ErrExists             = errors.New("a vault already exists")
	ErrEmptyPassword      = errors.New("the password is empty")
	ErrWrongPassword      = errors.New("wrong password")
	ErrWrongRecoveryKey   = errors.New("this recovery key does not belong to this vault")
	ErrRecoveryKeyTypo    = errors.New("recovery key has a typo: checksum does not match; check each group")
	ErrKeyringUnavailable = errors.New("the system keyring is not available")
	ErrNotInKeyring       = errors.New("the vault key is not stored in the system keyring")
	ErrKeyringMismatch    = errors.New("the keyring entry for this vault holds a different key")
	ErrLocked             = errors.New("the vault is in use by another Lifeline process")
	ErrChangedOnDisk      = errors.New("the vault was changed by another Lifeline process since it was opened; run the command again")
	ErrNewerFormat        = errors.New("the vault was written by a newer version of Lifeline; upgrade Lifeline to open it")
	ErrDuplicate          = errors.New("the account is already in the vault")
	ErrNotFound           = errors.New("no such account")
	ErrNoRecoveryKey      = errors.New("the vault does not hold its recovery key")
	ErrNeedsPassword      = errors.New("this needs the password or the recovery key; the keyring alone does not give the recovery key")
	ErrDropped            = errors.New("the vault was locked and its keys forgotten")
	ErrVaultTooLarge      = errors.New("the vault would grow too large for its backups to be read back")
)

// Reasons a DamagedError gives. They are exported so a caller can say more
// (for example, suggest restoring a backup only when a file is truncated).
const (
	ReasonMissing      = "missing"
	ReasonTruncated    = "truncated"
	ReasonCorrupted    = "corrupted or tampered with"
	ReasonInvalid      = "not a valid Lifeline file"
	ReasonForeign      = "belongs to a different vault"
	ReasonNotReadable  = "cannot be read"
	ReasonNotEncrypted = "not encrypted as Lifeline writes it"
)

// DamagedError says that a vault file is missing or cannot be decrypted even
// though the key matched: the key is right, the file is wrong. It is never
// returned for a wrong password or key.
type DamagedError struct {
	File   string // base name: vault.age, password.age or lifeline.json
	Reason string // one of the Reason constants
	Err    error  // the underlying error, if any
}

func (e *DamagedError) Error() string {
	msg := fmt.Sprintf("vault file %s is damaged: %s", e.File, e.Reason)
	if e.Reason == ReasonMissing {
		msg = fmt.Sprintf("vault file %s is missing", e.File)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *DamagedError) Unwrap() error { return e.Err }

func damaged(file, reason string, err error) error {
	return &DamagedError{File: file, Reason: reason, Err: err}
}
