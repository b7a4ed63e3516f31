package qr

import (
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

func classifyCases(t testing.TB) []struct {
	name, text string
	kind       Kind
	summary    string
	err        bool
} {
	rk, err := vault.NewRecoveryKey()
	if err != nil {
		t.Fatal(err)
	}
	steam := account(1)
	steam.Type, steam.Issuer = core.Steam, "Steam"
	steam.Defaults()
	uris, _, err := core.FormatMigrationURIs([]core.Account{account(1), account(2), account(3)}, 77)
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		name, text string
		kind       Kind
		summary    string
		err        bool
	}{
		{"totp", uri(1), KindAccount, "TOTP Site 1:user1@example.com", false},
		{"hotp", "otpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=5", KindAccount, "HOTP Bank:bob", false},
		{"steam", core.FormatURI(&steam), KindAccount, "Steam Steam:user1@example.com", false},
		{"upper-case scheme, spaces", "  OTPAUTH://TOTP/x:y?secret=jbsw y3dp ehpk 3pxp  ", KindAccount, "TOTP x:y", false},
		{"otpauth with bad digits", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12", KindAccount, "otpauth URI that cannot be used: otpauth URI: digits \"12\" out of range", true},
		{"migration", uris[0], KindMigration, "migration batch 1 of 1 (3 accounts)", false},
		{"migration, bad data", "otpauth-migration://offline?data=%%%", KindMigration, "migration batch that cannot be read", true},
		{"recovery key", rk.Reveal(), KindRecoveryKey, "recovery key", false},
		{"recovery key with prefix, lower case", vault.RecoveryKeyPrefix + strings.ToLower(rk.Reveal()), KindRecoveryKey, "recovery key", false},
		{"recovery key with a typo", vault.RecoveryKeyPrefix + "0000-0000-0000-0000-0000-0000-0000-0000", KindRecoveryKey, "recovery key that cannot be used", true},
		{"web address", "https://example.com/login?token=s3cr3t", KindOther, "other: a web address", false},
		{"Wi-Fi", "WIFI:T:WPA;S:home;P:hunter2hunter2;;", KindOther, "other: Wi-Fi network settings", false},
		{"contact", "BEGIN:VCARD\nVERSION:3.0\nFN:Alice\nEND:VCARD", KindOther, "other: a contact card", false},
		{"e-mail", "mailto:alice@example.com", KindOther, "other: an e-mail address", false},
		{"phone", "tel:+3312345678", KindOther, "other: a phone number", false},
		{"age secret key", "AGE-SECRET-KEY-1" + strings.Repeat("Q", 58), KindOther, "other: an age secret key", false},
		{"other scheme", "lightning:lnbc1500n1pssecretsecret", KindOther, "other: a link (lightning:)", false},
		{"number", "4006381333931", KindOther, "other: a number (13 digits)", false},
		{"plain text", "the password is hunter2", KindOther, "other: text (23 characters)", false},
		{"bare Base32 secret", "JBSWY3DPEHPK3PXP", KindOther, "other: text (16 characters)", false},
		{"binary", "\xff\xfe\x00secret", KindOther, "other: binary data (9 bytes)", false},
		{"empty", "", KindOther, "other: nothing (an empty code)", false},
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range classifyCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			c := Classify(tt.text)
			if c.Kind != tt.kind {
				t.Fatalf("kind %d, want %d (%s)", c.Kind, tt.kind, c.Summary())
			}
			if (c.Err != nil) != tt.err {
				t.Fatalf("err %v, want error: %v", c.Err, tt.err)
			}
			if got := c.Summary(); !strings.HasPrefix(got, tt.summary) {
				t.Errorf("Summary() = %q, want it to start with %q", got, tt.summary)
			}
			if c.Kind == KindRecoveryKey && c.Err == nil && c.RecoveryKey.IsZero() {
				t.Error("recovery key not kept")
			}
		})
	}
}

// FuzzClassify checks that Classify never panics and that what it says
// about content it does not use never repeats the content: a tail that
// looks like a secret, glued to any text, must not show in the summary.
func FuzzClassify(f *testing.F) {
	for _, tt := range classifyCases(f) {
		f.Add(tt.text)
	}
	const secret = "Zq7SeCrEt"
	f.Fuzz(func(t *testing.T, s string) {
		for _, text := range []string{s, s + secret} {
			c := Classify(text)
			sum := c.Summary()
			if (c.Kind == KindOther || c.Kind == KindRecoveryKey) && strings.Contains(sum, secret) {
				t.Fatalf("Summary of %q echoes its content: %q", text, sum)
			}
		}
	})
}
