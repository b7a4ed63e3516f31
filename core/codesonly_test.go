package core

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// An entry that keeps only a site's recovery codes: valid, but with no
// code, no URI and no place in another app's export.
func TestCodesOnlyEntry(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	a := Account{Issuer: "Yubico-only bank", Name: "me"}
	a.Defaults()
	if err := a.Validate(); err == nil {
		t.Fatal("an entry with neither a secret nor codes is valid")
	}
	if err := a.AddRecoveryCodes([]string{"1111-2222", "3333-4444"}, now); err != nil {
		t.Fatal(err)
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("codes-only entry: %v", err)
	}
	if a.HasSecret() || a.Code(now) != "" || FormatURI(&a) != "" {
		t.Fatalf("codes-only entry: secret %v, code %q, URI %q", a.HasSecret(), a.Code(now), FormatURI(&a))
	}
	if err := a.NeedSecret(); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("NeedSecret: %v", err)
	}
	uris, skipped, err := FormatMigrationURIs([]Account{a}, 1)
	if err != nil || len(uris) != 0 || len(skipped) != 1 {
		t.Fatalf("migration: %d URIs, %d skipped, %v", len(uris), len(skipped), err)
	}
	if err := a.RemoveRecoveryCode(0); err != nil {
		t.Fatal(err)
	}
	if err := a.RemoveRecoveryCode(0); !errors.Is(err, ErrLastCode) || len(a.RecoveryCodes) != 1 {
		t.Fatalf("removing the last code: %v, %d left", err, len(a.RecoveryCodes))
	}
	withSecret := Account{Issuer: "X", Name: "y", Secret: Secret("12345678901234567890")}
	if err := withSecret.NeedSecret(); err != nil {
		t.Fatal(err)
	}
}

func TestSplitCodesOnly(t *testing.T) {
	s := Account{Name: "s", Secret: Secret("k")}
	c := Account{Name: "c", RecoveryCodes: []RecoveryCode{{Code: "x"}}}
	for _, tc := range []struct {
		in         []Account
		with, only string
	}{
		{nil, "", ""},
		{[]Account{s, s}, "ss", ""},
		{[]Account{c}, "", "c"},
		{[]Account{s, c, s, c}, "ss", "cc"},
		{[]Account{c, s}, "s", "c"},
	} {
		w, o := SplitCodesOnly(tc.in)
		if names(w) != tc.with || names(o) != tc.only {
			t.Errorf("SplitCodesOnly(%s) = %q, %q; want %q, %q", names(tc.in), names(w), names(o), tc.with, tc.only)
		}
	}
}

func names(accs []Account) string {
	var b []byte
	for _, a := range accs {
		b = append(b, a.Name...)
	}
	return string(b)
}

func TestNewCodesOnly(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		label, issuer, name string
		codes               []string
		err                 string
	}{
		{"Bank:me@example.com", "Bank", "me@example.com", []string{"1111-2222"}, ""},
		{" Forum ", "Forum", "", []string{"a1", "b2"}, ""},
		{":bob", "", "bob", []string{"a1"}, ""},
		{" : ", "", "", []string{"a1"}, "needs a name"},
		{"Bank:me", "", "", nil, "no recovery codes given"},
		{"Bank:me", "", "", []string{"a1", "A-1"}, "already saved"},
	} {
		a, err := NewCodesOnly(c.label, c.codes, now)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("NewCodesOnly(%q): %v, want %q", c.label, err, c.err)
			}
		case err != nil:
			t.Errorf("NewCodesOnly(%q): %v", c.label, err)
		case a.Issuer != c.issuer || a.Name != c.name || len(a.RecoveryCodes) != len(c.codes) || a.HasSecret() || a.Validate() != nil:
			t.Errorf("NewCodesOnly(%q) = %+v (valid: %v)", c.label, a, a.Validate())
		}
	}
}
