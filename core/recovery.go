package core

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Recovery codes are the one-time codes a site hands out when 2FA is turned
// on (GitHub's 16 × "xxxxx-xxxxx", Google's ten "1234 5678"). They are kept
// as written and compared without spaces, dashes and case, so "ABCDE-12345"
// and "abcde12345" are the same code. They are Sensitive: no log or error
// message ever contains one; errors name a code by its position instead.

// LowRecoveryCodes is the number of unused codes at or below which Lifeline
// warns that it is time to generate new ones at the site.
const LowRecoveryCodes = 2

var (
	ErrNoRecoveryCodes       = errors.New("no recovery codes given")
	ErrDuplicateRecoveryCode = errors.New("recovery code already saved")
	ErrRecoveryCodeNotFound  = errors.New("no such recovery code")
)

// DuplicateCodesError refuses codes that are already saved for the account
// or given twice. Positions are 1-based places in the list that was given:
// the codes themselves never appear in an error.
type DuplicateCodesError struct {
	Account   string // the account's label
	Positions []int
	Given     int
}

func (e *DuplicateCodesError) Error() string {
	n := len(e.Positions)
	switch {
	case e.Given == 1:
		return fmt.Sprintf("the recovery code given is already saved for %s; nothing was added", e.Account)
	case n == e.Given:
		return fmt.Sprintf("all %d recovery codes given are already saved for %s; nothing was added", n, e.Account)
	}
	nums := make([]string, n)
	for i, p := range e.Positions {
		nums[i] = fmt.Sprint(p)
	}
	return fmt.Sprintf("%d of the %d recovery codes given are already saved for %s or repeat an earlier one (number %s in the list); nothing was added",
		n, e.Given, e.Account, strings.Join(nums, ", "))
}

func (e *DuplicateCodesError) Is(target error) bool { return target == ErrDuplicateRecoveryCode }

