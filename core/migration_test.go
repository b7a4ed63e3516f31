package core

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/otp"
	"google.golang.org/protobuf/encoding/protowire"
)

// Real-world exports, decoded independently (Python base64 and a hand
// varint reader) to the fields the tests expect.
const (
	// From dim13/otpauth's README: name carries the "Example:" prefix and no
	// batch fields are set.
	migrationDim13 = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC"
	// 2FAS's test token exported by Google Authenticator (VPKSoft/gauth-decode
	// README): percent-encoded, a negative batch_id as a 10-byte varint.
	migration2FAS = "otpauth-migration://offline?data=Ch8KBdFBKZJTEgpUZXN0IFRva2VuGgQyRkFTIAEoATACEAEYASAAKIji6ej7%2F%2F%2F%2F%2FwE%3D"
)

// migrationHand is protobuf written byte by byte by a Python script (a
// varint and tag writer, no protobuf library), base64 standard alphabet:
//
//	account 1: secret "12345678901234567890", name "alice@example.com",
//	           issuer "ACME Co", SHA256, EIGHT, HOTP, counter 42,
//	           unknown field 15 = 7
//	account 2: secret fb ff bf 3e ef be fb ef ff fe, name "GitHub:bob",
//	           nothing else (UNSPECIFIED algorithm, digits and type)
//	account 3: secret 00..09, name "Example:carol é", issuer "Example",
//	           SHA512, SIX, TOTP
//	version 1, batch_size 2, batch_index 1, batch_id 123456789,
//	unknown field 9 = "xyz"
//
// Its base64 holds '+', '/' and '=' so that every spelling below differs.
const migrationHand = "CjwKFDEyMzQ1Njc4OTAxMjM0NTY3ODkwEhFhbGljZUBleGFtcGxlLmNvbRoHQUNNRSBDbyACKAIwATgqeAcKGAoK+/+/Pu++++///hIKR2l0SHViOmJvYgotCgoAAQIDBAUGBwgJEhBFeGFtcGxlOmNhcm9sIMOpGgdFeGFtcGxlIAMoATACEAEYAiABKJWa7zpKA3h5eg=="

var migrationHandBatch = Batch{
	Accounts: []Account{
		{Type: HOTP, Issuer: "ACME Co", Name: "alice@example.com", Secret: Secret("12345678901234567890"), Algorithm: otp.SHA256, Digits: 8, Counter: 42},
		{Type: TOTP, Issuer: "GitHub", Name: "bob", Secret: b32dec("7P736PXPX3567776"), Algorithm: otp.SHA1, Digits: 6, Period: 30},
		{Type: TOTP, Issuer: "Example", Name: "carol é", Secret: b32dec("AAAQEAYEAUDAOCAJ"), Algorithm: otp.SHA512, Digits: 6, Period: 30},
	},
	Version: 1, BatchSize: 2, BatchIndex: 1, BatchID: 123456789,
}

func TestParseMigrationURI(t *testing.T) {
	urlAlphabet := strings.NewReplacer("+", "-", "/", "_", "=", "").Replace(migrationHand)
	tests := []struct {
		name string
		uri  string
		want Batch
	}{
		{"dim13 README", migrationDim13, Batch{Accounts: []Account{totp("Example", "alice@google.com")}}},
		{"2FAS via Google Authenticator", migration2FAS, Batch{
			Accounts: []Account{with(totp("2FAS", "Test Token"), func(a *Account) { a.Secret = b32dec("2FASTEST") })},
			Version:  1, BatchSize: 1, BatchIndex: 0, BatchID: -1122340600,
		}},
		{"percent-encoded", "otpauth-migration://offline?data=" + url.QueryEscape(migrationHand), migrationHandBatch},
		{"raw standard base64", "otpauth-migration://offline?data=" + migrationHand, migrationHandBatch},
		{"+ turned into spaces", "otpauth-migration://offline?data=" + strings.ReplaceAll(migrationHand, "+", " "), migrationHandBatch},
		{"+ as %20", "otpauth-migration://offline?data=" + strings.ReplaceAll(migrationHand, "+", "%20"), migrationHandBatch},
		{"unpadded", "otpauth-migration://offline?data=" + strings.TrimRight(migrationHand, "="), migrationHandBatch},
		{"URL alphabet, unpadded", "otpauth-migration://offline?data=" + urlAlphabet, migrationHandBatch},
		{"int32 fields as 32-bit varints", payloadWith(
			protowire.AppendVarint(protowire.AppendTag(nil, 5, protowire.VarintType), 0xFFFFFFFB), // batch_id -5
			params(1, "Hello!\xde\xad\xbe\xef", 2, "Example:alice@google.com")),
			Batch{Accounts: []Account{totp("Example", "alice@google.com")}, BatchID: -5}},
		{"upper-case scheme, whitespace, other parameters", "  OTPAUTH-MIGRATION://offline?x=1&DATA=" + migrationHand + "&y=2\n", migrationHandBatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMigrationURI(tc.uri)
			if err != nil {
				t.Fatalf("ParseMigrationURI: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseMigrationURI\n got %s\nwant %s", dumpBatch(got), dumpBatch(tc.want))
			}
		})
	}
}

