package backup

import (
	"bytes"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Maker is who made a backup, as its authenticator tells (authenticator.go).
type Maker int

const (
	// MadeUnchecked: no recovery key or vault was at hand to check with
	// (a backup opened with a passphrase or an identity file on a device
	// with no vault).
	MadeUnchecked Maker = iota
	// MadeElsewhere: the authenticator is missing or made with another
	// key: another app's export, or a file someone planted.
	MadeElsewhere
	// MadeByKeyGiven: made by the vault of the recovery key given, which
	// is not this vault's.
	MadeByKeyGiven
	// MadeByThisVault: made by this vault (on a fresh device: by the vault
	// of the recovery key given, which the new vault keeps).
	MadeByThisVault
)

// madeBy checks pt, the backup's plaintext, against the keys offered: the
// open vault's authenticator key and the one the given recovery key
// derives.
func (k *Key) madeBy(pt []byte) Maker {
	own := k.AuthKey
	var given []byte
	if !k.RecoveryKey.IsZero() {
		given = k.RecoveryKey.BackupAuthKey()
	}
	switch {
	case own != nil && authenticated(pt, own):
		return MadeByThisVault
	case given != nil && authenticated(pt, given):
		if own == nil || bytes.Equal(own, given) {
			return MadeByThisVault
		}
		return MadeByKeyGiven
	case own == nil && given == nil:
		return MadeUnchecked
	}
	return MadeElsewhere
}

// MadeHere is what Origin says of a backup this vault made.
const MadeHere = "Made by this vault."

// Origin says who made the backup, the same words in the window and on
// the command line.
func (o *Opened) Origin() string {
	switch o.Made {
	case MadeByThisVault:
		return MadeHere
	case MadeByKeyGiven:
		return "Made by the holder of the recovery key given (this vault before its recovery key was replaced, or another vault): review every change."
	case MadeUnchecked:
		return "Who made it cannot be checked without the recovery key: review every change."
	}
	return "Not made by this vault: review every change (anyone who knows the vault's public recovery recipient can make a file that opens with its key)."
}

// Trusted reports whether the backup was made by this vault.
func (o *Opened) Trusted() bool { return o.Made == MadeByThisVault }

// PlanRestore is Plan for an opened backup: a file that names this vault's
// id but was not made by this vault (Trusted) is not called "from this
// vault" — anyone can write any id into a document.
func PlanRestore(current *vault.Document, o *Opened, source string, now time.Time) *Preview {
	p := Plan(current, FromDocument(o.Doc, source), now)
	p.SameVault = p.SameVault && o.Trusted()
	return p
}