// NormalizeRecoveryCode is the form codes are compared in: spaces, tabs,
// dashes and underscores dropped, letters upper-cased.
func NormalizeRecoveryCode(code string) string {
	var b strings.Builder
	b.Grow(len(code))
	for _, r := range code {
		switch {
		case r == '-' || r == '_' || r == '‐' || r == '–' || unicode.IsSpace(r):
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// SameRecoveryCode reports whether a and b are the same code as sites read
// them (NormalizeRecoveryCode).
func SameRecoveryCode(a, b string) bool {
	return NormalizeRecoveryCode(a) == NormalizeRecoveryCode(b)
}

// checkCode says what is wrong with one code, by its position.
func checkCode(code string, pos int) error {
	if err := checkCodeLen(code, pos); err != nil {
		return err
	}
	n := NormalizeRecoveryCode(code)
	switch {
	case n == "":
		return fmt.Errorf("recovery code %d is empty", pos)
	case strings.ContainsFunc(code, unicode.IsControl):
		return fmt.Errorf("recovery code %d contains a control character", pos)
	}
	return nil
}

// AddRecoveryCodes appends codes (trimmed, otherwise kept as written), all
// or none: a code already saved for this account, or given twice, refuses
// the whole list with a *DuplicateCodesError, so a half-added paste never
// needs sorting out. More than MaxRecoveryCodes in all is refused with a
// *LimitError before any code is looked at. The caller records the edit
// (Document.Touch).
func (a *Account) AddRecoveryCodes(codes []string, now time.Time) error {
	if len(codes) == 0 {
		return ErrNoRecoveryCodes
	}
	if err := CheckRecoveryCodeCount(len(codes)); err != nil {
		return err
	}
	if err := over("recovery codes", len(a.RecoveryCodes)+len(codes), MaxRecoveryCodes, "", "per account",
		fmt.Sprintf("%d are saved already and %d were given: delete the used ones, or replace them all with the new list", len(a.RecoveryCodes), len(codes))); err != nil {
		return err
	}
	seen := make(map[string]bool, len(a.RecoveryCodes)+len(codes))
	for _, c := range a.RecoveryCodes {
		seen[NormalizeRecoveryCode(string(c.Code))] = true
	}
	var dups []int
	for i, c := range codes {
		if err := checkCode(strings.TrimSpace(c), i+1); err != nil {
			return err
		}
		n := NormalizeRecoveryCode(c)
		if seen[n] {
			dups = append(dups, i+1)
		}
		seen[n] = true
	}
	if len(dups) > 0 {
		return &DuplicateCodesError{Account: a.Label(), Positions: dups, Given: len(codes)}
	}
	for _, c := range codes {
		a.RecoveryCodes = append(a.RecoveryCodes, RecoveryCode{Code: Sensitive(strings.TrimSpace(c)), Added: now})
	}
	return nil
}

// ReplaceRecoveryCodes drops every saved code and keeps codes instead: what
// a site's "generate new codes" does to the old ones. On error nothing
// changes.
func (a *Account) ReplaceRecoveryCodes(codes []string, now time.Time) error {
	fresh := Account{Issuer: a.Issuer, Name: a.Name}
	if err := fresh.AddRecoveryCodes(codes, now); err != nil {
		return err
	}
	a.RecoveryCodes = fresh.RecoveryCodes
	return nil
}

// FindRecoveryCode returns the index of code among the account's codes,
// compared as NormalizeRecoveryCode does.
func (a *Account) FindRecoveryCode(code string) (int, error) {
	n := NormalizeRecoveryCode(code)
	for i, c := range a.RecoveryCodes {
		if n != "" && NormalizeRecoveryCode(string(c.Code)) == n {
			return i, nil
		}
	}
	return -1, fmt.Errorf("%w for %s matches the code given", ErrRecoveryCodeNotFound, a.Label())
}

// MarkRecoveryCode marks code i used at now, or unused, and reports whether
// that changed anything (marking a used code used keeps its first date).
func (a *Account) MarkRecoveryCode(i int, used bool, now time.Time) bool {
	c := &a.RecoveryCodes[i]
	switch {
	case used && c.UsedAt == nil:
		t := now
		c.UsedAt = &t
		return true
	case !used && c.UsedAt != nil:
		c.UsedAt = nil
		return true
	}
	return false
}

// CopyRecoveryCode returns code i for the clipboard and, when markUsed (the
// "mark a code used when copied" setting), marks it used at now: a copied
// code is almost always about to be typed into the site.
func (a *Account) CopyRecoveryCode(i int, markUsed bool, now time.Time) string {
	if markUsed {
		a.MarkRecoveryCode(i, true, now)
	}
	return string(a.RecoveryCodes[i].Code)
}

// ErrLastCode refuses deleting the last code of an entry that keeps only
// recovery codes: it would be left holding nothing.
var ErrLastCode = errors.New("this entry keeps only recovery codes and this is its last one; delete the entry instead")

// RemoveRecoveryCode deletes code i; the last code of a codes-only entry is
// refused with ErrLastCode.
func (a *Account) RemoveRecoveryCode(i int) error {
	if !a.HasSecret() && len(a.RecoveryCodes) == 1 {
		return fmt.Errorf("%s: %w", a.ShortLabel(), ErrLastCode)
	}
	a.RecoveryCodes = append(a.RecoveryCodes[:i:i], a.RecoveryCodes[i+1:]...)
	if len(a.RecoveryCodes) == 0 {
		a.RecoveryCodes = nil
	}
	return nil
}

// RecoveryCodesSummary is the account's one-line count, "7 of 10 left",
// or "" when it has no codes.
func (a *Account) RecoveryCodesSummary() string {
	left, total := a.RecoveryCodesLeft()
	if total == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d left", left, total)
}

// RecoveryCodesLow reports whether the account has codes and at most
// LowRecoveryCodes of them are unused.
func (a *Account) RecoveryCodesLow() bool {
	left, total := a.RecoveryCodesLeft()
	return total > 0 && left <= LowRecoveryCodes
}

// RecoveryCodesWarning is the warning the window and the CLI show when
// codes run low, or "" when they do not.
func (a *Account) RecoveryCodesWarning() string {
	if !a.RecoveryCodesLow() {
		return ""
	}
	site := a.Issuer
	if site == "" {
		site = "the site"
	}
	left, _ := a.RecoveryCodesLeft()
	switch left {
	case 0:
		return fmt.Sprintf("No recovery codes left for %s: generate new ones at %s and import them.", a.Label(), site)
	case 1:
		return fmt.Sprintf("Only 1 recovery code left for %s: generate new ones at %s and import them.", a.Label(), site)
	}
	return fmt.Sprintf("Only %d recovery codes left for %s: generate new ones at %s and import them.", left, a.Label(), site)
}
