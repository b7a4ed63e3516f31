package core

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// The limits of what one account and one vault hold. No real site comes
// near them (GitHub hands out 16 recovery codes, Google 10); an input over
// one is a wrong file or a hostile one, and is refused before it reaches
// the vault:
// 2,000,000 recovery codes once made vault.age and every backup 129 MB and
// every `list` take seconds. docs/LIMITS.md lists them, and a test keeps
// that table equal to these constants.
//
// A vault already over a limit (written before the limits) still opens,
// lists, makes codes, saves and is backed up: no one is locked out of
// their accounts. Only an edit that leaves an account over a limit is
// refused; removing or replacing its recovery codes and deleting it always
// work, whatever it holds.
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
// is fast on any input.
func (a *Account) CheckLimits() error {
	const shorten = "shorten it; no site needs one this long"
	checks := []error{
		overText("issuer", a.Issuer, MaxLabelLen, shorten),
		overText("name", a.Name, MaxLabelLen, shorten),
		overText("PIN", string(a.PIN), MaxPINLen, shorten),
		overText("id", a.ID, MaxIDLen, "this is not an id Lifeline made"),
		over("note", len(a.Note), MaxNoteBytes, "bytes", "", "shorten the note; keep long documents elsewhere"),
		over("secret", len(a.Secret), MaxSecretBytes, "bytes", "", "this is not a site's 2FA secret; check what was pasted or imported"),
		over("groups", len(a.Groups), MaxGroups, "", "per account", "put the account in fewer groups"),
		CheckRecoveryCodeCount(len(a.RecoveryCodes)),
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	for i, g := range a.Groups {
		if err := overText(fmt.Sprintf("group %d", i+1), g, MaxLabelLen, shorten); err != nil {
			return err
		}
	}
	for i, c := range a.RecoveryCodes {
		if err := checkCodeLen(string(c.Code), i+1); err != nil {
			return err
		}
	}
	return nil
}

// over is a *LimitError when got is over limit, else nil.
func over(field string, got, limit int, unit, per, advice string) error {
	if got <= limit {
		return nil
	}
	return &LimitError{Field: field, Got: got, Max: limit, Unit: unit, Per: per, Advice: advice}
}

// overText is over for a text's length in characters. A text no longer in
// bytes than the limit is let through without counting (never more
// characters than bytes).
func overText(field, s string, limit int, advice string) error {
	if len(s) <= limit {
		return nil
	}
	return over(field, utf8.RuneCountInString(s), limit, "characters", "", advice)
}

// CheckRecoveryCodeCount refuses n recovery codes for one account when n is
// over MaxRecoveryCodes.
func CheckRecoveryCodeCount(n int) error {
	return over("recovery codes", n, MaxRecoveryCodes, "", "per account", "no site hands out that many: this is not a list of recovery codes")
}

// checkCodeLen refuses a code over MaxRecoveryCodeLen, by its position.
func checkCodeLen(code string, pos int) error {
	return overText(fmt.Sprintf("recovery code %d", pos), code, MaxRecoveryCodeLen, "this is not a recovery code; give the codes as the site shows them")
}

// CheckAccountCount refuses a vault of n accounts when n is over
// MaxAccounts.
func CheckAccountCount(n int) error {
	return over("accounts", n, MaxAccounts, "", "per vault",
		"no one has that many 2FA accounts: check that this is the right file, or remove accounts you no longer use")
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
