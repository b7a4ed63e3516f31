package core

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// The limits of what one account and one vault hold. No real site comes
// near them (GitHub hands out 16 recovery codes, Google 10; the longest
// issuer in 2FA directories is under 60 characters); an input over one is
// a wrong file or a hostile one, and is refused before it reaches the vault:
// 2,000,000 recovery codes once made vault.age and every backup 129 MB and
// every `list` take seconds. docs/LIMITS.md lists them, and a test keeps
// that table equal to these constants.
//
// A vault already over a limit (written before the limits) still opens,
// lists, makes codes, saves and is backed up: no one is locked out of
// their accounts. Only a change to an account over a limit is refused until
// it is brought under it (`codes rm`, `codes import --replace`, a shorter
// note), and deleting it always works.
const (
	// MaxRecoveryCodes bounds the recovery codes of one account.
	MaxRecoveryCodes = 100
	// MaxRecoveryCodeLen bounds one code (in characters): the longest real
	// ones (Bitwarden's 32, Apple's 28 plus dashes) fit with room to spare,
	// and anything longer is a pasted paragraph, not a code. The paste
	// parser (ParseRecoveryCodes) uses it too, to tell codes from prose.
	MaxRecoveryCodeLen = 64
	// MaxLabelLen bounds an issuer, an account name and a group name (in
	// characters).
	MaxLabelLen = 256
	// MaxGroups bounds the groups of one account.
	MaxGroups = 100
	// MaxNoteBytes bounds an account's note (10 KiB, in bytes of UTF-8).
	MaxNoteBytes = 10 << 10
	// MaxSecretBytes bounds a secret key (sites use 10 to 64 bytes; RFC
	// 4226 asks for at least 16).
	MaxSecretBytes = 1 << 10
	// MaxPINLen bounds a Yandex or mOTP PIN (in characters).
	MaxPINLen = 256
	// MaxIDLen bounds an account id: Lifeline makes 32 hex digits.
	MaxIDLen = 64
	// MaxAccounts bounds the accounts of one vault.
	MaxAccounts = 100_000
)

// ErrOverLimit is what every *LimitError is (errors.Is), for callers that
// only need to know that an input was over a limit.
var ErrOverLimit = errors.New("over a limit of Lifeline")

// LimitError refuses a field over its limit: it says which field, how
// much was given, the limit and what to do. It never holds the value.
type LimitError struct {
	Field  string // "issuer", "recovery codes", "recovery code 3"
	Got    int
	Max    int
	Unit   string // "characters", "bytes", "" for a count
	Per    string // "per account", "per vault", "" for a single value
	Advice string // what to do
}

func (e *LimitError) Error() string {
	unit := ""
	if e.Unit != "" {
		unit = " " + e.Unit
	}
	per := ""
	if e.Per != "" {
		per = " " + e.Per
	}
	return fmt.Sprintf("%s: %d%s given, at most %d%s%s are kept; %s", e.Field, e.Got, unit, e.Max, unit, per, e.Advice)
}

func (e *LimitError) Is(target error) bool { return target == ErrOverLimit }

// CheckLimits says which limit the account is over, or nil. Validate calls
// it first, so every path that takes an account (add, edit, scan, import,
// restore, merge) obeys the same limits; it looks at lengths only, so it
// is fast on any input. The codes themselves are checked by checkCode.
func (a *Account) CheckLimits() error {
	text := func(field, s string, limit int) error {
		if len(s) <= limit { // a quick yes: never more runes than bytes
			return nil
		}
		if n := utf8.RuneCountInString(s); n > limit {
			return &LimitError{Field: field, Got: n, Max: limit, Unit: "characters", Advice: "shorten it; no site needs one this long"}
		}
		return nil
	}
	for _, c := range []struct {
		field, s string
		limit    int
	}{{"issuer", a.Issuer, MaxLabelLen}, {"name", a.Name, MaxLabelLen}, {"PIN", string(a.PIN), MaxPINLen}, {"id", a.ID, MaxIDLen}} {
		if err := text(c.field, c.s, c.limit); err != nil {
			return err
		}
	}
	if len(a.Note) > MaxNoteBytes {
		return &LimitError{Field: "note", Got: len(a.Note), Max: MaxNoteBytes, Unit: "bytes", Advice: "shorten the note; keep long documents elsewhere"}
	}
	if len(a.Secret) > MaxSecretBytes {
		return &LimitError{Field: "secret", Got: len(a.Secret), Max: MaxSecretBytes, Unit: "bytes", Advice: "this is not a site's 2FA secret; check what was pasted or imported"}
	}
	if len(a.Groups) > MaxGroups {
		return &LimitError{Field: "groups", Got: len(a.Groups), Max: MaxGroups, Per: "per account", Advice: "put the account in fewer groups"}
	}
	for i, g := range a.Groups {
		if err := text(fmt.Sprintf("group %d", i+1), g, MaxLabelLen); err != nil {
			return err
		}
	}
	if err := CheckRecoveryCodeCount(len(a.RecoveryCodes)); err != nil {
		return err
	}
	for i, c := range a.RecoveryCodes {
		if err := checkCodeLen(string(c.Code), i+1); err != nil {
			return err
		}
	}
	return nil
}

// CheckRecoveryCodeCount refuses n recovery codes for one account when n is
// over MaxRecoveryCodes.
func CheckRecoveryCodeCount(n int) error {
	if n > MaxRecoveryCodes {
		return &LimitError{Field: "recovery codes", Got: n, Max: MaxRecoveryCodes, Per: "per account",
			Advice: "no site hands out that many: this is not a list of recovery codes"}
	}
	return nil
}

// checkCodeLen refuses a code over MaxRecoveryCodeLen, by its position.
func checkCodeLen(code string, pos int) error {
	if len(code) <= MaxRecoveryCodeLen {
		return nil
	}
	if n := utf8.RuneCountInString(code); n > MaxRecoveryCodeLen {
		return &LimitError{Field: fmt.Sprintf("recovery code %d", pos), Got: n, Max: MaxRecoveryCodeLen, Unit: "characters",
			Advice: "this is not a recovery code; give the codes as the site shows them"}
	}
	return nil
}

// CheckAccountCount refuses a vault of n accounts when n is over
// MaxAccounts.
func CheckAccountCount(n int) error {
	if n > MaxAccounts {
		return &LimitError{Field: "accounts", Got: n, Max: MaxAccounts, Per: "per vault",
			Advice: "no one has that many 2FA accounts: check that this is the right file, or remove accounts you no longer use"}
	}
	return nil
}

// SizeWords writes a size limit for people: "64 MiB", "10 KiB".
func SizeWords(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}

// ShortLabel is Label cut to 80 characters (with "…"), for messages about
// an account that may be over the limits: an error never repeats a
// 64 MiB issuer.
func (a *Account) ShortLabel() string {
	const n = 80
	l := a.Label()
	if len(l) <= n {
		return l
	}
	r := []rune(l[:min(len(l), 4*n)])
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
