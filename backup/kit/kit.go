package kit

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Page is a paper size.
type Page string

const (
	A4     Page = "a4"
	Letter Page = "letter"
)

// ParsePage accepts "a4" or "letter" in any case; "" is A4.
func ParsePage(s string) (Page, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "a4":
		return A4, nil
	case "letter", "us-letter", "usletter":
		return Letter, nil
	}
	return "", fmt.Errorf("unknown page size %q (want a4 or letter)", s)
}

// FormatURL is where the vault and backup format is documented for someone
// who has only the paper. It is the repository's docs/FORMAT.md.
const FormatURL = "https://github.com/lifelineauth/lifeline/blob/main/docs/FORMAT.md"

// ProjectURL is where Lifeline is downloaded from.
const ProjectURL = "https://github.com/lifelineauth/lifeline"

// PaperWarning is what the window and the CLI show before making a kit with
// a paper backup; the kit prints the same words on its paper-backup pages.
const PaperWarning = "The paper backup prints the secret of every account. Anyone who sees those pages can make your codes, without your password or recovery key. Keep them like cash, and shred them when you print a new kit."

// Options choose what a kit holds.
type Options struct {
	Page  Page // A4 (the default) or Letter
	Paper bool // add the paper backup (off by default: see PaperWarning)
	// Accounts are the ids of the accounts to print; empty means all. A kit
	// for some accounts ("print this account's codes") leaves out the
	// recovery key and is never recorded as the vault's kit.
	Accounts []string
	// Copies are the places off this computer that hold backups
	// (backup.OffDeviceCopies), printed on page 1 so the person knows
	// where to look; none prints NoCopyWarning instead.
	Copies []Copy
	Now    time.Time // the kit's date; zero means time.Now()
}

var (
	ErrNoRecoveryKey = errors.New("a full recovery kit needs the vault's recovery key")
	ErrNoAccounts    = errors.New("none of the chosen accounts is in the vault")
)

// Write renders the kit for doc as a PDF to w and returns what the vault
// should remember about it (Record). rk is the vault's current recovery key;
// it may be zero only for a kit of chosen accounts, which does not print it.
func Write(w io.Writer, doc *vault.Document, rk vault.RecoveryKey, opt Options) (Meta, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	page, err := ParsePage(string(opt.Page))
	if err != nil {
		return Meta{}, err
	}
	accounts, err := choose(doc, opt.Accounts)
	if err != nil {
		return Meta{}, err
	}
	partial := len(opt.Accounts) > 0
	m := Meta{Created: opt.Now, Accounts: len(accounts), Paper: opt.Paper, Partial: partial}
	if !partial {
		if rk.IsZero() {
			return Meta{}, ErrNoRecoveryKey
		}
		m.RecoveryRecipient = rk.Recipient()
	}
	m.Serial = serial(doc.VaultID, m.RecoveryRecipient, opt.Now)
	m.Checksum = checksum(doc.VaultID, m.RecoveryRecipient, accounts)

	d, err := newDocument(page, m)
	if err != nil {
		return Meta{}, err
	}
	if partial {
		d.sheetHeader(doc, accounts)
	} else {
		d.cover(doc, rk, opt)
	}
	d.accounts(accounts, partial)
	if withSecret, _ := core.SplitCodesOnly(accounts); opt.Paper && len(withSecret) > 0 {
		d.paper(withSecret, partial) // a codes-only entry has no secret to back up
	}
	if d.err != nil {
		return Meta{}, fmt.Errorf("drawing the recovery kit: %w", d.err)
	}
	if err := d.pdf.Output(w); err != nil {
		return Meta{}, fmt.Errorf("writing the recovery kit: %w", err)
	}
	return m, nil
}

// choose returns the accounts to print, in the vault's order.
func choose(doc *vault.Document, ids []string) ([]core.Account, error) {
	if len(ids) == 0 {
		return doc.Accounts, nil
	}
	var out []core.Account
	for _, a := range doc.Accounts {
		if slices.Contains(ids, a.ID) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w (%d ids given)", ErrNoAccounts, len(ids))
	}
	return out, nil
}

// params describes an account's code parameters in one line.
func params(a *core.Account) string {
	if !a.HasSecret() {
		return "Recovery codes only (2FA is kept elsewhere)"
	}
	switch a.Type {
	case core.HOTP:
		return fmt.Sprintf("HOTP · %s · %d digits · next counter %d", a.Algorithm, a.Digits, a.Counter)
	case core.Steam:
		return fmt.Sprintf("Steam Guard · %d characters · %d s", a.Digits, a.Period)
	case core.Yandex:
		return fmt.Sprintf("Yandex · %d letters · %d s · PIN", a.Digits, a.Period)
	case core.MOTP:
		return fmt.Sprintf("mOTP · %d hex digits · %d s · PIN", a.Digits, a.Period)
	}
	return fmt.Sprintf("TOTP · %s · %d digits · %d s", a.Algorithm, a.Digits, a.Period)
}

// title is the account's heading: the issuer, or the name when there is none.
func title(a *core.Account) (head, sub string) {
	if a.Issuer == "" {
		return a.Name, ""
	}
	return a.Issuer, a.Name
}

// dateTime is how the kit prints times: unambiguous in every country.
func dateTime(t time.Time) string { return t.Format("2006-01-02 15:04 MST") }
func date(t time.Time) string     { return t.Format("2006-01-02") }
