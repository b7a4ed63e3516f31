package apps

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/scrypt"
)

// The shapes of work factor the KDFs here take at all: what is outside is
// not a valid parameter (detect.go reads andOTP's header with them). The
// work a file may ask of each app is capped far lower in kdflimits.go.
const (
	maxScryptN       = 1 << 20
	maxScryptRP      = 1 << 6
	maxPBKDF2Rounds  = 10_000_000 // andOTP's own cap, which Aegis also applies
	minPBKDF2Rounds  = 1
	aesKeySize       = 32
	gcmTagSize       = 16
	standardGCMNonce = 12
)

// kdfTestHook, when set by a test, replaces every key derivation; fuzzing
// sets it so that each input does not cost a real scrypt or Argon2 run.
var kdfTestHook func(password, salt []byte, n int) []byte

func scryptKey(password string, salt []byte, n, r, p int) ([]byte, error) {
	if n < 2 || n > maxScryptN || n&(n-1) != 0 || r < 1 || r > maxScryptRP || p < 1 || p > maxScryptRP {
		return nil, unsupported("scrypt parameters N=%d r=%d p=%d are outside what this importer accepts (N a power of 2 up to %d; r, p up to %d)", n, r, p, maxScryptN, maxScryptRP)
	}
	if kdfTestHook != nil {
		return kdfTestHook([]byte(password), salt, aesKeySize), nil
	}
	return scrypt.Key([]byte(password), salt, n, r, p, aesKeySize)
}

// pbkdf2Key derives an AES-256 key; the stdlib's crypto/pbkdf2 does the work.
func pbkdf2Key(h func() hash.Hash, password []byte, salt []byte, rounds, size int) ([]byte, error) {
	if rounds < minPBKDF2Rounds || rounds > maxPBKDF2Rounds {
		return nil, unsupported("%d PBKDF2 rounds is outside what this importer accepts (%d–%d)", rounds, minPBKDF2Rounds, maxPBKDF2Rounds)
	}
	if kdfTestHook != nil {
		return kdfTestHook(password, salt, size), nil
	}
	return pbkdf2.Key(h, string(password), salt, rounds, size)
}

// argon2idKey is Stratum's fixed Argon2id: 3 passes, 64 MiB, 4 lanes.
func argon2idKey(password string, salt []byte) []byte {
	if kdfTestHook != nil {
		return kdfTestHook([]byte(password), salt, aesKeySize)
	}
	return argon2.IDKey([]byte(password), salt, 3, 64*1024, 4, aesKeySize)
}

// hashByName maps the PBKDF2 HMAC names FreeOTP writes.
func hashByName(name string) (func() hash.Hash, bool) {
	switch name {
	case "PBKDF2withHmacSHA1", "PBKDF2WithHmacSHA1":
		return sha1.New, true
	case "PBKDF2withHmacSHA256", "PBKDF2WithHmacSHA256":
		return sha256.New, true
	case "PBKDF2withHmacSHA512", "PBKDF2WithHmacSHA512":
		return sha512.New, true
	}
	return nil, false
}

var errAuth = errors.New("authentication failed")

// openGCM decrypts AES-GCM with the tag appended to the ciphertext (what Go
// and Java write). A failed tag check is errAuth: a wrong key or a change.
func openGCM(key, nonce, sealed, aad []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aes key: %w", err)
	}
	if len(nonce) == 0 || len(nonce) > 64 {
		return nil, fmt.Errorf("gcm nonce of %d bytes", len(nonce))
	}
	var aead cipher.AEAD
	if len(nonce) == standardGCMNonce {
		aead, err = cipher.NewGCM(block)
	} else {
		aead, err = cipher.NewGCMWithNonceSize(block, len(nonce))
	}
	if err != nil {
		return nil, err
	}
	if len(sealed) < gcmTagSize {
		return nil, fmt.Errorf("ciphertext of %d bytes is shorter than the tag", len(sealed))
	}
	out, err := aead.Open(nil, nonce, sealed, aad)
	if err != nil {
		return nil, errAuth
	}
	return out, nil
}

// decryptCBC decrypts AES-CBC with PKCS#7 padding. Bad padding is errAuth:
// with CBC that is how a wrong key shows (and a damaged last block).
func decryptCBC(key, iv, ct []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aes key: %w", err)
	}
	if len(iv) != aes.BlockSize {
		return nil, fmt.Errorf("cbc iv of %d bytes (want %d)", len(iv), aes.BlockSize)
	}
	if len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("ciphertext of %d bytes is not whole AES blocks", len(ct))
	}
	out := make([]byte, len(ct))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, ct)
	n := int(out[len(out)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, errAuth
	}
	for _, b := range out[len(out)-n:] {
		if int(b) != n {
			return nil, errAuth
		}
	}
	return out[:len(out)-n], nil
}
