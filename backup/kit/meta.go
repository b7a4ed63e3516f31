package kit

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// SettingsKey names the kit's entry in the vault document's settings
// (docs/FORMAT.md: unknown settings survive every load and save).
const SettingsKey = "kit"

// Meta is what the vault remembers about the last full kit, and what a kit
// prints about itself so an old one is recognisable.
type Meta struct {
	// Serial names this kit: it differs for every kit made, even of the
	// same vault on the same day.
	Serial string `json:"serial"`
	// Checksum covers what the kit lists (the recovery key's public half,
	// the accounts and their codes, used or not), never a secret: two kits
	// with the same checksum list the same things.
	Checksum string    `json:"checksum"`
	Created  time.Time `json:"created"`
	// RecoveryRecipient is the public age key of the recovery key printed
	// in the kit ("" for a kit of chosen accounts, which prints none).
	RecoveryRecipient string `json:"recovery_recipient,omitempty"`
	Accounts          int    `json:"accounts"`
	Paper             bool   `json:"paper,omitempty"`
	Partial           bool   `json:"partial,omitempty"`
	// Restored marks a record made by a restore onto a new device with
	// the recovery key (KeyInHand), not by printing a kit: the person
	// holds that key, so no kit is asked for, but what their kit lists
	// is not known.
	Restored bool `json:"restored,omitempty"`
}

var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// serial is SHA-256 of the vault id, the recovery recipient and the time,
// as 8 Crockford Base32 characters ("7F3A-92C1"): short enough to read
// over the phone, and 40 bits keep two kits of one vault apart.
func serial(vaultID, recipient string, t time.Time) string {
	h := sha256.New()
	fmt.Fprintf(h, "lifeline-kit-serial-v1\x00%s\x00%s\x00", vaultID, recipient)
	binary.Write(h, binary.BigEndian, t.UnixNano())
	s := crockford.EncodeToString(h.Sum(nil)[:5])
	return s[:4] + "-" + s[4:]
}

// checksum hashes what a kit lists, in order, as 12 hex digits in three
// groups. Secrets and PINs stay out, so the number printed on page 1 says
// nothing about them.
func checksum(vaultID, recipient string, accounts []core.Account) string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s", len(s), s) }
	field("lifeline-kit-checksum-v1")
	field(vaultID)
	field(recipient)
	for i := range accounts {
		a := &accounts[i]
		field(a.ID)
		field(a.Issuer)
		field(a.Name)
		field(params(a))
		for _, c := range a.RecoveryCodes {
			field(core.NormalizeRecoveryCode(string(c.Code)))
			field(fmt.Sprint(c.UsedAt != nil))
		}
		field("end")
	}
	s := hex.EncodeToString(h.Sum(nil)[:6])
	return s[:4] + "-" + s[4:8] + "-" + s[8:]
}

// Record stores m in the document's settings as the vault's current kit;
// the caller saves the vault. Kits of chosen accounts are refused: they
// hold no recovery key, so they do not stop the nagging.
func Record(doc *vault.Document, m Meta) error {
	if m.Partial || m.RecoveryRecipient == "" {
		return errors.New("only a kit of the whole vault, with its recovery key, is recorded")
	}
	return doc.SetSetting(SettingsKey, m)
}

// KeyInHand records in doc, about to become a vault on a new device, that
// the person opened its backup with the recovery key whose public half is
// recipient, and keeps it: they hold that key (on their kit, which stays
// valid), so the window must not ask for a new kit. A kit already recorded
// for that key is kept as it is; otherwise the record knows only the key,
// and Check reads it as Outdated (a new kit would list the accounts as
// they are), never as Missing or OldKey.
func KeyInHand(doc *vault.Document, recipient string, now time.Time) error {
	if m, ok := Recorded(doc); ok && m.RecoveryRecipient == recipient {
		return nil
	}
	return doc.SetSetting(SettingsKey, Meta{Serial: serial(doc.VaultID, recipient, now), Created: now,
		RecoveryRecipient: recipient, Restored: true})
}

// Recorded returns the last kit Record stored, if any (a damaged entry
// reads as none, so the window asks for a new kit rather than failing).
func Recorded(doc *vault.Document) (Meta, bool) {
	var m Meta
	if ok, err := doc.Setting(SettingsKey, &m); !ok || err != nil || m.Serial == "" {
		return Meta{}, false
	}
	return m, true
}

// Status is how the vault's last kit compares with the vault now.
type Status int

const (
	Missing  Status = iota // no kit was ever made: ask for one
	OldKey                 // the kit holds a recovery key that was replaced: ask for a new one
	Outdated               // accounts or codes changed since: suggest a new one, gently
	Current                // the kit lists exactly what the vault holds
)

// NeedsKit reports whether the window should ask for a kit: none exists
// for the current recovery key.
func (s Status) NeedsKit() bool { return s == Missing || s == OldKey }

func (s Status) String() string {
	switch s {
	case Missing:
		return "No Recovery Kit has been saved for this vault yet."
	case OldKey:
		return "The recovery key was replaced: your printed Recovery Kit holds the old one. Save a new kit."
	case Outdated:
		return "Accounts or recovery codes changed since your Recovery Kit was made; a new kit would list them."
	}
	return "Your Recovery Kit is up to date."
}

// Check compares the vault's recorded kit with the vault. The current
// recovery key is the one inside the document when it holds one (it is
// authoritative), else the one lifeline.json names.
func Check(v *vault.Vault) Status {
	m, ok := Recorded(v.Doc)
	if !ok {
		return Missing
	}
	recipient := v.Meta.RecoveryRecipient
	if rk, err := v.RecoveryKey(); err == nil {
		recipient = rk.Recipient()
	}
	if m.RecoveryRecipient != recipient {
		return OldKey
	}
	if m.Checksum != checksum(v.Doc.VaultID, recipient, v.Doc.Accounts) {
		return Outdated
	}
	return Current
}

// IsCurrent reports whether a kit exists for the vault's current recovery
// key (Check(v).NeedsKit() is false).
func IsCurrent(v *vault.Vault) bool { return !Check(v).NeedsKit() }
