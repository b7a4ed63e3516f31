package core

import (
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseURI checks that ParseURI never panics, tells "not otpauth" apart
// from "bad otpauth", and that whatever it accepts survives FormatURI and
// ParseURI unchanged.
func FuzzParseURI(f *testing.F) {
	for _, tc := range parseURITests {
		f.Add(tc.uri)
	}
	for _, tc := range parseURIErrorTests {
		f.Add(tc.uri)
	}
	for _, tc := range roundTripAccounts {
		f.Add(FormatURI(&tc.a))
	}
	f.Fuzz(func(t *testing.T, uri string) {
		a, err := ParseURI(uri)
		if err != nil {
			if a.Type != "" || a.Secret != nil {
				t.Errorf("ParseURI failed (%v) but returned %s", err, dump(a))
			}
			return
		}
		out := FormatURI(&a)
		b, err := ParseURI(out)
		if err != nil {
			t.Fatalf("ParseURI(FormatURI(ParseURI(%q))) failed: %v\nformatted %s", uri, err, out)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip of %q through %s\n got %s\nwant %s", uri, out, dump(b), dump(a))
		}
	})
}

// FuzzParseMigrationURI checks that ParseMigrationURI never panics and that
// whatever it accepts FormatMigrationURIs writes back whole: no account
// skipped, the same accounts in the same order, the same batch id.
func FuzzParseMigrationURI(f *testing.F) {
	for _, uri := range []string{migrationDim13, migration2FAS,
		"otpauth-migration://offline?data=" + migrationHand,
		"otpauth-migration://offline?data=EAEYASAA",
		"otpauth-migration://offline?data=CjEK*CkhlbGxv",
		payload(params(1, "\x01", 2, "x", 4, 7)),
		payload(params(1, "\x01", 2, "x", 6, 1, 7, -1)),
	} {
		f.Add(uri)
	}
	uris, _, err := FormatMigrationURIs(append(migrationHandBatch.Accounts, totp("", "a:b")), -7)
	if err != nil {
		f.Fatal(err)
	}
	for _, uri := range uris {
		f.Add(uri)
	}
	f.Fuzz(func(t *testing.T, uri string) { checkMigrationRoundTrip(t, uri) })
}

// FuzzMigrationPayload feeds raw protobuf, which reaches the decoder's
// corners far sooner than mutations of base64 text do.
func FuzzMigrationPayload(f *testing.F) {
	for _, s := range []string{migrationHand, "EAEYASAA",
		"CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC"} {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkMigrationRoundTrip(t, "otpauth-migration://offline?data="+base64.RawURLEncoding.EncodeToString(data))
	})
}

func checkMigrationRoundTrip(t *testing.T, uri string) {
	b, err := ParseMigrationURI(uri)
	if err != nil {
		if len(b.Accounts) != 0 || errors.Is(err, ErrNotMigration) != !hasMigrationScheme(uri) {
			t.Errorf("ParseMigrationURI failed (%v) with %d accounts", err, len(b.Accounts))
		}
		return
	}
	uris, skipped, err := FormatMigrationURIs(b.Accounts, b.BatchID)
	if err != nil || len(skipped) != 0 {
		t.Fatalf("FormatMigrationURIs of a parsed batch: %d skipped, %v", len(skipped), err)
	}
	var got []Account
	for i, u := range uris {
		c, err := ParseMigrationURI(u)
		if err != nil {
			t.Fatalf("ParseMigrationURI(%s): %v", u, err)
		}
		if c.BatchID != b.BatchID || c.BatchIndex != i || c.BatchSize != len(uris) || c.Version != 1 {
			t.Errorf("URI %d: batch id %d index %d size %d version %d; want %d %d %d 1",
				i, c.BatchID, c.BatchIndex, c.BatchSize, c.Version, b.BatchID, i, len(uris))
		}
		got = append(got, c.Accounts...)
	}
	if !reflect.DeepEqual(got, b.Accounts) {
		t.Fatalf("round trip of %s\n got %v\nwant %s", uri, got, dumpBatch(b))
	}
}

// hasMigrationScheme is the fuzz oracle for ErrNotMigration, written apart
// from the parser: the trimmed text starts with the scheme and a colon, in
// any ASCII case.
func hasMigrationScheme(uri string) bool {
	const scheme = "otpauth-migration:"
	s := strings.TrimSpace(uri)
	if len(s) < len(scheme) {
		return false
	}
	for i := range len(scheme) {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != scheme[i] {
			return false
		}
	}
	return true
}
