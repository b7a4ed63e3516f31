package backup

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"filippo.io/age/armor"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Options say how a backup is protected. The zero value is the default:
// the recovery key alone, binary.
type Options struct {
	// Passphrase, when set, is the only way in (age's scrypt recipient, which
	// age allows only alone): the recovery key does not open the file.
	Passphrase string
	// Recipients open the backup besides the recovery key: age1… keys or
	// SSH public keys (ParseRecipient).
	Recipients []age.Recipient
	// Armor writes ASCII ("-----BEGIN AGE ENCRYPTED FILE-----"), for mail
	// or paper; age detects it when decrypting.
	Armor bool
	// Progress, when set, is called as the plaintext is encrypted, with the
	// bytes done and the total. It runs on the exporting goroutine.
	Progress func(done, total int64)

	// own is the vault's own recipient (fromVault), set for the backups
	// the vault writes of itself: automatic backups and restore snapshots.
	// It lets this device open them after a keyring unlock, which never
	// yields the recovery key; it is no second recovery key, since whoever
	// holds the vault identity opens vault.age itself.
	own age.Recipient
}

// fromVault is o for a backup v writes of itself: also encrypted to v's
// own identity, unless a passphrase (which age allows only alone) protects
// it. A vault without its identity in hand backs up to the recovery key
// alone.
func (o Options) fromVault(v *vault.Vault) Options {
	if o.Passphrase != "" {
		return o
	}
	if id, err := v.OwnIdentity(); err == nil {
		o.own = id.Recipient()
	}
	return o
}

// KeepsKeys reports whether a backup with these options carries the vault's
// own keys (vault identity and recovery key). Only the default does: whoever
// opens it already holds the recovery key, so the keys reveal nothing new,
// and a fresh device keeps the printed key. A passphrase or an extra
// recipient would otherwise become a second recovery key — one that opens
// the live vault and every other backup, and that a rotation of the
// recovery key does not revoke — so such backups leave the keys out; a
// fresh-device restore from one makes new keys.
func (o Options) KeepsKeys() bool { return o.Passphrase == "" && len(o.Recipients) == 0 }

// ParseRecipient reads one recipient as `age -r` does: an age X25519 key
// (age1…), a post-quantum one (age1pq1…), or an SSH public key
// ("ssh-ed25519 AAAA… [comment]", "ssh-rsa AAAA…", as in a .pub file).
// Its errors never quote s, not even in part (nor the age library's, which
// do): what fails to parse as a public key may be a secret pasted by
// mistake, a recovery key or a private key.
func ParseRecipient(s string) (age.Recipient, error) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "ssh-"):
		if r, err := agessh.ParseRecipient(s); err == nil {
			return r, nil
		}
		return nil, errors.New("that SSH recipient is not a public key Lifeline can use: copy the whole line of the .pub file (ssh-ed25519 or ssh-rsa)")
	case strings.HasPrefix(s, "age1"):
		if rs, err := age.ParseRecipients(strings.NewReader(s)); err == nil {
			return rs[0], nil
		}
		return nil, errors.New("that age recipient (age1…) is not valid: it may be cut short or mistyped; copy it again")
	case strings.HasPrefix(strings.ToUpper(s), "AGE-SECRET-KEY-"):
		return nil, errors.New("that is an age secret key, not a recipient; give its public key (age-keygen -y prints it)")
	case looksLikeRecoveryKey(s):
		return nil, errors.New("that looks like a recovery key, which is secret, not a recipient; give a public key (age1… or ssh-…) instead")
	}
	return nil, errors.New("that is neither an age key (age1…) nor an SSH public key (ssh-ed25519, ssh-rsa)")
}

