package vault

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// FormatVersion is the vault format this package writes. A file with a
// larger number is refused (ErrNewerFormat) rather than half-read. Format 1
// (the recovery key in the document) still opens, and is migrated to 2 on
// the first password unlock (migrate.go); format 2 becomes 3 (revisions,
// replicas) on its next save.
const FormatVersion = 3

// Document is what vault.age holds once decrypted (docs/FORMAT.md).
type Document struct {
	Format     int              `json:"format"`
	VaultID    string           `json:"vault_id"`
	Created    time.Time        `json:"created"`
	Updated    time.Time        `json:"updated"`
	Accounts   []core.Account   `json:"accounts"`
	Tombstones []core.Tombstone `json:"tombstones,omitempty"`
	// Keys name the keys vault.age is encrypted to, so a save never takes
	// a recipient from the plain lifeline.json. They hold the vault
	// identity (what the keyring gives anyway) but, from format 2 on, the
	// recovery key only sealed to the password identity. Backups may drop
	// them.
	Keys *Keys `json:"keys,omitempty"`
	// Settings leaves room for later features (backup settings, kit state)
	// without a format change; unknown keys survive a load and save.
	Settings map[string]json.RawMessage `json:"settings,omitempty"`

	// Sync (docs/FORMAT.md, "Replicas and revisions"): the device that
	// wrote this replica, the highest revision counter it had seen, what
	// each device had heard of the others when it last wrote, the devices
	// forgotten (with their counter then), and the revisions of the keys
	// and settings.
	Device      string                `json:"device,omitempty"`
	Clock       uint64                `json:"clock,omitempty"`
	Devices     map[string]DeviceInfo `json:"devices,omitempty"`
	Forgotten   map[string]uint64     `json:"forgotten,omitempty"`
	KeysRev     core.Revision         `json:"keys_rev,omitzero"`
	SettingsRev core.Revision         `json:"settings_rev,omitzero"`

	// Authenticator is a backup's HMAC (backup/authenticator.go,
	// docs/FORMAT.md): the last field, so it is the end of the JSON.
	// vault.age leaves it out.
	Authenticator string `json:"authenticator,omitempty"`
}

var zeroRev core.Revision

// DeviceInfo is what a vault knows of one of its devices. Only that device
// writes its entry; the others copy it from its replica.
type DeviceInfo struct {
	Name string `json:"name"`
	// Edited is when the device last saved a change, by its own clock:
	// for people ("last wrote"), never for deciding anything.
	Edited time.Time `json:"edited,omitzero"`
	// Heard is, per device id, the highest counter of that device whose
	// changes this device had merged when it last wrote (its own id: its
	// Clock). A tombstone is dropped once every device has heard it.
	Heard map[string]uint64 `json:"heard,omitempty"`
}

// Keys are the vault's own keys (docs/FORMAT.md, "keys").
type Keys struct {
	VaultIdentity string `json:"vault_identity"` // AGE-SECRET-KEY-1…
	// RecoveryKey is format 1's plain copy of the recovery key (grouped
	// form). Format 2 never writes it: whoever reads the keyring could read
	// it. Migration replaces it with RecoveryKeySealed.
	RecoveryKey        string    `json:"recovery_key,omitempty"`
	RecoveryKeyCreated time.Time `json:"recovery_key_created"`

	// RecoveryRecipient is the recovery key's age recipient, so a save
	// after a keyring unlock knows whom to encrypt to without the key.
	RecoveryRecipient string `json:"recovery_recipient,omitempty"`
	// PasswordRecipient is the recipient of the password identity, the
	// second identity in password.age.
	PasswordRecipient string `json:"password_recipient,omitempty"`
	// RecoveryKeySealed is the recovery key, age-encrypted (Base64) to the
	// password recipients: only the password (or the key itself) reads it.
	RecoveryKeySealed string `json:"recovery_key_sealed,omitempty"`
	// Next are the pairs password changes are installing, from their first
	// write of vault.age until one commits (password.go): usually none,
	// one while a change runs, more only if changes were interrupted
	// before any unlock could tell which one password.age holds.
	Next []KeyPair `json:"next,omitempty"`
	// BackupAuthKey is the backup authenticator key (Base64), derived from
	// the recovery key (RecoveryKey.BackupAuthKey) and kept here so the
	// backups a keyring unlock writes are authenticated too.
	BackupAuthKey string `json:"backup_auth_key,omitempty"`
	// PrevAuthKey is the authenticator key before the last recovery-key
	// rotation, and AuthEndorsement the new key vouched for by it
	// (authenticator.go): replicas written on either side of a rotation
	// keep authenticating each other.
	PrevAuthKey     string `json:"prev_auth_key,omitempty"`
	AuthEndorsement string `json:"auth_endorsement,omitempty"`
}

