package ready

import (
	"errors"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// KeyTestSettingsKey names the record of the last recovery key test in the
// vault document's settings (docs/FORMAT.md).
const KeyTestSettingsKey = "recovery_key_test"

// KeyTestInterval is how long a test of the printed key counts: after it,
// the check asks for another.
const KeyTestInterval = 365 * 24 * time.Hour

// ErrWrongRecoveryKey is a key that is well formed but not this vault's.
var ErrWrongRecoveryKey = errors.New("that is a valid recovery key, but not this vault's current one")

// KeyTest records that the person typed the recovery key from paper and it
// was the vault's.
type KeyTest struct {
	Tested time.Time `json:"tested"`
	// Recipient is the public half of the key tested: after a rotation it
	// no longer matches, and the new key needs a test of its own.
	Recipient string `json:"recipient"`
}

// TestRecoveryKey checks typed, the key as the person read it from paper,
// against the vault's current recovery key and, when it matches, records
// the test at now in the document; the caller saves the vault. The key is
// never shown: a wrong key is ErrWrongRecoveryKey, and a typo is the parse
// error, which names the group and character but not the key.
func TestRecoveryKey(v *vault.Vault, typed string, now time.Time) error {
	rk, err := vault.ParseRecoveryKey(typed)
	if err != nil {
		return err
	}
	return RecordKeyTest(v, rk, now)
}

// RecordKeyTest is TestRecoveryKey for a key already parsed (the CLI's
// --recovery-key-file).
func RecordKeyTest(v *vault.Vault, rk vault.RecoveryKey, now time.Time) error {
	current, err := v.RecoveryRecipient()
	if err != nil {
		return fmt.Errorf("cannot tell the vault's recovery key: %w", err)
	}
	if rk.Recipient() != current {
		return ErrWrongRecoveryKey
	}
	return v.Doc.SetSetting(KeyTestSettingsKey, KeyTest{Tested: now.UTC(), Recipient: current})
}

// LastKeyTest is the last recorded test, if any (a damaged record reads as
// none: the check then asks for a test, which rewrites it).
func LastKeyTest(doc *vault.Document) (KeyTest, bool) {
	var k KeyTest
	if ok, err := doc.Setting(KeyTestSettingsKey, &k); !ok || err != nil || k.Tested.IsZero() {
		return KeyTest{}, false
	}
	return k, true
}
