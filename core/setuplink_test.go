package core

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// setupLinkTests are what the window offers from the clipboard or a drop,
// what the add screen and `lifeline add` accept, and what a QR code is
// sorted as. accounts is how many ParseSetupLink returns; -1 means the
// text is a setup link that fails to parse.
var setupLinkTests = []struct {
	name, text string
	kind       LinkKind
	accounts   int
}{
	{"otpauth", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", AccountLink, 1},
	{"upper-case scheme", "OTPAUTH://TOTP/GitHub:alice?secret=JBSWY3DPEHPK3PXP", AccountLink, 1},
	{"surrounding whitespace", " \t otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3 \r\n", AccountLink, 1},
	{"one slash", "otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP", AccountLink, 1},
	{"motp://", "motp://Corp:alice?secret=e3152afee62599c8&issuer=Corp", AccountLink, 1},
	{"Aegis motp:/label", "motp:/Corp%3Aalice?secret=e3152afee62599c8&issuer=Corp", AccountLink, 1},
	{"Motp mixed case", "Motp://Corp:alice?secret=e3152afee62599c8", AccountLink, 1},
	{"otpauth://motp/", "otpauth://motp/Corp:alice?secret=e3152afee62599c8&pin=1234", AccountLink, 1},
	{"migration", "otpauth-migration://offline?data=" + migrationHand, MigrationLink, 3},
	{"migration upper case", "  OTPAUTH-MIGRATION://offline?data=" + migrationHand, MigrationLink, 3},
	{"otpauth with a bad part", "otpauth://totp/x?secret=JBSWY3DP1", AccountLink, -1},
	{"motp with a bad secret", "motp://x?secret=zz", AccountLink, -1},
	{"migration without data", "otpauth-migration://offline", MigrationLink, -1},
	{"web address", "https://example.com/?secret=JBSWY3DPEHPK3PXP", NotALink, 0},
	{"bare secret", "JBSWY3DPEHPK3PXP", NotALink, 0},
	{"empty", "", NotALink, 0},
	{"scheme with a space", "otpauth ://totp/x?secret=JBSWY3DPEHPK3PXP", NotALink, 0},
	{"a longer scheme", "otpauthx://totp/x?secret=JBSWY3DPEHPK3PXP", NotALink, 0},
	{"scheme later in the text", "see otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", NotALink, 0},
	{"steam:// of password managers", "steam://JBSWY3DPEHPK3PXP", NotALink, 0},
}

func TestSetupLink(t *testing.T) {
	for _, tc := range setupLinkTests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SetupLinkKind(tc.text); got != tc.kind {
				t.Errorf("SetupLinkKind = %d, want %d", got, tc.kind)
			}
			if got := IsSetupLink(tc.text); got != (tc.kind != NotALink) {
				t.Errorf("IsSetupLink = %v", got)
			}
			accs, err := ParseSetupLink(tc.text)
			switch {
			case tc.kind == NotALink:
				if !errors.Is(err, ErrNotSetupLink) || accs != nil {
					t.Errorf("ParseSetupLink = %d accounts, %v; want ErrNotSetupLink", len(accs), err)
				}
			case tc.accounts < 0:
				if err == nil || errors.Is(err, ErrNotSetupLink) || accs != nil {
					t.Errorf("ParseSetupLink = %d accounts, %v; want the parser's error", len(accs), err)
				}
			case err != nil || len(accs) != tc.accounts:
				t.Errorf("ParseSetupLink = %d accounts, %v; want %d", len(accs), err, tc.accounts)
			}
		})
	}
}

// FuzzParseSetupLink checks that the one decision of what a setup link is
// agrees with the parsers: text it calls a link is never "not mine" to the
// parser it goes to, text it refuses is refused by both parsers, and what
// it returns is what that parser returns.
func FuzzParseSetupLink(f *testing.F) {
	for _, tc := range setupLinkTests {
		f.Add(tc.text)
	}
	for _, tc := range parseURITests {
		f.Add(tc.uri)
	}
	f.Fuzz(func(t *testing.T, s string) {
		accs, err := ParseSetupLink(s)
		a, uerr := ParseURI(s)
		b, merr := ParseMigrationURI(s)
		switch SetupLinkKind(s) {
		case NotALink:
			if !errors.Is(err, ErrNotSetupLink) || !errors.Is(uerr, ErrNotOTPAuth) || !errors.Is(merr, ErrNotMigration) {
				t.Fatalf("not a link: ParseSetupLink %v, ParseURI %v, ParseMigrationURI %v", err, uerr, merr)
			}
		case AccountLink:
			if errors.Is(uerr, ErrNotOTPAuth) || !errors.Is(merr, ErrNotMigration) {
				t.Fatalf("account link: ParseURI %v, ParseMigrationURI %v", uerr, merr)
			}
			if (err == nil) != (uerr == nil) || err == nil && !reflect.DeepEqual(accs, []Account{a}) {
				t.Fatalf("ParseSetupLink %v, %v; ParseURI %v, %v", accs, err, dump(a), uerr)
			}
		case MigrationLink:
			if errors.Is(merr, ErrNotMigration) || !errors.Is(uerr, ErrNotOTPAuth) {
				t.Fatalf("migration link: ParseURI %v, ParseMigrationURI %v", uerr, merr)
			}
			if (err == nil) != (merr == nil) || err == nil && !reflect.DeepEqual(accs, b.Accounts) {
				t.Fatalf("ParseSetupLink %v, %v; ParseMigrationURI %v", accs, err, merr)
			}
		}
	})
}

func TestSetupLinkLines(t *testing.T) {
	text := "\ufeff# exported 2025-11-25\r\n  otpauth://totp/A:x?secret=JBSWY3DPEHPK3PXP \r\n\n\t\n" +
		"not a link\n  # indented comment\nmotp://B:y?secret=e3152afee62599c8"
	var got []string
	for n, line := range SetupLinkLines(text) {
		got = append(got, fmt.Sprintf("%d %s", n, line))
	}
	want := []string{"2 otpauth://totp/A:x?secret=JBSWY3DPEHPK3PXP", "5 not a link", "7 motp://B:y?secret=e3152afee62599c8"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SetupLinkLines = %q, want %q", got, want)
	}
	for range SetupLinkLines(text) {
		break // stopping early must not panic
	}
}