// KeyPair is a vault identity and the recipient of the password identity
// that password.age holds with it.
type KeyPair struct {
	VaultIdentity     string `json:"vault_identity"`
	PasswordRecipient string `json:"password_recipient"`
}

// Add validates a copy of a and appends it. It fills defaults, gives it a new
// ID when it has none, and sets Created and Updated to now. An account with
// the same issuer, name and secret is refused with ErrDuplicate. The pointer
// is into d.Accounts and stays valid only until the next Add or Remove. A
// vault of core.MaxAccounts takes no more, and an account over a limit is
// refused (core.Account.CheckLimits): both with a *core.LimitError.
func (d *Document) Add(a core.Account, now time.Time) (*core.Account, error) {
	if err := core.CheckAccountCount(len(d.Accounts) + 1); err != nil {
		return nil, err
	}
	a = a.Clone()
	a.Defaults()
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("account %q: %w", a.ShortLabel(), err)
	}
	if a.ID == "" {
		a.ID, a.Rev = core.NewID(), core.Revision{}
	} else if d.Index(a.ID) >= 0 {
		return nil, fmt.Errorf("%w: account id %s is taken", ErrDuplicate, a.ID)
	}
	for i := range d.Accounts {
		o := &d.Accounts[i]
		// Secret first: it almost always differs, and this loop runs for
		// every account of an import.
		if bytes.Equal(o.Secret, a.Secret) && sameText(o.Issuer, a.Issuer) && sameText(o.Name, a.Name) {
			return nil, fmt.Errorf("%w: %q (id %s)", ErrDuplicate, o.Label(), o.ID)
		}
	}
	// Adding an account back on purpose overrides an earlier delete, so a
	// later merge must not drop it again.
	d.Tombstones = slices.DeleteFunc(d.Tombstones, func(t core.Tombstone) bool { return t.ID == a.ID })
	a.Created, a.Updated = now, now
	d.Accounts = append(d.Accounts, a)
	d.Updated = now
	return &d.Accounts[len(d.Accounts)-1], nil
}

func sameText(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Index returns the position of the account with this id, or -1.
func (d *Document) Index(id string) int {
	for i := range d.Accounts {
		if d.Accounts[i].ID == id {
			return i
		}
	}
	return -1
}

// Remove deletes the account and leaves a tombstone, so that merging an
// older backup does not bring it back.
func (d *Document) Remove(id string, now time.Time) error {
	i := d.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: id %s", ErrNotFound, id)
	}
	a := &d.Accounts[i]
	t := core.Tombstone{ID: id, Deleted: now, Counter: a.Counter}
	if len(d.Devices) > 1 {
		// Another computer may bring the account back with an edit made
		// meanwhile: its codes then come back too (merge_codes.go). On one
		// computer nothing can, and a deleted account's codes are gone.
		t.RecoveryCodes = a.Clone().RecoveryCodes
	}
	d.Accounts = slices.Delete(d.Accounts, i, i+1)
	d.Tombstones = append(d.Tombstones, t)
	d.Updated = now
	return nil
}

// Undelete puts back, at position at, an account Remove took out of this
// document (the window's Undo), as it was: its id and Created kept, its
// tombstone dropped so a merge does not delete it again. It is not
// checked against the limits Add applies: it was in the vault, perhaps
// from before a limit existed, and undoing a delete must never lose it.
func (d *Document) Undelete(a core.Account, at int, now time.Time) error {
	if a.ID == "" || d.Index(a.ID) >= 0 {
		return fmt.Errorf("%w: account id %q is taken", ErrDuplicate, a.ID)
	}
	a = a.Clone()
	// A new revision when saved: another computer that has seen the
	// delete then keeps the account too (Merge lets the newer one win).
	a.Rev, a.Updated = core.Revision{}, now
	at = min(max(at, 0), len(d.Accounts))
	d.Accounts = slices.Insert(d.Accounts, at, a)
	d.Tombstones = slices.DeleteFunc(d.Tombstones, func(t core.Tombstone) bool { return t.ID == a.ID })
	d.Updated = now
	return nil
}