func dumpBatch(b Batch) string {
	s := fmt.Sprintf("version %d size %d index %d id %d", b.Version, b.BatchSize, b.BatchIndex, b.BatchID)
	for _, a := range b.Accounts {
		s += "\n  " + dump(a)
	}
	return s
}

// payload builds test protobuf with protowire: each params is one account's
// fields, already encoded.
func payload(params ...[]byte) string { return payloadWith(nil, params...) }

// payloadWith is payload with top-level fields first.
func payloadWith(top []byte, params ...[]byte) string {
	b := top
	for _, p := range params {
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, p)
	}
	return "otpauth-migration://offline?data=" + url.QueryEscape(base64.StdEncoding.EncodeToString(b))
}

// params encodes account fields: []byte and string values as bytes fields,
// int and uint64 values as varints, keyed by field number.
func params(fields ...any) []byte {
	var b []byte
	for i := 0; i < len(fields); i += 2 {
		num := protowire.Number(fields[i].(int))
		switch v := fields[i+1].(type) {
		case string:
			b = protowire.AppendTag(b, num, protowire.BytesType)
			b = protowire.AppendString(b, v)
		case int:
			b = protowire.AppendTag(b, num, protowire.VarintType)
			b = protowire.AppendVarint(b, uint64(v))
		}
	}
	return b
}

func TestParseMigrationURIErrors(t *testing.T) {
	const secret = "\x48\x65\x6c\x6c\x6f\x21\xde\xad\xbe\xef"
	truncated := migrationHand[:40]
	tests := []struct {
		name   string
		uri    string
		notMig bool
		want   []string
	}{
		{"otpauth URI", "otpauth://totp/x?secret=" + testSecret, true, []string{`scheme "otpauth"`}},
		{"no scheme", migrationHand, true, []string{"no scheme"}},
		{"no data", "otpauth-migration://offline?foo=bar", false, []string{"data parameter is missing or empty"}},
		{"empty data", "otpauth-migration://offline?data=", false, []string{"data parameter is missing or empty"}},
		{"not base64", "otpauth-migration://offline?data=CjEK*CkhlbGxv", false, []string{"data is not base64", "input byte 4"}},
		{"truncated protobuf", "otpauth-migration://offline?data=" + truncated, false, []string{"not a migration payload"}},
		{"empty payload", payload(), false, []string{"data parameter is missing or empty"}},
		{"only batch fields", "otpauth-migration://offline?data=EAEYASAA", false, []string{"payload holds no accounts"}},
		{"empty secret", payload(params(2, "x")), false, []string{"account 1: secret is empty"}},
		{"unknown algorithm", payload(params(1, secret, 2, "x"), params(1, secret, 2, "y", 4, 7)), false, []string{"account 2: unknown algorithm 7"}},
		{"unknown digit count", payload(params(1, secret, 2, "x", 5, 3)), false, []string{"unknown digit count 3"}},
		{"unknown type", payload(params(1, secret, 2, "x", 6, 5)), false, []string{"unknown type 5"}},
		{"negative counter", payload(params(1, secret, 2, "x", 6, 1, 7, -1)), false, []string{"counter -1 is negative"}},
		{"name not UTF-8", payload(params(1, secret, 2, "\xff")), false, []string{"not valid UTF-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := ParseMigrationURI(tc.uri)
			if err == nil {
				t.Fatalf("ParseMigrationURI = %s, want an error", dumpBatch(b))
			}
			if got := errors.Is(err, ErrNotMigration); got != tc.notMig {
				t.Errorf("errors.Is(%v, ErrNotMigration) = %v, want %v", err, got, tc.notMig)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "CjEK") || strings.Contains(err.Error(), secret) {
				t.Errorf("error %q quotes the data", err)
			}
		})
	}
}

