package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// ambiguousError is a QUERY that matches several accounts: exit status 2,
// with the candidates so the person can type a longer query.
type ambiguousError struct {
	query  string
	labels []string
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("%q matches %d accounts: %s", e.query, len(e.labels), strings.Join(e.labels, ", "))
}

// pick finds the one account QUERY names (core.Match's rules).
func pick(accounts []core.Account, query string) (int, error) {
	m := core.Match(accounts, query)
	switch len(m) {
	case 0:
		return 0, withHint(fmt.Errorf("no account matches %q", query), "`lifeline list` shows them all")
	case 1:
		return m[0], nil
	}
	labels := make([]string, len(m))
	for i, idx := range m {
		labels[i] = accounts[idx].Label()
	}
	return 0, withHint(&ambiguousError{query, labels}, "use the exact issuer:name")
}

// explain turns an error into the CLI's one line and a hint: the one place
// where the CLI words errors for people.
func explain(err error) (msg, hint string) {
	msg = err.Error()
	var h *hinted
	if errors.As(err, &h) {
		hint = h.hint
	}
	var dmg *vault.DamagedError
	switch {
	case hint != "":
	case errors.Is(err, vault.ErrWrongPassword):
		hint = "forgot it? unlock with --recovery-key-file FILE, then set a new one with `lifeline passwd`"
	case errors.Is(err, vault.ErrWrongRecoveryKey):
		hint = "this key belongs to another vault, or was replaced by `recovery-key --rotate`"
	case errors.Is(err, vault.ErrRecoveryKeyTypo):
		hint = "compare each group of four with your printed key; I/L and O may be typed as 1 and 0"
	case errors.As(err, &dmg):
		hint = "the vault file is left as it is; restore it from a backup (the files in the vault folder are never overwritten by a failed open)"
	case errors.Is(err, vault.ErrLocked), errors.Is(err, vault.ErrChangedOnDisk):
		hint = "another Lifeline (the window or a command) is saving this vault; try again"
	case errors.Is(err, vault.ErrNewerFormat):
		hint = "a newer Lifeline wrote this vault; install that version"
	case errors.Is(err, vault.ErrKeyringUnavailable):
		hint = "use --password-file FILE, or start the OS keyring (GNOME Keyring, KWallet)"
	default:
		hint = backupHint(err)
	}
	return msg, hint
}

// backupHint is the next step after a failed export, backup or restore.
func backupHint(err error) string {
	var need *backup.NeedKeyError
	var fail *backup.Failure
	switch {
	case errors.As(err, &need):
		var flags []string
		for _, n := range need.Needs {
			switch n {
			case backup.NeedRecoveryKey:
				flags = append(flags, "--recovery-key-file FILE (or an age identity with --identity FILE)")
			case backup.NeedPassphrase:
				flags = append(flags, "--passphrase-file FILE")
			case backup.NeedSSHKey:
				flags = append(flags, "--identity ~/.ssh/id_ed25519 (your SSH private key)")
			case backup.NeedAgeIdentity:
				flags = append(flags, "--identity FILE")
			}
		}
		return "give " + strings.Join(flags, " or ")
	case errors.Is(err, backup.ErrWrongKey):
		return "a backup made before `recovery-key --rotate` opens only with the key of its time; an SSH or age backup needs its private key (--identity FILE)"
	case errors.Is(err, backup.ErrWrongPassphrase):
		return "check the passphrase file (one trailing newline is ignored)"
	case errors.Is(err, backup.ErrTruncated):
		return "the copy is incomplete: copy the file again, or restore an older backup (`lifeline backup list`)"
	case errors.Is(err, backup.ErrCorrupted):
		return "this copy cannot be trusted; restore another backup (`lifeline backup list`)"
	case errors.Is(err, backup.ErrNotBackup), errors.Is(err, backup.ErrNotVault):
		return "restore takes files written by `lifeline export` or automatic backups; another app's export is imported instead"
	case errors.Is(err, backup.ErrExists):
		return "choose a new file name"
	case errors.As(err, &fail):
		switch fail.Reason {
		case backup.FolderGone:
			return "reconnect the drive or make the folder again, or pick another with `lifeline backup config --folder DIR`"
		case backup.NotWritable:
			return "let this user write to the folder, or pick another with `lifeline backup config --folder DIR`"
		case backup.DiskFull:
			return "free some space, or keep fewer backups with `lifeline backup config --keep N`"
		}
		return "run `lifeline backup now` to try again"
	}
	return ""
}
