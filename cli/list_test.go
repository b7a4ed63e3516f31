//go:build !windows

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // ASCII "12345678901234567890"

func TestCLIAddListCode(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")

	// Flags before and after the arguments, a tolerant URI, and stdin.
	e.ok("", "add", "--password-file", pw,
		"otpauth://totp/RFC:sha1?secret="+rfcSecret+"&digits=8&issuer=RFC")
	e.ok("otpauth://hotp/Counter:bob?secret=gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq&counter=0\n# comment\n\n",
		"add", "-", "--password-file", pw)
	e.ok("", "add", "--issuer", "Binance", "--name", "me@example.com", "--secret", "JBSWY3DPEHPK3PXP", "--password-file", pw)
	e.ok("", "add", "--issuer", "Valve", "--name", "gamer", "--secret", "63BEDWCQZKTQWPESARIERL5DTTQFCJTK", "--type", "steam", "--password-file", pw)

	cases := []struct {
		query, at, want string
	}{
		{"RFC:sha1", "59", "94287082"},    // RFC 6238, exact label
		{"rfc", "1111111109", "07081804"}, // unique substring, any case
		{"valve", "1511200518", "FR8RV"},  // Steam vector
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			got := e.ok("", "code", c.query, "--at", c.at, "--password-file", pw)
			if strings.TrimSpace(got) != c.want {
				t.Fatalf("code %s at %s = %q, want %s", c.query, c.at, got, c.want)
			}
		})
	}
	// HOTP prints the code for the stored counter, then advances it.
	for _, want := range []string{"755224", "287082", "359152"} {
		if got := strings.TrimSpace(e.ok("", "code", "counter", "--password-file", pw)); got != want {
			t.Fatalf("hotp code = %s, want %s", got, want)
		}
	}
	// The TOTP code agrees with oathtool for "now".
	if oath := testkit.NeedTool(t, "oathtool"); oath != "" {
		out, err := exec.Command(oath, "--totp", "-b", "-N", "@1700000000", "JBSWY3DPEHPK3PXP").Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := e.ok("", "code", "binance", "--at", "1700000000", "--password-file", pw); got != string(out) {
			t.Fatalf("code = %q, oathtool = %q", got, out)
		}
	}

	var list []map[string]any
	out := e.ok("", "list", "--json", "--password-file", pw)
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	if len(list) != 4 {
		t.Fatalf("list has %d accounts, want 4", len(list))
	}
	for _, secret := range []string{rfcSecret, "JBSWY3DPEHPK3PXP", "63BEDWCQ"} {
		if strings.Contains(out, secret) || strings.Contains(e.ok("", "list", "--password-file", pw), secret) {
			t.Fatalf("list printed a secret")
		}
	}
	if list[1]["type"] != "hotp" || list[1]["counter"] != float64(3) {
		t.Fatalf("hotp entry = %v, want counter 3", list[1])
	}
	for _, key := range []string{"id", "issuer", "name", "type", "algorithm", "digits", "groups", "recovery_codes"} {
		if _, ok := list[0][key]; !ok {
			t.Fatalf("list --json lacks %q: %v", key, list[0])
		}
	}
}

func TestCLIAmbiguousAndMissing(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	e.ok("", "add", "--password-file", pw,
		"otpauth://totp/Google:alice@gmail.com?secret=JBSWY3DPEHPK3PXP",
		"otpauth://totp/Google:bob@gmail.com?secret=KRSXG5CTMVRXEZLU")
	r := e.fails(2, "matches 2 accounts", "code", "google", "--password-file", pw)
	if !strings.Contains(r.stderr, "Google:alice@gmail.com") || !strings.Contains(r.stderr, "Google:bob@gmail.com") {
		t.Fatalf("ambiguity does not list candidates: %s", r.stderr)
	}
	if got := e.ok("", "code", "google:bob@gmail.com", "--password-file", pw); len(strings.TrimSpace(got)) != 6 {
		t.Fatalf("exact label did not pick one: %q", got)
	}
	e.fails(1, `no account matches "github"`, "code", "github", "--password-file", pw)
	e.fails(2, "unknown command", "frobnicate")
	e.fails(2, "not a number", "code", "google", "--at", "soon", "--password-file", pw)
}

func TestCLIBadInputLeavesVaultUnchanged(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
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

func TestCLIShowEditRm(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
	uri := "otpauth://totp/GitHub:octo%20cat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60"
	e.ok("", "add", uri, "--password-file", pw)
	show := e.ok("", "show", "github", "--password-file", pw)
	for _, want := range []string{"GitHub", "octo cat", "SHA256", "60 s"} {
		if !strings.Contains(show, want) {
			t.Fatalf("show lacks %q:\n%s", want, show)
		}
	}
	if strings.Contains(show, "JBSWY3DPEHPK3PXP") {
		t.Fatal("show printed the secret without --uri")
	}
	got := strings.TrimSpace(e.ok("", "show", "github", "--uri", "--password-file", pw))
	if !strings.Contains(got, "secret=JBSWY3DPEHPK3PXP") || !strings.HasPrefix(got, "otpauth://totp/") {
		t.Fatalf("show --uri = %q", got)
	}
	// The printed URI adds the same account to another vault.
	e2 := newEnv(t)
	e2.init()
	e2.ok("", "add", got, "--password-file", e2.path("pw"))
	if a, b := e.ok("", "code", "github", "--at", "1000", "--password-file", pw), e2.ok("", "code", "github", "--at", "1000", "--password-file", e2.path("pw")); a != b {
		t.Fatalf("code after round trip %q != %q", b, a)
	}

	png := e.path("gh.png")
	e.ok("", "show", "github", "--qr", png, "--password-file", pw)
	if st, err := os.Stat(png); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("qr file: %v %v", st, err)
	}
	zbar := testkit.NeedTool(t, "zbarimg")
	out, err := exec.Command(zbar, "-q", "--raw", png).Output()
	if err != nil || strings.TrimSpace(string(out)) != got {
		t.Fatalf("zbarimg read %q (%v), want %q", out, err, got)
	}

	e.ok("", "edit", "github", "--issuer", "GitHub Inc", "--group", "work", "--group", "dev", "--note", "2FA since 2020", "--favorite", "--password-file", pw)
	var list []map[string]any
	json.Unmarshal([]byte(e.ok("", "list", "--json", "--password-file", pw)), &list)
	if list[0]["issuer"] != "GitHub Inc" || list[0]["favorite"] != true || len(list[0]["groups"].([]any)) != 2 {
		t.Fatalf("after edit: %v", list[0])
	}
	e.ok("", "rm", "--yes", "github", "--password-file", pw)
	if out := e.ok("", "list", "--json", "--password-file", pw); strings.TrimSpace(out) != "[]" {
		t.Fatalf("after rm: %s", out)
	}
}

func TestCLIMigrationURI(t *testing.T) {
	e := newEnv(t)
	e.init()
	pw := e.path("pw")
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
