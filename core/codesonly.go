package core

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Entries that keep only recovery codes (HasSecret is false) are for sites
// whose 2FA lives elsewhere (a security key, another app) but whose codes
// should be kept with the rest. They have no code, no otpauth URI and no QR
// code; exports to other apps leave them out; the readiness check counts
// them.

// ErrNoSecret is asking a recovery-codes-only entry for what needs a secret.
var ErrNoSecret = errors.New("it keeps only recovery codes: there is no secret to make codes, a setup link or a QR code from")

// NeedSecret is ErrNoSecret, naming the account, when a has no secret.
func (a *Account) NeedSecret() error {
	if a.HasSecret() {
		return nil
	}
	return fmt.Errorf("%s: %w", a.ShortLabel(), ErrNoSecret)
}

// SplitCodesOnly separates the accounts with a secret, which can go to
// another app, from the entries that keep only recovery codes. It returns
// accs itself when it holds no codes-only entry.
func SplitCodesOnly(accs []Account) (withSecret, codesOnly []Account) {
	for i := range accs {
		if accs[i].HasSecret() {
			if codesOnly != nil {
				withSecret = append(withSecret, accs[i])
			}
			continue
		}
		if codesOnly == nil {
			withSecret = append(make([]Account, 0, len(accs)), accs[:i]...)
		}
		codesOnly = append(codesOnly, accs[i])
	}
	if codesOnly == nil {
		return accs, nil
	}
	return withSecret, codesOnly
}

// NewCodesOnly is a recovery-codes-only entry for label ("Issuer:Name", or
// just the issuer) holding codes (as AddRecoveryCodes takes them), ready
// for Document.Add.
func NewCodesOnly(label string, codes []string, now time.Time) (Account, error) {
	issuer, name, _ := strings.Cut(label, ":")
	if strings.TrimSpace(issuer) == "" && strings.TrimSpace(name) == "" {
		return Account{}, fmt.Errorf("the entry needs a name: give ISSUER:NAME, or just the site (%q was given)", label)
	}
	return CodesOnlyEntry(issuer, name, codes, now)
}

// CodesOnlyEntry is NewCodesOnly with the issuer and name apart (the
// window's form).
func CodesOnlyEntry(issuer, name string, codes []string, now time.Time) (Account, error) {
	a := Account{Issuer: strings.TrimSpace(issuer), Name: strings.TrimSpace(name)}
	if a.Issuer == "" && a.Name == "" {
		return Account{}, errors.New("the entry needs the site's name or the account's")
	}
	if err := a.AddRecoveryCodes(codes, now); err != nil {
		return Account{}, err
	}
	a.Defaults()
	return a, nil
}
