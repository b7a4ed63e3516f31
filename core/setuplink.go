package core

import (
	"errors"
	"iter"
	"strings"
)

// ErrNotSetupLink says the text is not a setup link at all, as opposed to
// a setup link with a bad part (which ParseURI or ParseMigrationURI name).
var ErrNotSetupLink = errors.New("not a setup link (otpauth://, otpauth-migration:// or motp://)")

// LinkKind is what sort of setup link a text is.
type LinkKind int

const (
	NotALink      LinkKind = iota // anything else
	AccountLink                   // otpauth:// or motp://: one account (ParseURI)
	MigrationLink                 // otpauth-migration://: a batch of an export (ParseMigrationURI)
)

// SetupLinkKind is the one place that decides what counts as a setup link:
// text whose scheme, after surrounding whitespace and in any case, is
// otpauth, otpauth-migration or motp. The slashes after the colon are not
// required ("otpauth:/totp/…", Aegis's "motp:/label"), as the parsers
// forgive them. Whether the rest is a usable link is the parsers' question.
func SetupLinkKind(s string) LinkKind {
	scheme, _, ok := strings.Cut(strings.TrimSpace(s), ":")
	switch {
	case !ok:
		return NotALink
	case strings.EqualFold(scheme, "otpauth-migration"):
		return MigrationLink
	case strings.EqualFold(scheme, "otpauth"), strings.EqualFold(scheme, "motp"):
		return AccountLink
	}
	return NotALink
}

// IsSetupLink reports whether s is worth offering as a setup link: a
// clipboard or a dropped text that SetupLinkKind recognises.
func IsSetupLink(s string) bool { return SetupLinkKind(s) != NotALink }

// ParseSetupLink reads one setup link of any kind into its accounts:
// otpauth:// and motp:// give one, otpauth-migration:// all its batch
// holds. Like ParseURI it parses and does not Validate. Text that is not a
// setup link at all fails with ErrNotSetupLink.
func ParseSetupLink(s string) ([]Account, error) {
	switch SetupLinkKind(s) {
	case MigrationLink:
		b, err := ParseMigrationURI(s)
		if err != nil {
			return nil, err
		}
		return b.Accounts, nil
	case AccountLink:
		a, err := ParseURI(s)
		if err != nil {
			return nil, err
		}
		return []Account{a}, nil
	}
	return nil, ErrNotSetupLink
}

// SetupLinkLines yields the lines of a block of setup links (a paste, a
// text file, standard input) with their numbers from 1: each trimmed, a
// UTF-8 byte-order mark dropped, blank lines and lines starting with '#'
// passed over. Each line is then one ParseSetupLink.
func SetupLinkLines(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, line := range strings.Split(strings.TrimPrefix(text, "\ufeff"), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(i+1, line) {
				return
			}
		}
	}
}
