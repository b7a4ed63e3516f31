package backup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"filippo.io/age"
	"filippo.io/age/agessh"
	"golang.org/x/crypto/ssh"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Key is what the person offers to open a backup; any combination of the
// fields may be set, and each is tried.
type Key struct {
	RecoveryKey vault.RecoveryKey // the printed key
	Passphrase  string            // a passphrase backup's own passphrase
	Identities  []age.Identity    // from ParseIdentityFile
	// Own is the open vault's own identity (DefaultToVault): it opens the
	// automatic backups and snapshots this vault wrote of itself.
	Own age.Identity
	// AuthKey is the open vault's backup authenticator key
	// (DefaultToVault): a backup it verifies was made by this vault.
	AuthKey []byte
}

// Opened is a decrypted backup.
type Opened struct {
	Doc  *vault.Document
	Info Info
	// By says which key opened it: "recovery key", "passphrase", "this
	// vault's key" (Key.Own) or "key file" (an age or SSH key).
	By string
	// RecoveryKey is the key that opened it when that was the recovery
	// key, so a fresh-device restore can keep it; zero otherwise.
	RecoveryKey vault.RecoveryKey
	// Made is who made it, by its authenticator (Origin words it).
	Made Maker
}

// ReadFile reads and decrypts the backup at path (see Read); a file over
// MaxBackupFile is refused with a *TooLargeError.
func ReadFile(path string, k Key) (*Opened, error) {
	data, err := BackupInput.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading backup: %w", err)
	}
	return Read(data, k)
}

// Read decrypts a backup with whichever of k's keys opens it. Each failure
// has its own error: ErrNotBackup, ErrNotVault, ErrTruncated, ErrCorrupted,
// ErrWrongKey, ErrWrongPassphrase, *NeedKeyError (no key of a kind the file
// takes was given), *UnsupportedError, vault.ErrNewerFormat.
func Read(data []byte, k Key) (*Opened, error) {
	bin, info, err := inspect(data)
	if err != nil {
		return nil, err
	}
	var ids []age.Identity
	var kinds []string // stanza types the offered keys can open
	byRK, byPass, byFile := new(bool), new(bool), new(bool)
	if !k.RecoveryKey.IsZero() {
		ids = append(ids, &noted{k.RecoveryKey.Identity(), byRK})
		kinds = append(kinds, "X25519")
	}
	if k.Passphrase != "" {
		sid, err := vault.NewScryptIdentity(k.Passphrase)
		if err != nil {
			return nil, fmt.Errorf("backup passphrase: %w", err)
		}
		ids = append(ids, &noted{sid, byPass})
		kinds = append(kinds, "scrypt")
	}
	for _, id := range k.Identities {
		ids = append(ids, &noted{id, byFile})
		kinds = append(kinds, identityKinds(id)...)
	}
	byOwn := new(bool)
	if k.Own != nil {
		ids = append(ids, &noted{k.Own, byOwn})
		kinds = append(kinds, "X25519")
	}
	if !overlaps(kinds, info.Stanzas) {
		return nil, &NeedKeyError{Needs: info.Needs}
	}

	r, err := age.Decrypt(bytes.NewReader(bin), ids...)
	var nm *age.NoIdentityMatchError
	var wf *vault.WorkFactorError
	switch {
	case errors.As(err, &wf):
		return nil, err
	case errors.As(err, &nm):
		if k.Passphrase != "" && slices.Equal(info.Stanzas, []string{"scrypt"}) {
			return nil, ErrWrongPassphrase
		}
		return nil, ErrWrongKey
	case err != nil:
		return nil, damage(bin, err)
	}
	var pt bytes.Buffer
	pt.Grow(len(bin))
	_, err = pt.ReadFrom(r)
	defer clear(pt.Bytes())
	if err != nil {
		return nil, damage(bin, err)
	}
	doc, err := vault.DecodeDocument(pt.Bytes())
	if errors.Is(err, vault.ErrNewerFormat) {
		return nil, err
	}
	if err != nil {
		return nil, fail(ErrNotVault, errors.Unwrap(err))
	}
	o := &Opened{Doc: doc, Info: info, Made: k.madeBy(pt.Bytes())}
	switch {
	case *byRK:
		o.By, o.RecoveryKey = "recovery key", k.RecoveryKey
	case *byPass:
		o.By = "passphrase"
	case *byOwn:
		o.By = "this vault's key"
	default:
		o.By = "key file"
	}
	return o, nil
}

