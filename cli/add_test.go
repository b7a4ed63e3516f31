package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

func TestCLIBadInputLeavesVaultUnchanged(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "--password-file", pw, "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP")
	before := e.snapshot()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"non-base32 secret", []string{"add", "otpauth://totp/B:b?secret=JBSW1!"}, 1, "URI 1: "},
		{"second URI bad", []string{"add", "otpauth://totp/B:b?secret=KRSXG5CT", "otpauth://xotp/C?secret=KRSXG5CT"}, 1, "URI 2: "},
		{"digits out of range", []string{"add", "otpauth://totp/B?secret=KRSXG5CT&digits=12"}, 1, "digits"},
		{"not a uri", []string{"add", "https://example.com"}, 1, "URI 1"},
		{"duplicate", []string{"add", "otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP"}, 1, "already in the vault"},
		{"manual without secret", []string{"add", "--issuer", "X"}, 2, "--secret is required"},
		{"wrong password", []string{"add", "otpauth://totp/B?secret=KRSXG5CT", "--password-file", e.write("bad", "nope\n")}, 1, "wrong password"},
		{"rm without terminal", []string{"rm", "A:a"}, 1, "not deleted"},
		{"edit nothing", []string{"edit", "A:a"}, 2, "nothing to change"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if !strings.Contains(strings.Join(args, " "), "--password-file") {
				args = append(args, "--password-file", pw)
			}
			e.fails(c.code, c.want, args...)
			e.unchanged(before)
		})
	}
}

func TestCLIMigrationURI(t *testing.T) {
	e, pw := initEnv(t)
	// A 12-account export arrives as two QR codes; core's encoder (tested
	// against hand-built protobuf there) makes them, the CLI reads them.
	var accs []core.Account
	for i := 0; i < 12; i++ {
		a, err := core.ParseURI(fmt.Sprintf("otpauth://totp/Example:user%02d?secret=JBSWY3DPEHPK3P%02d", i, 22+i%6))
		if err != nil {
			t.Fatal(err)
		}
		accs = append(accs, a)
	}
	uris, skipped, err := core.FormatMigrationURIs(accs, 42)
	if err != nil || len(skipped) != 0 || len(uris) != 2 {
		t.Fatalf("FormatMigrationURIs: %d uris, %d skipped, %v", len(uris), len(skipped), err)
	}
	// The second batch first, through stdin with '+' turned into spaces as
	// some QR readers do.
	e.ok(strings.ReplaceAll(uris[1], "%2B", " ")+"\n", "add", "-", "--password-file", pw)
	e.ok("", "add", uris[0], "--password-file", pw)
	var list []map[string]any
	json.Unmarshal([]byte(e.ok("", "list", "--json", "--password-file", pw)), &list)
	if len(list) != 12 {
		t.Fatalf("%d accounts after both batches, want 12", len(list))
	}
	// Adding a batch again adds nothing and says so.
	e.fails(1, "nothing was added", "add", uris[0], "--password-file", pw)
}
