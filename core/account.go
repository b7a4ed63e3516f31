package core

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core/otp"
)

// Type is the kind of one-time password an account produces.
type Type string

const (
	TOTP   Type = "totp"
	HOTP   Type = "hotp"
	Steam  Type = "steam"
	Yandex Type = "yandex"
	MOTP   Type = "motp"
)

// Types lists every supported type, in the order menus show them.
var Types = []Type{TOTP, HOTP, Steam, Yandex, MOTP}

// ParseType accepts a type name in any case ("TOTP", "hotp", "Steam").
func ParseType(s string) (Type, error) {
	t := Type(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range Types {
		if t == k {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown type %q (want one of totp, hotp, steam, yandex, motp)", s)
}

// Name is how people write the type: TOTP, HOTP, Steam, Yandex, mOTP.
func (t Type) Name() string {
	switch t {
	case HOTP:
		return "HOTP"
	case Steam:
		return "Steam"
	case Yandex:
		return "Yandex"
	case MOTP:
		return "mOTP"
	}
	return "TOTP"
}

// Limits that Validate enforces; formats report the same ranges.
const (
	MinDigits = 6
	MaxDigits = 10
	MinPeriod = 1
	MaxPeriod = 86400
)

// IconLetter is the Account.Icon of an account that shows its letter
// avatar even where its site has an icon.
const IconLetter = "letter"

// validIcon: an icon choice is empty or a slug-like name (simple-icons
// slugs are lower-case letters, digits and _).
func validIcon(s string) bool {
	if len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Account is one 2FA account as the vault stores it (docs/FORMAT.md).
type Account struct {
	ID        string        `json:"id"`
	Type      Type          `json:"type"`
	Issuer    string        `json:"issuer,omitempty"`
	Name      string        `json:"name"`
	Secret    Secret        `json:"secret"`
	Algorithm otp.Algorithm `json:"algorithm"`
	Digits    int           `json:"digits"`
	Period    int           `json:"period,omitempty"`  // TOTP, Steam, Yandex, mOTP
	Counter   uint64        `json:"counter,omitempty"` // HOTP: the counter of the next code
	PIN       Sensitive     `json:"pin,omitempty"`     // Yandex and mOTP
	Groups    []string      `json:"groups,omitempty"`
	Note      string        `json:"note,omitempty"`
	Favorite  bool          `json:"favorite,omitempty"`
	// Icon is the person's choice of picture: "" is automatic (the
	// site's icon where there is one), IconLetter the letter avatar,
	// anything else an icon's slug ("github").
	Icon    string    `json:"icon,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Uses counts copies and HOTP advances, for "sort by most used".
	Uses          int            `json:"uses,omitempty"`
	RecoveryCodes []RecoveryCode `json:"recovery_codes,omitempty"`
	// Rev is the revision of the account's last edit (revision.go); the
	// vault sets it when it saves.
	Rev Revision `json:"rev,omitzero"`
}

// RecoveryCode is one of the one-time recovery codes a site hands out.
type RecoveryCode struct {
	Code   Sensitive  `json:"code"`
	Added  time.Time  `json:"added"`
	UsedAt *time.Time `json:"used_at,omitempty"`
}

// Tombstone records a deleted account so that a merge does not bring it back.
type Tombstone struct {
	ID      string    `json:"id"`
	Deleted time.Time `json:"deleted"`
	// Rev is the revision of the deletion; the vault sets it when it saves.
	Rev Revision `json:"rev,omitzero"`
	// Counter and RecoveryCodes are the deleted account's, until every
	// device has heard of the deletion: if an edit on another device
	// brings the account back, no HOTP code is given out twice and no
	// recovery code, or its use, is lost.
	Counter       uint64         `json:"counter,omitempty"`
	RecoveryCodes []RecoveryCode `json:"recovery_codes,omitempty"`
}

// NewID returns a random account or vault id (128 bits, hex).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("lifeline: crypto/rand failed: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// Defaults fills the parameters a URI or a form may leave out, by type.
func (a *Account) Defaults() {
	if a.Type == "" {
		a.Type = TOTP
	}
	switch a.Type {
	case Steam:
		a.Algorithm, a.Digits, a.Period = otp.SHA1, 5, 30
		return
	case Yandex:
		a.Algorithm, a.Digits = otp.SHA256, 8
	case MOTP:
		a.Algorithm, a.Digits = otp.MD5, 6
		if a.Period == 0 {
			a.Period = 10
		}
		return
	}
	if a.Digits == 0 {
		a.Digits = 6
	}
	if a.Period == 0 && a.Type != HOTP {
		a.Period = 30
	}
	if a.Type == HOTP {
		a.Period = 0
	}
}

// Validate says what is wrong with an account, naming the field and value.
// An account over a limit (CheckLimits) is refused with a *LimitError.
func (a *Account) Validate() error {
	if err := a.CheckLimits(); err != nil {
		return err
	}
	if _, err := ParseType(string(a.Type)); err != nil {
		return err
	}
	if len(a.Secret) == 0 && len(a.RecoveryCodes) == 0 {
		return fmt.Errorf("secret is empty")
	}
	if strings.TrimSpace(a.Name) == "" && strings.TrimSpace(a.Issuer) == "" {
		return fmt.Errorf("account needs an issuer or a name")
	}
	if !validIcon(a.Icon) {
		return fmt.Errorf("icon %q is not an icon's name (lower-case letters, digits and _, at most 64)", a.Icon)
	}
	switch a.Type {
	case Steam:
		return nil
	case Yandex, MOTP:
		if a.PIN == "" {
			return fmt.Errorf("%s account needs a PIN", a.Type)
		}
	}
	if a.Digits < MinDigits || a.Digits > MaxDigits {
		return fmt.Errorf("digits %d out of range (%d–%d)", a.Digits, MinDigits, MaxDigits)
	}
	if a.Type != HOTP && (a.Period < MinPeriod || a.Period > MaxPeriod) {
		return fmt.Errorf("period %d s out of range (%d–%d s)", a.Period, MinPeriod, MaxPeriod)
	}
	if !a.Algorithm.Valid() {
		return fmt.Errorf("unknown algorithm %q", a.Algorithm.String())
	}
	return nil
}

// Code returns the account's code at time t (for HOTP: for the stored
// counter; the caller advances it). It is a pure function of (a, t). An
// entry that keeps only recovery codes (no secret) has no code: "".
func (a *Account) Code(t time.Time) string {
	if !a.HasSecret() {
		return ""
	}
	switch a.Type {
	case HOTP:
		return otp.HOTP(a.Secret, a.Counter, a.Algorithm, a.Digits)
	case Steam:
		return otp.Steam(a.Secret, t)
	case Yandex:
		return otp.Yandex(a.Secret, string(a.PIN), t)
	case MOTP:
		return otp.MOTP(a.Secret, string(a.PIN), t, a.Period)
	default:
		return otp.TOTP(a.Secret, t, a.Period, a.Algorithm, a.Digits)
	}
}

// Remaining is how long the code shown at t stays valid (0 for HOTP).
func (a *Account) Remaining(t time.Time) time.Duration {
	if a.Type == HOTP || a.Period <= 0 {
		return 0
	}
	p := int64(a.Period) * int64(time.Second)
	return time.Duration(p - t.UnixNano()%p)
}

// Label is "Issuer:Name", or whichever of the two is set.
func (a *Account) Label() string {
	switch {
	case a.Issuer == "":
		return a.Name
	case a.Name == "":
		return a.Issuer
	}
	return a.Issuer + ":" + a.Name
}

// HasSecret reports whether the account makes codes. An entry without a
// secret only keeps a site's recovery codes ("recovery codes only", for
// sites whose 2FA lives in another app or a security key): it has no code,
// no otpauth URI and no QR code, and exports to other apps leave it out.
func (a *Account) HasSecret() bool { return len(a.Secret) > 0 }

// RecoveryCodesLeft counts unused and total recovery codes.
func (a *Account) RecoveryCodesLeft() (left, total int) {
	for _, c := range a.RecoveryCodes {
		if c.UsedAt == nil {
			left++
		}
	}
	return left, len(a.RecoveryCodes)
}

// Clone returns a deep copy, so edits to it never reach the original.
func (a Account) Clone() Account {
	a.Secret = append(Secret(nil), a.Secret...)
	a.Groups = append([]string(nil), a.Groups...)
	codes := make([]RecoveryCode, len(a.RecoveryCodes))
	for i, c := range a.RecoveryCodes {
		if c.UsedAt != nil {
			u := *c.UsedAt
			c.UsedAt = &u
		}
		codes[i] = c
	}
	if a.RecoveryCodes != nil {
		a.RecoveryCodes = codes
	}
	return a
}