// Touch records that Accounts[i] was edited at now.
func (d *Document) Touch(i int, now time.Time) {
	d.Accounts[i].Updated = now
	d.Updated = now
}

// NextCode gives out the next code of HOTP account i, the same way for
// the window and the CLI: the code at the stored counter, which then moves
// on (and the account counts a use), so no code is given twice. The
// caller saves the document before it shows the code: a code whose counter
// was not saved would be given again by the next run. At the largest
// counter it gives none (core.ErrCounterExhausted) and changes nothing.
func (d *Document) NextCode(i int, now time.Time) (string, error) {
	a := &d.Accounts[i]
	if a.Type != core.HOTP {
		return "", fmt.Errorf("%s is not a counter-based (HOTP) account", a.Label())
	}
	code := a.Code(now)
	if err := a.AdvanceCounter(); err != nil {
		return "", err
	}
	a.Uses++
	d.Touch(i, now)
	return code, nil
}

// padBlock is the multiple the plaintext is padded to with trailing
// whitespace (still valid JSON). It hides the exact size and, more usefully,
// lets a failed decrypt tell a truncated file from a corrupted one: a
// truncated file almost never keeps the length pattern (damage.go).
const padBlock = 256

func encodeDocument(d *Document) ([]byte, error) {
	if d.Accounts == nil {
		c := *d // "accounts" is always an array, never null
		c.Accounts = []core.Account{}
		d = &c
	}
	buf, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encoding vault document: %w", err)
	}
	n := len(buf) + 1 // the final newline
	if r := n % padBlock; r != 0 {
		n += padBlock - r
	}
	out := slices.Grow(buf, n-len(buf))
	for len(out) < n-1 {
		out = append(out, ' ')
	}
	return append(out, '\n'), nil
}

// decodeDocument parses a decrypted document. A format newer than ours wins
// over any parse error: a newer Lifeline may have changed the shape.
func decodeDocument(data []byte) (*Document, error) {
	// Sizing the slice up front saves encoding/json from growing it (and
	// copying every account) a dozen times: each account has exactly one
	// "secret" key, and a note or name containing that text is escaped.
	// (Without the leading quote the count is 4x faster: '"' is everywhere.)
	d := Document{Accounts: make([]core.Account, 0, bytes.Count(data, []byte(`secret":"`)))}
	err := json.Unmarshal(data, &d)
	if err != nil {
		var probe struct {
			Format int `json:"format"`
		}
		if json.Unmarshal(data, &probe) == nil && probe.Format > FormatVersion {
			return nil, fmt.Errorf("%w (vault format %d, this Lifeline reads %d)", ErrNewerFormat, probe.Format, FormatVersion)
		}
		return nil, damaged(VaultFile, ReasonInvalid, err)
	}
	if d.Format > FormatVersion {
		return nil, fmt.Errorf("%w (vault format %d, this Lifeline reads %d)", ErrNewerFormat, d.Format, FormatVersion)
	}
	if d.Format < 1 || d.VaultID == "" {
		return nil, damaged(VaultFile, ReasonInvalid, fmt.Errorf("format %d, vault id %q", d.Format, d.VaultID))
	}
	if d.Accounts == nil {
		d.Accounts = []core.Account{}
	}
	return &d, nil
}

// Setting decodes the entry key of d.Settings into v. It reports false,
// leaving v as it is, when there is no such entry; a malformed entry is an
// error.
func (d *Document) Setting(key string, v any) (bool, error) {
	raw, ok := d.Settings[key]
	if !ok {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("setting %q: %w", key, err)
	}
	return true, nil
}

// SetSetting stores v, as JSON, as the entry key of d.Settings; the caller
// saves the vault.
func (d *Document) SetSetting(key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("setting %q: %w", key, err)
	}
	if d.Settings == nil {
		d.Settings = map[string]json.RawMessage{}
	}
	d.Settings[key] = raw
	return nil
}
