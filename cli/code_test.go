package cli

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIAddListCode(t *testing.T) {
	e, pw := initEnv(t)

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
	e, pw := initEnv(t)
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