// noted records which offered key unwrapped the file key.
type noted struct {
	age.Identity
	hit *bool
}

func (n *noted) Unwrap(s []*age.Stanza) ([]byte, error) {
	k, err := n.Identity.Unwrap(s)
	if err == nil {
		*n.hit = true
	}
	return k, err
}

// identityKinds are the stanza types an identity can open; unknown kinds
// (a future age type) count as able to open anything.
func identityKinds(id age.Identity) []string {
	switch i := id.(type) {
	case *age.X25519Identity:
		return []string{"X25519"}
	case *age.HybridIdentity:
		return []string{"mlkem768x25519"}
	case *agessh.Ed25519Identity:
		return []string{"ssh-ed25519"}
	case *agessh.RSAIdentity:
		return []string{"ssh-rsa"}
	case *agessh.EncryptedSSHIdentity:
		if _, ok := i.Recipient().(*agessh.RSARecipient); ok {
			return []string{"ssh-rsa"}
		}
		return []string{"ssh-ed25519"}
	}
	return []string{"*"}
}

func overlaps(kinds, stanzas []string) bool {
	for _, k := range kinds {
		for _, s := range stanzas {
			if k == s || k == "*" {
				return true
			}
		}
	}
	return false
}

// ParseIdentityFile reads the keys in an identity file, as `age -i` does:
// age secret keys (AGE-SECRET-KEY-1…, one per line, # comments), an SSH
// private key (OpenSSH or PEM; ssh-ed25519 or ssh-rsa), or a
// passphrase-encrypted age identity file such as a vault's password.age.
// passphrase is called only for an encrypted SSH key or identity file;
// nil refuses them. Errors never quote the file.
func ParseIdentityFile(data []byte, passphrase func() (string, error)) ([]age.Identity, error) {
	text := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(text, []byte("-----BEGIN")) && bytes.Contains(text, []byte("PRIVATE KEY-----")):
		return parseSSHIdentity(data, passphrase)
	case bytes.HasPrefix(data, []byte(ageIntro)) || bytes.HasPrefix(text, []byte("-----BEGIN AGE ENCRYPTED FILE-----")):
		if passphrase == nil {
			return nil, errors.New("the key file is encrypted with a passphrase, and none can be asked for")
		}
		bin, _, err := dearmor(data)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		pass, err := passphrase()
		if err != nil {
			return nil, err
		}
		sid, err := vault.NewScryptIdentity(pass)
		if err != nil {
			return nil, fmt.Errorf("key file passphrase: %w", err)
		}
		r, err := age.Decrypt(bytes.NewReader(bin), sid)
		if err != nil {
			var nm *age.NoIdentityMatchError
			if errors.As(err, &nm) {
				return nil, errors.New("wrong passphrase for the key file")
			}
			return nil, fmt.Errorf("key file: %w", err)
		}
		inner, err := io.ReadAll(r)
		defer clear(inner)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		return ParseIdentityFile(inner, nil)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		if vault.LooksLikeRecoveryKey(strings.TrimSpace(string(data))) {
			return nil, errors.New("the key file holds a recovery key; give it as the recovery key instead")
		}
		return nil, fmt.Errorf("key file: %w", err)
	}
	return ids, nil
}

func parseSSHIdentity(data []byte, passphrase func() (string, error)) ([]age.Identity, error) {
	id, err := agessh.ParseIdentity(data)
	if err == nil {
		return []age.Identity{id}, nil
	}
	var missing *ssh.PassphraseMissingError
	if !errors.As(err, &missing) {
		return nil, fmt.Errorf("SSH key: %w", err)
	}
	if passphrase == nil {
		return nil, errors.New("the SSH key is protected by a passphrase, and none can be asked for")
	}
	if missing.PublicKey == nil {
		return nil, errors.New("the SSH key is passphrase-protected in an old format; convert it with ssh-keygen -p -o")
	}
	enc, err := agessh.NewEncryptedSSHIdentity(missing.PublicKey, data, func() ([]byte, error) {
		p, err := passphrase()
		return []byte(p), err
	})
	if err != nil {
		return nil, fmt.Errorf("SSH key: %w", err)
	}
	return []age.Identity{enc}, nil
}
