package vault

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/internal/owneronly"
)

// The files in a vault directory.
const (
	VaultFile    = "vault.age"
	PasswordFile = "password.age"
	MetaFile     = "lifeline.json"
)

// Vault is an open vault: its decrypted Document and its public Meta. It is
// not safe for concurrent use; the lock guards against other processes.
type Vault struct {
	Dir  string
	Doc  *Document
	Meta Meta

	// identity is the vault identity ("AGE-SECRET-KEY-1…"), needed to re-wrap
	// the password or store the key in the keyring; "" after Drop or when a
	// recovery-key unlock found no Keys in the document.
	identity string
	// pwIdentity is the password identity, known after a password unlock.
	pwIdentity string
	// rk is the recovery key, known after an unlock with the password or
	// the recovery key, never after a keyring unlock.
	rk RecoveryKey
	// diskHash is the SHA-256 of this device's replica (own) as this Vault
	// last read or wrote it, zero while it has none; Save refuses to
	// overwrite a file that no longer matches.
	diskHash [sha256.Size]byte

	// dev is this computer; own its replica's name in Dir (vault.age, or
	// replicas/ID.age: replicas.go); base the fingerprints revisions are
	// given against (stamp.go); others what the other replicas held when
	// last read.
	dev    Device
	own    string
	base   base
	others map[string]*replica
	// ownStale: this device's replica is encrypted to keys older than the
	// ones in hand (a password change on another device); it is merged
	// once the recovery key is known, and never written over before.
	ownStale bool
}

// DefaultDir is $LIFELINE_VAULT if set, else where this computer was told
// its vault is (MoveVault, SetDefaultDir), else the "lifeline" folder in
// the user's configuration directory.
func DefaultDir() (string, error) {
	if d := os.Getenv("LIFELINE_VAULT"); d != "" {
		return d, nil
	}
	if d := movedLocation(); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the vault directory: %w", err)
	}
	return filepath.Join(cfg, "lifeline"), nil
}

// Exists reports whether dir holds a vault, even a damaged one: either
// vault.age or lifeline.json is enough, so Create never overwrites a vault
// that lost one of its files.
func Exists(dir string) bool {
	return fileExists(filepath.Join(dir, VaultFile)) || fileExists(filepath.Join(dir, MetaFile))
}

// claimNew makes dir (0700; on Windows, where modes mean nothing, a
// folder it creates gets an owner-only ACL) and takes its lock for a new
// vault: ErrExists if a vault is there. The caller releases the lock when
// the vault is written.
func claimNew(dir string) (unlock func(), err error) {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating vault directory: %w", err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		if err := owneronly.Dir(dir); err != nil {
			return nil, err
		}
	}
	if unlock, err = lock(dir); err != nil {
		return nil, err
	}
	if Exists(dir) {
		unlock()
		return nil, fmt.Errorf("%w in %s", ErrExists, dir)
	}
	if err := removeStaleTemps(dir); err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// Create makes a new, empty vault in dir, protected by password, and returns
// it open with its recovery key, which the caller must show to the person
// now: it is the way in when the password is forgotten.
func Create(dir, password string, now time.Time) (*Vault, RecoveryKey, error) {
	if password == "" {
		return nil, RecoveryKey{}, ErrEmptyPassword
	}
	unlock, err := claimNew(dir)
	if err != nil {
		return nil, RecoveryKey{}, err
	}
	defer unlock()

	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, RecoveryKey{}, fmt.Errorf("generating vault key: %w", err)
	}
	rk, err := NewRecoveryKey()
	if err != nil {
		return nil, RecoveryKey{}, err
	}
	doc := &Document{
		Format: FormatVersion, VaultID: core.NewID(), Created: now, Updated: now,
		Accounts: []core.Account{},
	}
	v, err := writeNewVault(dir, doc, id, rk, now, password)
	if err != nil {
		return nil, RecoveryKey{}, fmt.Errorf("creating vault: %w", err)
	}
	return v, rk, nil
}

// writeNewVault is the Vault of a new document (doc.Created set) with its
// identity and recovery key (made at keyCreated), once writeNew has put its
// files in dir. It sets doc.Keys, with a new password identity.
func writeNewVault(dir string, doc *Document, id *age.X25519Identity, rk RecoveryKey, keyCreated time.Time, password string) (*Vault, error) {
	pw, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("generating password key: %w", err)
	}
	if doc.Keys, err = newKeys(id.String(), pw, rk, keyCreated); err != nil {
		return nil, err
	}
	dev, err := ThisDevice()
	if err != nil {
		return nil, err
	}
	v := &Vault{
		dev: dev, own: VaultFile, base: baseOf(doc),
		Dir: dir,
		Doc: doc,
		Meta: Meta{
			Format: FormatVersion, VaultID: doc.VaultID,
			VaultRecipient: id.Recipient().String(), RecoveryRecipient: rk.Recipient(),
			Created: doc.Created,
		},
		identity: id.String(), pwIdentity: pw.String(), rk: rk,
	}
	if err := v.writeNew(password); err != nil {
		return nil, err
	}
	return v, nil
}