func TestFormatMigrationURIsRoundTrip(t *testing.T) {
	var accounts []Account
	for i := range 25 {
		a := totp(fmt.Sprintf("Issuer %d", i), fmt.Sprintf("user%d@example.com", i))
		a.Secret = Secret(fmt.Sprintf("secret-%02d-0123456789", i))
		switch i % 5 {
		case 1:
			a = with(hotp(a.Issuer, a.Name, uint64(i)*1000), func(h *Account) { h.Secret = a.Secret })
		case 2:
			a.Algorithm, a.Digits = otp.SHA256, 8
		case 3:
			a.Algorithm = otp.SHA512
		case 4:
			a.Algorithm = otp.MD5
		}
		accounts = append(accounts, a)
	}
	// Names the colon rules must carry unchanged.
	accounts[0].Issuer, accounts[0].Name = "", "a:b"
	accounts[5].Name = accounts[5].Issuer + ":c"
	accounts[10].Issuer = "Ünïcødé ☃"
	accounts[11].Counter = 1<<63 - 1

	for _, batchID := range []int{123456789, -5, 0} {
		t.Run(fmt.Sprint("batch id ", batchID), func(t *testing.T) {
			uris, skipped, err := FormatMigrationURIs(accounts, batchID)
			if err != nil || len(skipped) != 0 {
				t.Fatalf("FormatMigrationURIs: skipped %d, %v", len(skipped), err)
			}
			if len(uris) != 3 {
				t.Fatalf("got %d URIs for 25 accounts, want 3", len(uris))
			}
			var got []Account
			for i, uri := range uris {
				b, err := ParseMigrationURI(uri)
				if err != nil {
					t.Fatalf("URI %d: %v", i, err)
				}
				wantLen := []int{10, 10, 5}[i]
				if len(b.Accounts) != wantLen || b.Version != 1 || b.BatchSize != 3 || b.BatchIndex != i || b.BatchID != batchID {
					t.Errorf("URI %d: %d accounts, version %d, size %d, index %d, id %d; want %d, 1, 3, %d, %d",
						i, len(b.Accounts), b.Version, b.BatchSize, b.BatchIndex, b.BatchID, wantLen, i, batchID)
				}
				got = append(got, b.Accounts...)
			}
			for i := range accounts {
				if i >= len(got) || !reflect.DeepEqual(got[i], accounts[i]) {
					t.Errorf("account %d\n got %v\nwant %s", i, got[i:min(i+1, len(got))], dump(accounts[i]))
				}
			}
		})
	}
}

func TestFormatMigrationURIsSkips(t *testing.T) {
	carried := []Account{totp("A", "a"), hotp("B", "b", 7), with(totp("C", "c"), func(a *Account) { a.Digits = 8 })}
	notCarried := []Account{
		steam("Steam", "gaben"),
		yandex("Yandex", "user", "5239"),
		motp("Corp", "alice", "1234", 10),
		with(totp("P", "60 s"), func(a *Account) { a.Period = 60 }),
		with(totp("D", "7 digits"), func(a *Account) { a.Digits = 7 }),
		with(hotp("D", "10 digits", 0), func(a *Account) { a.Digits = 10 }),
		with(totp("S", "SHA224"), func(a *Account) { a.Algorithm = otp.SHA224 }),
		with(totp("S", "SHA384"), func(a *Account) { a.Algorithm = otp.SHA384 }),
		hotp("H", "counter past int64", 1<<63),
		with(totp("E", "no secret"), func(a *Account) { a.Secret = nil }),
	}
	var all []Account
	for i := range max(len(carried), len(notCarried)) {
		if i < len(notCarried) {
			all = append(all, notCarried[i])
		}
		if i < len(carried) {
			all = append(all, carried[i])
		}
	}
	uris, skipped, err := FormatMigrationURIs(all, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(skipped, notCarried) {
		t.Errorf("skipped %d accounts, want these %d in order:", len(skipped), len(notCarried))
		for _, a := range notCarried {
			t.Log(dump(a))
		}
	}
	if len(uris) != 1 {
		t.Fatalf("got %d URIs, want 1", len(uris))
	}
	b, err := ParseMigrationURI(uris[0])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Accounts, carried) {
		t.Errorf("carried\n got %s\nwant the %d accounts that fit", dumpBatch(b), len(carried))
	}
}

func TestFormatMigrationURIsEdges(t *testing.T) {
	t.Run("nothing to carry", func(t *testing.T) {
		uris, skipped, err := FormatMigrationURIs([]Account{steam("", "x")}, 1)
		if err != nil || len(uris) != 0 || len(skipped) != 1 {
			t.Errorf("got %d URIs, %d skipped, %v; want 0, 1, nil", len(uris), len(skipped), err)
		}
	})
	for _, id := range []int{1 << 31, -1<<31 - 1} {
		t.Run(fmt.Sprint("batch id ", id), func(t *testing.T) {
			_, _, err := FormatMigrationURIs([]Account{totp("", "x")}, id)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprint("batch id ", id)) {
				t.Errorf("err = %v, want one naming batch id %d", err, id)
			}
		})
	}
}

func BenchmarkParseMigration(b *testing.B) {
	for _, n := range []int{1, 10} {
		accounts := make([]Account, n)
		for i := range accounts {
			accounts[i] = totp("Issuer", fmt.Sprintf("user%d@example.com", i))
		}
		uris, _, err := FormatMigrationURIs(accounts, 1)
		if err != nil || len(uris) != 1 {
			b.Fatal(err, len(uris))
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseMigrationURI(uris[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
