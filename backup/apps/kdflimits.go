package apps

import (
	"errors"
	"fmt"
)

// Caps on the key-derivation work a file may ask for. Aegis, andOTP,
// FreeOTP and Authy write their KDF parameters into the file, and the
// importer runs whatever the file says before it can tell a wrong
// password from a crafted file: 549 bytes of Aegis JSON asking for scrypt
// N=2^20 cost 8 s and 1.1 GB. Each cap is what the app writes, from its
// source, with a little headroom; a file over it is refused before any
// derivation with a *KDFLimitError. The other importers derive with fixed
// parameters (2FAS: PBKDF2-SHA256 10000; Stratum: Argon2id 3×64 MiB or
// PBKDF2-SHA1 64000; TOTP Authenticator: SHA-256) once a file, or do not
// decrypt at all (Ente's and Bitwarden's encrypted exports are refused;
// Proton's export is plain), so the file cannot choose their work.
const (
	// MaxAegisScryptN caps an Aegis password slot's scrypt N: Aegis writes
	// CryptoUtils.CRYPTO_SCRYPT_N = 1<<15 (beemdevelopment/Aegis,
	// crypto/CryptoUtils.java); twice that is 64 MiB and about 0.2 s.
	MaxAegisScryptN = 1 << 16
	// MaxAegisScryptR caps r: Aegis writes CRYPTO_SCRYPT_r = 8.
	MaxAegisScryptR = 8
	// MaxAegisScryptP caps p: Aegis writes CRYPTO_SCRYPT_p = 1.
	MaxAegisScryptP = 1
	// MaxAegisPasswordSlots is the most password slots an Aegis file may
	// have: Aegis writes one for the vault password and may add one for a
	// separate backup password (is_backup). Each slot tried is one scrypt
	// run (two for a password over 64 bytes in a slot from before Aegis
	// 0.4), so four slots at the cap are at most about 1.5 s.
	MaxAegisPasswordSlots = 4

	// MaxAndOTPRounds caps andOTP's PBKDF2-HMAC-SHA1 rounds: andOTP picks
	// between Constants.PBKDF2_MIN_BACKUP_ITERATIONS = 140000 and
	// PBKDF2_MAX_BACKUP_ITERATIONS = 160000 (andOTP/andOTP,
	// Utilities/Constants.java); twice the most is about 0.12 s.
	MaxAndOTPRounds = 320_000

	// MaxFreeOTPRounds caps FreeOTP's master-key PBKDF2 rounds: FreeOTP
	// writes MasterKey.ITERATIONS = 100000 (freeotp/freeotp-android,
	// encryptor/MasterKey.java) with HMAC-SHA512 or SHA1; four times that
	// is about 0.2 s.
	MaxFreeOTPRounds = 400_000

	// MaxAuthyRounds caps one Authy token's PBKDF2-HMAC-SHA1 rounds:
	// Authy derived with 1000 rounds and said nothing in the file; since
	// 2024 its tokens name key_derivation_iterations, 100000 (reported in
	// alexzorin/authy issue 30 and token2/authy-migration issue 13).
	// Twice that.
	MaxAuthyRounds = 200_000
	// MaxAuthyTotalRounds caps the rounds of all of a file's encrypted
	// tokens together, each of which Authy derives on its own with its own
	// salt: 300 tokens at 100000 rounds (about 12 s here). A real export of
	// that size takes that long whatever we do, and refusing it would lock
	// its owner out of their own file; past it, no Authy account has been
	// reported, so a file asking more is refused before any derivation.
	MaxAuthyTotalRounds = 30_000_000
)

// ErrKDFLimit is the Kind of an import refused because the file asks for
// more key-derivation work than its app writes; the *KDFLimitError inside
// says what it asked for and what the limit is.
var ErrKDFLimit = errors.New("refused: the file asks for more key-derivation work than the app writes")

// KDFLimitError says what a file asked for, what its app writes and what
// Lifeline accepts.
type KDFLimitError struct {
	App    string // "Aegis"
	Asks   string // "scrypt N=1048576 r=8 p=1"
	Writes string // "scrypt N=32768 r=8 p=1"
	Limit  string // "scrypt N up to 65536, r up to 8, p up to 1"
}

func (e *KDFLimitError) Error() string {
	return fmt.Sprintf("it asks for %s, but %s writes %s and Lifeline accepts %s; this is not a file %s wrote (it is damaged or was made to stall the import): export it again from %s",
		e.Asks, e.App, e.Writes, e.Limit, e.App, e.App)
}

// kdfLimit wraps a KDFLimitError as an import error.
func kdfLimit(app, asks, writes, limit string) error {
	return &Error{Kind: ErrKDFLimit, Err: &KDFLimitError{App: app, Asks: asks, Writes: writes, Limit: limit}}
}

// checkAegisSlots refuses an Aegis file with too many password slots or a
// slot that asks for more scrypt work than Aegis writes.
func checkAegisSlots(slots []aegisSlot) error {
	const writes = "scrypt N=32768 r=8 p=1"
	if len(slots) > MaxAegisPasswordSlots {
		return kdfLimit("Aegis", fmt.Sprintf("%d password slots", len(slots)), "one or two",
			fmt.Sprintf("up to %d", MaxAegisPasswordSlots))
	}
	for _, s := range slots {
		if s.N > MaxAegisScryptN || s.R > MaxAegisScryptR || s.P > MaxAegisScryptP {
			return kdfLimit("Aegis", fmt.Sprintf("scrypt N=%d r=%d p=%d (slot %s)", s.N, s.R, s.P, s.UUID), writes,
				fmt.Sprintf("N up to %d, r up to %d, p up to %d", MaxAegisScryptN, MaxAegisScryptR, MaxAegisScryptP))
		}
	}
	return nil
}

// checkRounds refuses PBKDF2 rounds over an app's cap.
func checkRounds(app string, rounds, limit int, writes string) error {
	if rounds > limit {
		return kdfLimit(app, fmt.Sprintf("%d PBKDF2 rounds", rounds), writes, fmt.Sprintf("up to %d", limit))
	}
	return nil
}

// checkAuthyTokens refuses an Authy file whose encrypted tokens ask for
// more rounds, each or together, than Authy writes.
func checkAuthyTokens(tokens []authyToken) error {
	const writes = "1000 or 100000 PBKDF2 rounds a token"
	total := 0
	for _, t := range tokens {
		if t.DecryptedSecret != nil || t.EncryptedSecret == nil {
			continue
		}
		rounds := t.rounds()
		if err := checkRounds("Authy", rounds, MaxAuthyRounds, writes); err != nil {
			return err
		}
		if total += rounds; total > MaxAuthyTotalRounds {
			return kdfLimit("Authy", fmt.Sprintf("more than %d PBKDF2 rounds over its %d tokens", MaxAuthyTotalRounds, len(tokens)),
				writes, fmt.Sprintf("up to %d for the whole file", MaxAuthyTotalRounds))
		}
	}
	return nil
}
