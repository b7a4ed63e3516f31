package core

import (
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/otp"
)

// The secret of most cases: "Hello!\xde\xad\xbe\xef" in Base32.
const testSecret = "JBSWY3DPEHPK3PXP"

// b32 decodes Base32 with the standard library, independently of ParseSecret.
func b32dec(s string) Secret {
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		panic(err)
	}
	return b
}

func hexdec(s string) Secret {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// totp is a TOTP account with the defaults of a bare URI and testSecret.
func totp(issuer, name string) Account {
	return Account{Type: TOTP, Issuer: issuer, Name: name, Secret: b32dec(testSecret), Algorithm: otp.SHA1, Digits: 6, Period: 30}
}

// with returns a copy of a changed by f, to state a case's differences.
func with(a Account, f func(*Account)) Account { f(&a); return a }

var parseURITests = []struct {
	name string
	uri  string
	want Account
}{
	{"canonical", "otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30", totp("ACME Co", "john@example.com")},
	{"secret with %20 spaces", "otpauth://totp/x?secret=JBSW%20Y3DP%20EHPK%203PXP", totp("", "x")},
	{"secret with + spaces", "otpauth://totp/x?secret=JBSW+Y3DP+EHPK+3PXP", totp("", "x")},
	{"secret with raw spaces", "otpauth://totp/x?secret=JBSW Y3DP EHPK 3PXP", totp("", "x")},
	{"secret with dashes", "otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP", totp("", "x")},
	{"lowercase secret", "otpauth://totp/x?secret=jbswy3dpehpk3pxp", totp("", "x")},
	{"= padding", "otpauth://totp/x?secret=JBSWY3DPEE======", with(totp("", "x"), func(a *Account) { a.Secret = Secret("Hello!") })},
	{"%3D padding", "otpauth://totp/x?secret=JBSWY3DPEE%3D%3D%3D%3D%3D%3D", with(totp("", "x"), func(a *Account) { a.Secret = Secret("Hello!") })},
	{"no padding", "otpauth://totp/x?secret=JBSWY3DPEE", with(totp("", "x"), func(a *Account) { a.Secret = Secret("Hello!") })},
	{"%3A colon in label", "otpauth://totp/ACME%3Ajohn?secret=JBSWY3DPEHPK3PXP", totp("ACME", "john")},
	{"%3a lower-case escape", "otpauth://totp/ACME%3ajohn?secret=JBSWY3DPEHPK3PXP", totp("ACME", "john")},
	{"issuer parameter wins over label prefix", "otpauth://totp/Old%20Name:john?secret=JBSWY3DPEHPK3PXP&issuer=New", totp("New", "john")},
	{"issuer parameter with colon matched whole", "otpauth://totp/A:B:john?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB", totp("A:B", "john")},
	{"label prefix alone", "otpauth://totp/ACME:john?secret=JBSWY3DPEHPK3PXP", totp("ACME", "john")},
	{"label without colon is the name", "otpauth://totp/john@example.com?secret=JBSWY3DPEHPK3PXP", totp("", "john@example.com")},
	{"label without colon and issuer parameter", "otpauth://totp/john?secret=JBSWY3DPEHPK3PXP&issuer=ACME", totp("ACME", "john")},
	{"issuer parameter alone", "otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=ACME", totp("ACME", "")},
	{"no label at all", "otpauth://totp?secret=JBSWY3DPEHPK3PXP&issuer=ACME", totp("ACME", "")},
	{"empty issuer parameter", "otpauth://totp/ACME:john?secret=JBSWY3DPEHPK3PXP&issuer=", totp("ACME", "john")},
	{"space after the colon", "otpauth://totp/ACME:%20john?secret=JBSWY3DPEHPK3PXP", totp("ACME", "john")},
	{"whitespace around the URI", " \n\totpauth://totp/x?secret=JBSWY3DPEHPK3PXP \r\n", totp("", "x")},
	{"upper-case scheme, type and keys", "OTPAUTH://TOTP/x?SECRET=JBSWY3DPEHPK3PXP&Digits=8", with(totp("", "x"), func(a *Account) { a.Digits = 8 })},
	{"single slash", "otpauth:/totp/x?secret=JBSWY3DPEHPK3PXP", totp("", "x")},
	{"+ in label is a space", "otpauth://totp/ACME+Co:john+doe?secret=JBSWY3DPEHPK3PXP", totp("ACME Co", "john doe")},
	{"%2B in label is a plus", "otpauth://totp/john%2Btag@example.com?secret=JBSWY3DPEHPK3PXP", totp("", "john+tag@example.com")},
	{"unicode label", "otpauth://totp/B%C3%BCro:j%C3%BCrgen?secret=JBSWY3DPEHPK3PXP", totp("Büro", "jürgen")},
	{"unencoded # and space in label", "otpauth://totp/Team #1:me?secret=JBSWY3DPEHPK3PXP", totp("Team #1", "me")},
	{"stray % in label", "otpauth://totp/100%:me?secret=JBSWY3DPEHPK3PXP", totp("100%", "me")},
	{"empty parameters and stray &", "otpauth://totp/x?&secret=JBSWY3DPEHPK3PXP&&digits=&period=&algorithm=", totp("", "x")},
	{"lowercase algorithm", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha256", with(totp("", "x"), func(a *Account) { a.Algorithm = otp.SHA256 })},
	{"sha-256", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha-256", with(totp("", "x"), func(a *Account) { a.Algorithm = otp.SHA256 })},
	{"SHA512, 8 digits, 60 s", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512&digits=8&period=60", with(totp("", "x"), func(a *Account) { a.Algorithm, a.Digits, a.Period = otp.SHA512, 8, 60 })},
	{"MD5 TOTP", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", with(totp("", "x"), func(a *Account) { a.Algorithm = otp.MD5 })},
	{"FreeOTP SHA224, 9 digits, image, color, lock", "otpauth://totp/ACME:john?secret=JBSWY3DPEHPK3PXP&algorithm=SHA224&digits=9&image=https%3A%2F%2Fexample.com%2Fa.png&color=FF0000&lock=true", with(totp("ACME", "john"), func(a *Account) { a.Algorithm, a.Digits = otp.SHA224, 9 })},
	{"FreeOTP SHA384", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA384", with(totp("", "x"), func(a *Account) { a.Algorithm = otp.SHA384 })},
	{"repeated parameter: first wins", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=7&digits=8", with(totp("", "x"), func(a *Account) { a.Digits = 7 })},
	{"10 digits", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=10", with(totp("", "x"), func(a *Account) { a.Digits = 10 })},
	{"period 86400", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=86400", with(totp("", "x"), func(a *Account) { a.Period = 86400 })},
	{"period 1", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=1", with(totp("", "x"), func(a *Account) { a.Period = 1 })},
	{"hotp with counter", "otpauth://hotp/ACME:john?secret=JBSWY3DPEHPK3PXP&issuer=ACME&counter=42", hotp("ACME", "john", 42)},
	{"hotp without counter", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP", hotp("", "x", 0)},
	{"hotp counter max", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615", hotp("", "x", 1<<64-1)},
	{"hotp ignores period", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&period=60&counter=1", hotp("", "x", 1)},
	{"totp ignores counter", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&counter=7", totp("", "x")},
	{"Aegis otpauth://steam/", "otpauth://steam/Steam:gaben?period=30&digits=5&algorithm=SHA1&secret=JBSWY3DPEHPK3PXP&issuer=Steam", steam("Steam", "gaben")},
	{"KeePassXC encoder=steam", "otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&period=30&digits=5&issuer=Steam&encoder=steam", steam("Steam", "gaben")},
	{"encoder=steam without issuer", "otpauth://totp/gaben?secret=JBSWY3DPEHPK3PXP&encoder=Steam", steam("", "gaben")},
	{"algorithm=steam", "otpauth://totp/gaben?secret=JBSWY3DPEHPK3PXP&algorithm=steam", steam("", "gaben")},
	{"issuer Steam with digits=5", "otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&digits=5", steam("Steam", "gaben")},
	{"Aegis yaotp with Base32 PIN", "otpauth://yaotp/Yandex:user?period=30&digits=8&algorithm=SHA256&secret=6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY&pin=GUZDGOI&issuer=Yandex", yandex("Yandex", "user", "5239")},
	{"yaotp with plain PIN", "otpauth://yaotp/Yandex:user?secret=6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY&pin=5239", yandex("Yandex", "user", "5239")},
	{"yaotp without PIN", "otpauth://yaotp/Yandex:user?secret=6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY", yandex("Yandex", "user", "")},
	{"yandex type name", "otpauth://yandex/Yandex:user?secret=6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY&pin=GUZDGOI%3D", yandex("Yandex", "user", "5239")},
	{"Aegis motp:// with hex secret", "motp://Corp:alice?secret=e3152afee62599c8&issuer=Corp", motp("Corp", "alice", "", 10)},
	{"Aegis motp:/ as Android writes it", "motp:/Corp%3Aalice?secret=e3152afee62599c8&issuer=Corp", motp("Corp", "alice", "", 10)},
	{"otpauth://motp/ Base32 secret and PIN", "otpauth://motp/Corp:alice?secret=4MKSV7XGEWM4Q===&pin=1234&period=10", motp("Corp", "alice", "1234", 10)},
	{"otpauth://motp/ hex secret", "otpauth://motp/Corp:alice?secret=e3152afee62599c8&pin=GEZDGNA", motp("Corp", "alice", "1234", 10)},
	{"otpauth://motp/ own period", "otpauth://motp/Corp:alice?secret=e3152afee62599c8&period=30", motp("Corp", "alice", "", 30)},
}

func hotp(issuer, name string, counter uint64) Account {
	return with(totp(issuer, name), func(a *Account) { a.Type, a.Period, a.Counter = HOTP, 0, counter })
}

func steam(issuer, name string) Account {
	return with(totp(issuer, name), func(a *Account) { a.Type, a.Digits = Steam, 5 })
}

func yandex(issuer, name, pin string) Account {
	return Account{Type: Yandex, Issuer: issuer, Name: name, Secret: b32dec("6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY"),
		Algorithm: otp.SHA256, Digits: 8, Period: 30, PIN: Sensitive(pin)}
}

func motp(issuer, name, pin string, period int) Account {
	return Account{Type: MOTP, Issuer: issuer, Name: name, Secret: hexdec("e3152afee62599c8"),
		Algorithm: otp.MD5, Digits: 6, Period: period, PIN: Sensitive(pin)}
}

func TestParseURI(t *testing.T) {
	for _, tc := range parseURITests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseURI(tc.uri)
			if err != nil {
				t.Fatalf("ParseURI(%q): %v", tc.uri, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseURI(%q)\n got %s\nwant %s", tc.uri, dump(got), dump(tc.want))
			}
		})
	}
}

// dump shows an account with its secret and PIN, which %v hides.
func dump(a Account) string {
	return fmt.Sprintf("%s %q:%q secret=%x %s/%d/%ds counter=%d pin=%q", a.Type, a.Issuer, a.Name,
		[]byte(a.Secret), a.Algorithm, a.Digits, a.Period, a.Counter, string(a.PIN))
}

var parseURIErrorTests = []struct {
	name     string
	uri      string
	notOTP   bool     // errors.Is(err, ErrNotOTPAuth)
	want     []string // substrings of the message
	noSecret string   // must not appear in the message
}{
	{"https scheme", "https://example.com/?secret=JBSWY3DPEHPK3PXP", true, []string{"not an otpauth URI", `scheme "https"`}, testSecret},
	{"migration scheme", "otpauth-migration://offline?data=CjEKCkhlbGxv", true, []string{`scheme "otpauth-migration"`}, "CjEKCkhlbGxv"},
	{"bare secret", "JBSWY3DPEHPK3PXP", true, []string{"no scheme"}, testSecret},
	{"empty", "", true, []string{"no scheme"}, ""},
	{"secret pasted before a colon", "JBSWY3DP EHPK3PXP:x", true, []string{"no scheme"}, "JBSWY3DP"},
	{"missing secret", "otpauth://totp/x?issuer=ACME", false, []string{"secret is empty"}, ""},
	{"empty secret", "otpauth://totp/x?secret=", false, []string{"secret is empty"}, ""},
	{"blank secret", "otpauth://totp/x?secret=%20-%20", false, []string{"secret is empty"}, ""},
	{"non-Base32 secret", "otpauth://totp/x?secret=JBSWY3DP!HPK3PXP", false, []string{"secret is not Base32", "position 9"}, "JBSWY3DP!HPK3PXP"},
	{"secret with 1 and 8", "otpauth://totp/x?secret=JBSWY3DP1HPK3PX8", false, []string{"secret is not Base32", "'1'"}, "JBSWY3DP1HPK3PX8"},
	{"secret of bad length", "otpauth://totp/x?secret=JBSWY3DPE", false, []string{"secret is not Base32", "9 characters"}, "JBSWY3DPE"},
	{"secret of bad length 14", "otpauth://totp/x?secret=JBSWY3DPEHPK3P", false, []string{"secret is not Base32", "14 characters"}, "JBSWY3DPEHPK3P"},
	{"one-character secret", "otpauth://totp/x?secret=J", false, []string{"secret is not Base32", "1 characters"}, ""},
	{"unknown type", "otpauth://xotp/x?secret=JBSWY3DPEHPK3PXP", false, []string{`unknown type "xotp"`}, testSecret},
	{"no type", "otpauth:///x?secret=JBSWY3DPEHPK3PXP", false, []string{`unknown type ""`}, testSecret},
	{"digits 5", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5", false, []string{`digits "5" out of range (6–10)`}, testSecret},
	{"digits 11", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&digits=11", false, []string{`digits "11" out of range`}, testSecret},
	{"digits huge", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=99999999999999999999", false, []string{`digits "99999999999999999999" out of range`}, testSecret},
	{"digits not a number", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six", false, []string{`digits "six" is not a number`}, testSecret},
	{"period 0", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0", false, []string{`period "0" out of range (1–86400)`}, testSecret},
	{"period 86401", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=86401", false, []string{`period "86401" out of range`}, testSecret},
	{"period negative", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30", false, []string{`period "-30" out of range`}, testSecret},
	{"period not a number", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=30s", false, []string{`period "30s" is not a number`}, testSecret},
	{"mOTP period not a number", "otpauth://motp/x?secret=JBSWY3DPEHPK3PXP&period=ten", false, []string{`period "ten" is not a number`}, testSecret},
	{"counter not a number", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=one", false, []string{`counter "one" is not a whole number`}, testSecret},
	{"counter negative", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=-1", false, []string{`counter "-1" is not a whole number`}, testSecret},
	{"counter too big", "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551616", false, []string{`counter "18446744073709551616"`}, testSecret},
	{"unknown algorithm", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA3", false, []string{`unknown algorithm "SHA3"`}, testSecret},
	{"PIN not digits", "otpauth://yaotp/x?secret=JBSWY3DPEHPK3PXP&pin=12ab!", false, []string{"pin is not a number"}, "12ab!"},
	{"Base32 PIN not digits", "otpauth://motp/x?secret=JBSWY3DPEHPK3PXP&pin=MFRGG", false, []string{"pin is not a number"}, "MFRGG"},
	{"motp:// secret not hex", "motp://x?secret=e3152afee62599cz", false, []string{"secret is not hex"}, "e3152afee62599cz"},
	{"motp:// secret odd length", "motp://x?secret=e3152afee62599c", false, []string{"secret is not hex"}, "e3152afee62599c"},
	{"label not UTF-8", "otpauth://totp/%FF%FE?secret=JBSWY3DPEHPK3PXP", false, []string{"not valid UTF-8"}, testSecret},
}

func TestParseURIErrors(t *testing.T) {
	for _, tc := range parseURIErrorTests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseURI(tc.uri)
			if err == nil {
				t.Fatalf("ParseURI(%q) = %s, want an error", tc.uri, dump(a))
			}
			if got := errors.Is(err, ErrNotOTPAuth); got != tc.notOTP {
				t.Errorf("errors.Is(%v, ErrNotOTPAuth) = %v, want %v", err, got, tc.notOTP)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if tc.noSecret != "" && strings.Contains(err.Error(), tc.noSecret) {
				t.Errorf("error %q leaks the secret %q", err, tc.noSecret)
			}
		})
	}
}

// roundTripAccounts covers every type and the labels that need escaping.
var roundTripAccounts = []struct {
	name string
	a    Account
}{
	{"plain", totp("ACME", "john@example.com")},
	{"issuer only", totp("ACME", "")},
	{"name only", totp("", "john")},
	{"neither", totp("", "")},
	{"spaces and plus", totp("ACME Co", "john+tag doe")},
	{"colon in issuer", totp("A:B", "john")},
	{"colon in name", totp("ACME", "a:b")},
	{"colon in name without issuer", totp("", "a:b")},
	{"leading colon in name without issuer", totp("", ":a")},
	{"name repeating the issuer prefix", totp("ACME", "ACME:john")},
	{"name equal to issuer", totp("GitHub", "GitHub")},
	{"slash, percent, hash, query characters", totp("a/b%c#d", "e?f&g=h;i,j")},
	{"unicode", totp("Büro ☃", "jürgen@例え.jp")},
	{"issuer Steam on a TOTP", totp("Steam", "not guard")},
	{"SHA256 8 digits 60 s", with(totp("x", "y"), func(a *Account) { a.Algorithm, a.Digits, a.Period = otp.SHA256, 8, 60 })},
	{"SHA512 10 digits 86400 s", with(totp("x", "y"), func(a *Account) { a.Algorithm, a.Digits, a.Period = otp.SHA512, 10, 86400 })},
	{"SHA224", with(totp("x", "y"), func(a *Account) { a.Algorithm = otp.SHA224 })},
	{"SHA384", with(totp("x", "y"), func(a *Account) { a.Algorithm = otp.SHA384 })},
	{"MD5", with(totp("x", "y"), func(a *Account) { a.Algorithm = otp.MD5 })},
	{"hotp", hotp("ACME", "john", 42)},
	{"hotp counter 0", hotp("ACME", "john", 0)},
	{"hotp counter max", hotp("ACME", "john", 1<<64-1)},
	{"hotp SHA256 8 digits", with(hotp("x", "y", 3), func(a *Account) { a.Algorithm, a.Digits = otp.SHA256, 8 })},
	{"steam", steam("Steam", "gaben")},
	{"steam without issuer", steam("", "gaben")},
	{"yandex with PIN", yandex("Yandex", "user", "5239")},
	{"yandex long PIN", yandex("Yandex", "user", "5210481216086702")},
	{"yandex without PIN", yandex("", "user", "")},
	{"motp with PIN", motp("Corp", "alice", "1234", 10)},
	{"motp without PIN", motp("Corp", "alice", "", 10)},
	{"motp period 30", motp("Corp", "alice", "0000", 30)},
	{"long secret", with(totp("x", "y"), func(a *Account) { a.Secret = Secret(strings.Repeat("\xff\x00", 64)) })},
}

func TestFormatURIRoundTrip(t *testing.T) {
	for _, tc := range roundTripAccounts {
		t.Run(tc.name, func(t *testing.T) {
			uri := FormatURI(&tc.a)
			got, err := ParseURI(uri)
			if err != nil {
				t.Fatalf("ParseURI(FormatURI) = %v\nuri %s", err, uri)
			}
			if !reflect.DeepEqual(got, tc.a) {
				t.Errorf("round trip through %s\n got %s\nwant %s", uri, dump(got), dump(tc.a))
			}
		})
	}
}

func TestFormatURI(t *testing.T) {
	tests := []struct {
		name string
		a    Account
		want string
	}{
		{"canonical totp", totp("ACME Co", "john@example.com"),
			"otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"},
		{"hotp", hotp("ACME", "john", 42),
			"otpauth://hotp/ACME:john?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA1&digits=6&counter=42"},
		{"steam", steam("Steam", "gaben"),
			"otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam"},
		{"yandex", yandex("Yandex", "user", "5239"),
			"otpauth://yaotp/Yandex:user?secret=6SB2IKNM6OBZPAVBVTOHDKS4FAAAAAAADFUTQMBTRY&issuer=Yandex&algorithm=SHA256&digits=8&period=30&pin=GUZDGOI"},
		{"motp", motp("", "alice", "1234", 10),
			"otpauth://motp/alice?secret=4MKSV7XGEWM4Q&algorithm=MD5&digits=6&period=10&pin=GEZDGNA"},
		{"escapes", totp("A:B/C", "x+y z?#%"),
			"otpauth://totp/A%3AB%2FC:x%2By%20z%3F%23%25?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB%2FC&algorithm=SHA1&digits=6&period=30"},
		{"colon in name without issuer", totp("", "a:b"),
			"otpauth://totp/:a%3Ab?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatURI(&tc.a); got != tc.want {
				t.Errorf("FormatURI\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func ExampleParseURI() {
	a, err := ParseURI("otpauth://totp/ACME%20Co:john@example.com?secret=jbsw-y3dp-ehpk-3pxp&algorithm=sha256")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Label(), a.Type, a.Algorithm, a.Digits, a.Period, a.Secret.Grouped())
	fmt.Println(FormatURI(&a))
	// Output:
	// ACME Co:john@example.com totp SHA256 6 30 JBSW Y3DP EHPK 3PXP
	// otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA256&digits=6&period=30
}

func BenchmarkParseURI(b *testing.B) {
	const uri = "otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseURI(uri); err != nil {
			b.Fatal(err)
		}
	}
}
