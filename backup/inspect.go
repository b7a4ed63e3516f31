package backup

import (
	"bytes"
	"errors"
	"io"
	"slices"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Info is what a file says about itself before any key is tried: whether it
// is armored, and which kinds of key its header was written for.
type Info struct {
	Armored bool
	// Stanzas are the header's recipient stanza types, in order: "X25519",
	// "scrypt", "ssh-ed25519", "ssh-rsa", "mlkem768x25519", or a plugin's.
	Stanzas []string
	// Needs are the kinds of key that open it, without repeats, in header
	// order; a window asks for one of these.
	Needs []Need
	// Unsupported are the stanza types no key Lifeline takes can open.
	Unsupported []string
}

const ageIntro = "age-encryption.org/v1\n"

var stanzaNeeds = map[string]Need{
	"X25519":         NeedRecoveryKey,
	"scrypt":         NeedPassphrase,
	"ssh-ed25519":    NeedSSHKey,
	"ssh-rsa":        NeedSSHKey,
	"mlkem768x25519": NeedAgeIdentity,
}

// Inspect tells from a file's content whether it is an age file and what
// opens it, without decrypting anything. A file that is not age at all is
// ErrNotBackup; an age file whose header is cut or broken is ErrTruncated
// or ErrCorrupted.
func Inspect(data []byte) (Info, error) {
	_, info, err := inspect(data)
	return info, err
}

// inspect also returns the binary age file (de-armored).
func inspect(data []byte) ([]byte, Info, error) {
	bin, armored, err := dearmor(data)
	info := Info{Armored: armored}
	if err != nil {
		return nil, info, err
	}
	if len(bin) < len(ageIntro) && bytes.HasPrefix([]byte(ageIntro), bin) {
		return nil, info, fail(ErrTruncated, errors.New("the file ends inside the age header"))
	}
	if !bytes.HasPrefix(bin, []byte(ageIntro)) {
		return nil, info, ErrNotBackup
	}
	// A probe identity sees every stanza and declines, so age parses the
	// header for us and reports the stanza types without decrypting.
	_, err = age.Decrypt(bytes.NewReader(bin), probe{})
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) {
		return nil, info, damage(bin, err)
	}
	info.Stanzas = nm.StanzaTypes
	for _, t := range nm.StanzaTypes {
		n, ok := stanzaNeeds[t]
		switch {
		case !ok:
			if !slices.Contains(info.Unsupported, t) {
				info.Unsupported = append(info.Unsupported, t)
			}
		case !slices.Contains(info.Needs, n):
			info.Needs = append(info.Needs, n)
		}
	}
	if len(info.Needs) == 0 {
		return nil, info, &UnsupportedError{Types: info.Unsupported}
	}
	return bin, info, nil
}

type probe struct{}

func (probe) Unwrap([]*age.Stanza) ([]byte, error) { return nil, age.ErrIncorrectIdentity }

// dearmor returns the binary form of an armored file (or data as is). age
// detects armor the same way: the header line after optional whitespace.
func dearmor(data []byte) (bin []byte, armored bool, err error) {
	start := bytes.TrimLeft(data[:min(len(data), 1024+len(armor.Header))], " \t\r\n")
	if !bytes.HasPrefix(start, []byte(armor.Header)) {
		return data, false, nil
	}
	bin, err = io.ReadAll(armor.NewReader(bytes.NewReader(data)))
	if err != nil {
		// A copy cut short loses the closing line; anything else is damage.
		if !bytes.Contains(data, []byte(armor.Footer)) {
			return nil, true, fail(ErrTruncated, err)
		}
		return nil, true, fail(ErrCorrupted, err)
	}
	return bin, true, nil
}

// damage classifies an age failure on a file whose key matched (or whose
// header could not even be parsed), using the padding vault.age and our
// backups share (docs/FORMAT.md).
func damage(bin []byte, err error) error {
	if vault.DamageReason(bin, err) == vault.ReasonTruncated {
		return fail(ErrTruncated, err)
	}
	return fail(ErrCorrupted, err)
}