// ParseRecipients reads several recipients (flags, lines of a form); an
// error says which one by its place, since it never quotes it.
func ParseRecipients(list []string) ([]age.Recipient, error) {
	var rs []age.Recipient
	for i, s := range list {
		r, err := ParseRecipient(s)
		if err != nil && len(list) > 1 {
			return nil, fmt.Errorf("recipient %d of %d: %w", i+1, len(list), err)
		}
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// looksLikeRecoveryKey is true for a recovery key even with a typo in it:
// its prefix, or 32 letters and digits in groups.
func looksLikeRecoveryKey(s string) bool {
	if vault.LooksLikeRecoveryKey(s) || strings.HasPrefix(strings.ToLower(s), vault.RecoveryKeyPrefix) {
		return true
	}
	n := 0
	for _, r := range s {
		switch {
		case r == '-' || r == ' ':
		case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			n++
		default:
			return false
		}
	}
	return n == 32
}

// recipients turns the options into age recipients.
func (o Options) recipients(recoveryRecipient string) ([]age.Recipient, error) {
	if o.Passphrase != "" {
		if len(o.Recipients) > 0 {
			return nil, fmt.Errorf("a passphrase backup cannot have other recipients (age allows a passphrase only alone)")
		}
		r, err := age.NewScryptRecipient(o.Passphrase)
		if err != nil {
			return nil, fmt.Errorf("backup passphrase: %w", err)
		}
		r.SetWorkFactor(vault.WorkFactor())
		return []age.Recipient{r}, nil
	}
	rr, err := age.ParseX25519Recipient(recoveryRecipient)
	if err != nil {
		return nil, fmt.Errorf("the vault's recovery recipient %q: %w", recoveryRecipient, err)
	}
	rs := append([]age.Recipient{rr}, o.Recipients...)
	if o.own != nil {
		rs = append(rs, o.own)
	}
	return rs, nil
}

// Export writes doc to w as an age-encrypted backup, protected as o says.
// recoveryRecipient is the vault's (Vault.RecoveryRecipient). doc is only
// read. The plaintext is padded like vault.age, so a damaged copy is later
// reported as truncated or as corrupted.
func Export(w io.Writer, doc *vault.Document, recoveryRecipient string, o Options) error {
	pt, err := plaintext(doc, o.KeepsKeys())
	if err != nil {
		return err
	}
	defer clear(pt)
	return encrypt(w, pt, recoveryRecipient, o)
}

// progressChunk is how much is encrypted between two Progress calls: small
// enough for a smooth bar, large enough not to cost anything.
const progressChunk = 256 << 10

func encrypt(w io.Writer, pt []byte, recoveryRecipient string, o Options) error {
	rs, err := o.recipients(recoveryRecipient)
	if err != nil {
		return err
	}
	out := w
	var aw io.WriteCloser
	if o.Armor {
		aw = armor.NewWriter(w)
		out = aw
	}
	ew, err := age.Encrypt(out, rs...)
	if err != nil {
		return fmt.Errorf("encrypting backup: %w", err)
	}
	total := int64(len(pt))
	for done := int64(0); done < total; {
		n := min(total-done, progressChunk)
		if _, err := ew.Write(pt[done : done+n]); err != nil {
			return fmt.Errorf("writing backup: %w", err)
		}
		done += n
		if o.Progress != nil {
			o.Progress(done, total)
		}
	}
	// Close writes the last chunk: unchecked, it is a silent truncation.
	if err := ew.Close(); err != nil {
		return fmt.Errorf("writing backup: %w", err)
	}
	if aw != nil {
		if err := aw.Close(); err != nil {
			return fmt.Errorf("writing backup: %w", err)
		}
	}
	return nil
}

// ExportFile writes a backup to path, which must not exist (ErrExists): the
// file appears complete or not at all (temporary file, fsync, no-replace
// link or rename), mode 0600.
func ExportFile(path string, doc *vault.Document, recoveryRecipient string, o Options) error {
	pt, err := plaintext(doc, o.KeepsKeys())
	if err != nil {
		return err
	}
	defer clear(pt)
	return createExclusive(path, func(w io.Writer) error { return encrypt(w, pt, recoveryRecipient, o) })
}
