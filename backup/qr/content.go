package qr

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Kind is what a QR code holds, which decides what Lifeline does with it.
type Kind int

const (
	KindOther       Kind = iota // anything else: described, never echoed
	KindAccount                 // an otpauth:// or motp:// URI: one account to add
	KindMigration               // an otpauth-migration:// URI: one batch of an export
	KindRecoveryKey             // a Lifeline recovery key: offer to unlock or restore
)

// Content is one QR code's text, classified. Only the field of its Kind
// is set. Err is set when the code is of its Kind but cannot be used (an
// otpauth URI with digits=12, a recovery key with a typo); it names the
// part that is wrong, never a secret.
type Content struct {
	Kind        Kind
	Account     core.Account      // KindAccount
	Batch       core.Batch        // KindMigration
	RecoveryKey vault.RecoveryKey // KindRecoveryKey
	What        string            // KindOther: what sort of content, e.g. "a web address"
	Err         error
}

// Classify sorts one QR code's text. It never fails: content it cannot
// use is KindOther with a description, or its Kind with Err set.
func Classify(text string) Content {
	t := strings.TrimSpace(text)
	lower := strings.ToLower(t)
	switch core.SetupLinkKind(t) {
	case core.MigrationLink:
		b, err := core.ParseMigrationURI(t)
		return Content{Kind: KindMigration, Batch: b, Err: err}
	case core.AccountLink:
		// Parsed, not validated: whether the account is complete (a Yandex
		// PIN, say) is for the add step, where a person can fill it in.
		a, err := core.ParseURI(t)
		return Content{Kind: KindAccount, Account: a, Err: err}
	}
	if rk, err := vault.ParseRecoveryKey(t); err == nil {
		return Content{Kind: KindRecoveryKey, RecoveryKey: rk}
	} else if strings.HasPrefix(lower, vault.RecoveryKeyPrefix) {
		return Content{Kind: KindRecoveryKey, Err: err}
	}
	return Content{Kind: KindOther, What: describe(t, lower)}
}

// RecoveryKeyIn is the first usable recovery key among what a scan found
// (the QR code on page 1 of a Recovery Kit), if any.
func RecoveryKeyIn(cs []Content) (vault.RecoveryKey, bool) {
	for _, c := range cs {
		if c.Kind == KindRecoveryKey && c.Err == nil {
			return c.RecoveryKey, true
		}
	}
	return vault.RecoveryKey{}, false
}

// Summary names the content in a few words for a list of what was found:
// "TOTP GitHub:alice", "migration batch 2 of 3 (10 accounts)",
// "recovery key", "other: a web address". No secret appears in it.
func (c Content) Summary() string {
	switch c.Kind {
	case KindAccount:
		if c.Err != nil {
			return "otpauth URI that cannot be used: " + c.Err.Error()
		}
		return c.Account.Type.Name() + " " + c.Account.Label()
	case KindMigration:
		if c.Err != nil {
			return "migration batch that cannot be read: " + c.Err.Error()
		}
		return fmt.Sprintf("migration batch %d of %d (%s)", c.Batch.BatchIndex+1, max(c.Batch.BatchSize, 1),
			plural(len(c.Batch.Accounts), "account"))
	case KindRecoveryKey:
		if c.Err != nil {
			return "recovery key that cannot be used: " + c.Err.Error()
		}
		return "recovery key"
	}
	return "other: " + c.What
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// otherKinds maps prefixes of well-known QR payloads to what they are.
// The description is all that is shown: a Wi-Fi code holds a password,
// a URL may hold a token, so the content itself is never repeated.
var otherKinds = []struct{ prefix, what string }{
	{"http://", "a web address"},
	{"https://", "a web address"},
	{"wifi:", "Wi-Fi network settings"},
	{"begin:vcard", "a contact card"},
	{"mecard:", "a contact card"},
	{"begin:vcalendar", "a calendar event"},
	{"begin:vevent", "a calendar event"},
	{"mailto:", "an e-mail address"},
	{"matmsg:", "an e-mail message"},
	{"tel:", "a phone number"},
	{"sms:", "a text message"},
	{"smsto:", "a text message"},
	{"geo:", "a location"},
	{"bitcoin:", "a payment address"},
	{"ethereum:", "a payment address"},
	{"age-secret-key-1", "an age secret key (not a Lifeline recovery key)"},
	{"age1", "an age public key"},
	{"-----begin", "a PEM key or certificate"},
}

func describe(t, lower string) string {
	for _, k := range otherKinds {
		if strings.HasPrefix(lower, k.prefix) {
			return k.what
		}
	}
	switch {
	case t == "":
		return "nothing (an empty code)"
	case !utf8.ValidString(t):
		return fmt.Sprintf("binary data (%d bytes)", len(t))
	case isDigits(t):
		return fmt.Sprintf("a number (%d digits)", len(t))
	}
	if scheme, _, ok := strings.Cut(lower, ":"); ok && isScheme(scheme) && !strings.ContainsAny(t, " \n") {
		// The scheme is a fixed word, safe to name; the rest is not shown.
		return "a link (" + scheme + ":)"
	}
	return "text (" + plural(utf8.RuneCountInString(t), "character") + ")"
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// isScheme reports whether s looks like a URI scheme (RFC 3986) of a
// sensible length, so only such a word is ever named back.
func isScheme(s string) bool {
	if len(s) < 2 || len(s) > 20 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789+-.") == ""
}