// writeNew writes a new vault's three files for Create and
// CreateFromDocument. lifeline.json goes last: until it exists the vault is
// not complete, and a failure removes what was written so the command can
// simply run again.
func (v *Vault) writeNew(password string) error {
	var written []string
	fail := func(err error) error {
		for _, f := range written {
			os.Remove(filepath.Join(v.Dir, f))
		}
		return err
	}
	pw, err := wrapIdentities(v.identity, v.pwIdentity, password)
	if err != nil {
		return fail(err)
	}
	written = append(written, PasswordFile)
	if err := writeFileAtomic(v.Dir, PasswordFile, pw); err != nil {
		return fail(err)
	}
	v.stampAndSign()
	ct, err := v.encrypt()
	if err != nil {
		return fail(err)
	}
	written = append(written, VaultFile)
	if err := writeFileAtomic(v.Dir, VaultFile, ct); err != nil {
		return fail(err)
	}
	v.diskHash = sha256.Sum256(ct)
	written = append(written, MetaFile)
	if err := writeMeta(v.Dir, v.Meta); err != nil {
		return fail(err)
	}
	return nil
}

// recoveryRecipient is the recovery key vault.age is encrypted to: the key
// in hand, else the one the authenticated document names. Never
// lifeline.json's, which anyone who can write the directory can change.
func (v *Vault) recoveryRecipient() (string, error) {
	if !v.rk.IsZero() {
		return v.rk.Recipient(), nil
	}
	k := v.Doc.Keys
	switch {
	case k != nil && k.RecoveryKey != "":
		rk, err := ParseRecoveryKey(k.RecoveryKey)
		if err != nil {
			return "", fmt.Errorf("recovery key stored in the vault: %w", err)
		}
		return rk.Recipient(), nil
	case k != nil && k.RecoveryRecipient != "":
		return k.RecoveryRecipient, nil
	}
	return "", ErrNoRecoveryKey
}

// vaultIdentities are the vault identities vault.age opens with: the
// document's, plus those of password changes in progress.
func (v *Vault) vaultIdentities() []string {
	k := v.Doc.Keys
	if k == nil || k.VaultIdentity == "" {
		return []string{v.identity}
	}
	ids := []string{k.VaultIdentity}
	for _, n := range k.Next {
		if !slices.Contains(ids, n.VaultIdentity) {
			ids = append(ids, n.VaultIdentity)
		}
	}
	return ids
}

// recipients are the keys vault.age is encrypted to, derived from the
// identities in the document and the recovery key (docs/FORMAT.md).
func (v *Vault) recipients() ([]age.Recipient, error) {
	var rs []age.Recipient
	for _, s := range v.vaultIdentities() {
		id, err := age.ParseX25519Identity(s)
		if err != nil {
			return nil, fmt.Errorf("vault identity: %w", err)
		}
		rs = append(rs, id.Recipient())
	}
	rr, err := v.recoveryRecipient()
	if err != nil {
		return nil, err
	}
	r, err := age.ParseX25519Recipient(rr)
	if err != nil {
		return nil, damaged(VaultFile, ReasonInvalid, err)
	}
	return append(rs, r), nil
}

// encrypt returns vault.age's new content. The plaintext buffer is zeroed
// once encrypted; only the ciphertext leaves this function.
func (v *Vault) encrypt() ([]byte, error) {
	rs, err := v.recipients()
	if err != nil {
		return nil, err
	}
	pt, err := v.replicaPlaintext()
	if err != nil {
		return nil, err
	}
	defer clear(pt)
	if len(pt) > MaxDocument {
		return nil, fmt.Errorf("%w: it would hold %s, at most %s is saved; remove notes or recovery codes you no longer need (nothing was saved)",
			ErrVaultTooLarge, core.SizeWords(int64(len(pt))), core.SizeWords(MaxDocument))
	}
	out, err := seal(pt, len(pt)+len(pt)/ageChunkSize*ageTagSize+512, rs...)
	if err != nil {
		return nil, fmt.Errorf("encrypting vault: %w", err)
	}
	return out, nil
}

// replicaPlaintext is the document as this device's replica holds it:
// authenticated (authenticator.go) when the keys hold the authenticator
// key, so the other devices know it is this vault's.
func (v *Vault) replicaPlaintext() ([]byte, error) {
	key := v.Doc.Keys.AuthKey()
	if key == nil {
		return encodeDocument(v.Doc)
	}
	c := *v.Doc
	c.Authenticator = AuthPlaceholder
	pt, err := encodeDocument(&c)
	if err != nil {
		return nil, err
	}
	if err := Authenticate(pt, key); err != nil {
		clear(pt)
		return nil, err
	}
	return pt, nil
}

// seal encrypts pt to the recipients into a buffer of capacity size.
func seal(pt []byte, size int, rs ...age.Recipient) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(size)
	w, err := age.Encrypt(&out, rs...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(pt); err != nil {
		return nil, err
	}
	// Close writes the last chunk: unchecked, it is a silent truncation.
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
