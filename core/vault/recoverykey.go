package vault

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// A recovery key is 16 random bytes plus a 4-byte checksum, written as 32
// Crockford Base32 characters in 8 groups of 4 (docs/FORMAT.md). It maps
// deterministically to an age X25519 identity, so the vault can be opened
// with the age CLI alone.
const (
	rkEntropySize  = 16
	rkChecksumSize = 4
	rkChars        = 32 // (16+4)*8/5
	rkGroup        = 4
	// RecoveryKeyPrefix may precede a key (the recovery kit prints it so a
	// key found on its own is recognisable); parsing ignores it.
	RecoveryKeyPrefix = "lifeline-recovery-key:"

	rkChecksumDomain = "lifeline-rk-v1"
	rkHKDFSalt       = "lifeline recovery key v1"
	rkHKDFInfo       = "age X25519 identity"
)

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// RecoveryKey is a vault's recovery key. Its String, GoString and Format
// never print the key, so a %v in a log cannot leak it; Reveal does.
type RecoveryKey struct {
	entropy [rkEntropySize]byte
}

// NewRecoveryKey returns a fresh random recovery key.
func NewRecoveryKey() (RecoveryKey, error) {
	var k RecoveryKey
	if _, err := io.ReadFull(rand.Reader, k.entropy[:]); err != nil {
		return RecoveryKey{}, fmt.Errorf("generating recovery key: %w", err)
	}
	return k, nil
}

func rkChecksum(entropy []byte) []byte {
	h := sha256.New()
	h.Write([]byte(rkChecksumDomain))
	h.Write(entropy)
	return h.Sum(nil)[:rkChecksumSize]
}

// ParseRecoveryKey reads a key as people type it: case is ignored, spaces,
// dashes and line breaks are skipped, I and L read as 1 and O as 0, and the
// prefix "lifeline-recovery-key:" is optional. Errors name the group and
// character that is wrong, never the key.
func ParseRecoveryKey(s string) (RecoveryKey, error) {
	s = strings.TrimSpace(s)
	if len(s) >= len(RecoveryKeyPrefix) && strings.EqualFold(s[:len(RecoveryKeyPrefix)], RecoveryKeyPrefix) {
		s = s[len(RecoveryKeyPrefix):]
	}
	norm := make([]byte, 0, rkChars)
	for _, r := range s {
		switch r {
		case ' ', '-', '\t', '\n', '\r':
			continue
		}
		if r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		switch r {
		case 'I', 'L':
			r = '1'
		case 'O':
			r = '0'
		}
		pos := len(norm)
		switch {
		case r == 'U':
			return RecoveryKey{}, fmt.Errorf("recovery key: group %d, character %d is U, which recovery keys never use (check for V)", pos/rkGroup+1, pos%rkGroup+1)
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
		default:
			return RecoveryKey{}, fmt.Errorf("recovery key: group %d, character %d is %q, not a letter or digit", pos/rkGroup+1, pos%rkGroup+1, r)
		}
		norm = append(norm, byte(r))
	}
	if len(norm) != rkChars {
		return RecoveryKey{}, fmt.Errorf("recovery key has %d characters, want %d (8 groups of 4)", len(norm), rkChars)
	}
	raw, err := crockford.DecodeString(string(norm))
	if err != nil || len(raw) != rkEntropySize+rkChecksumSize {
		// Unreachable with 32 alphabet characters; kept so a change of sizes
		// cannot turn into a panic.
		return RecoveryKey{}, fmt.Errorf("recovery key is not Crockford Base32")
	}
	var k RecoveryKey
	copy(k.entropy[:], raw[:rkEntropySize])
	if subtle.ConstantTimeCompare(rkChecksum(k.entropy[:]), raw[rkEntropySize:]) != 1 {
		return RecoveryKey{}, ErrRecoveryKeyTypo
	}
	return k, nil
}

// LooksLikeRecoveryKey reports whether s is a well-formed recovery key with a
// valid checksum (so a CLI can tell a recovery key from a password).
func LooksLikeRecoveryKey(s string) bool {
	_, err := ParseRecoveryKey(s)
	return err == nil
}

// Reveal returns the key in its canonical form: 8 groups of 4 characters
// joined by dashes. Only show it to the person who owns the vault.
func (k RecoveryKey) Reveal() string {
	raw := append(k.entropy[:], rkChecksum(k.entropy[:])...)
	enc := crockford.EncodeToString(raw)
	var b strings.Builder
	for i := 0; i < len(enc); i += rkGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(enc[i : i+rkGroup])
	}
	return b.String()
}

func (RecoveryKey) String() string   { return "(recovery key)" }
func (RecoveryKey) GoString() string { return "(recovery key)" }

// Format makes every fmt verb (%v, %d, %x, %+v…) print the placeholder;
// without it %d or %x would print the struct's bytes.
func (RecoveryKey) Format(f fmt.State, _ rune) { io.WriteString(f, "(recovery key)") }

// IsZero reports whether k is the zero value (not a real key).
func (k RecoveryKey) IsZero() bool { return k.entropy == [rkEntropySize]byte{} }

// scalar derives the X25519 secret scalar: HKDF-SHA256 with the entropy as
// input key material (docs/FORMAT.md).
func (k RecoveryKey) scalar() []byte {
	out, err := hkdf.Key(sha256.New, k.entropy[:], []byte(rkHKDFSalt), rkHKDFInfo, 32)
	if err != nil {
		panic("vault: HKDF failed: " + err.Error())
	}
	return out
}

// AgeIdentity is the age secret key this recovery key stands for, in the
// form age-keygen writes ("AGE-SECRET-KEY-1…"). Save it to a file and
// `age -d -i FILE vault.age` opens the vault without Lifeline.
func (k RecoveryKey) AgeIdentity() string {
	return strings.ToUpper(bech32Encode("age-secret-key-", k.scalar()))
}

// Identity is AgeIdentity parsed by age.
func (k RecoveryKey) Identity() *age.X25519Identity {
	id, err := age.ParseX25519Identity(k.AgeIdentity())
	if err != nil {
		// Any 32 bytes are a valid X25519 scalar and our Bech32 is tested
		// against age's, so this is a programming error.
		panic("vault: derived recovery identity is invalid: " + err.Error())
	}
	return id
}

// Recipient is the age public key ("age1…") vault.age is encrypted to.
func (k RecoveryKey) Recipient() string { return k.Identity().Recipient().String() }
