package apps

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// peers holds the Aegis test fixtures and expected.json (see its NOTICE).
const peers = "../../testdata/peers"

// expectedFile is one file's entry in expected.json; the expectations are
// read from there, never restated here.
type expectedFile struct {
	Encrypted      bool                `json:"encrypted"`
	Password       *string             `json:"password"`
	SHA256         string              `json:"sha256"`
	Entries        []expectedEntry     `json:"expected_entries"`
	WinAuthEntries []expectedEntry     `json:"expected_entries_winauth"`
	Groups         map[string][]string `json:"expected_groups"`
}

// expectedEntry is one account of expected.json (encoding/json matches
// its keys to the field names regardless of case); Period and Counter are
// null where the app has none.
type expectedEntry struct {
	Type, Issuer, Name, Secret, Algo string
	Digits                           int
	Period                           *int
	Counter                          *uint64
}

// orZero is what p points to, or T's zero value for nil.
func orZero[T any](p *T) (v T) {
	if p != nil {
		v = *p
	}
	return v
}

// detectedAs is the format Detect must name for each fixture. The FreeOTP+
// tokens.xml is FreeOTP 1's format and detected as such (both read it).
var detectedAs = map[string]string{
	"plain.txt": "otpauth", "ente_auth.txt": "ente",
	"aegis_plain.json": "aegis", "aegis_encrypted.json": "aegis", "aegis_plain_grouped_v2.json": "aegis",
	"duo.json": "duo", "andotp_plain.json": "andotp", "andotp_encrypted.bin": "andotp", "andotp_encrypted_old.bin": "andotp",
	"totp_authenticator.bin": "totp-authenticator", "totp_authenticator_internal.xml": "totp-authenticator",
	"stratum_encrypted.bin": "stratum", "stratum_encrypted_legacy.bin": "stratum", "stratum_internal.db": "stratum", "stratum_plain.json": "stratum",
	"authy_plain.xml": "authy", "authy_encrypted.xml": "authy", "battle_net_authenticator.xml": "battlenet",
	"bitwarden.json": "bitwarden", "bitwarden.csv": "bitwarden",
	"freeotp.xml": "freeotp", "freeotp_plus.json": "freeotp-plus", "freeotp_plus_internal.xml": "freeotp",
	"freeotp_v2_api23.xml": "freeotp", "freeotp_v2_api25.xml": "freeotp", "freeotp_v2_api27.xml": "freeotp",
	"freeotp_v2_api34.xml": "freeotp", "freeotp_v2_null_algo.xml": "freeotp",
	"google_authenticator.sqlite": "google-authenticator", "microsoft_authenticator.sqlite": "microsoft-authenticator",
	"steam.json": "steam", "steam_old.json": "steam", "authenticator_plus.zip": "authenticator-plus",
	"2fas_authenticator.json": "2fas", "2fas_authenticator_plain.2fas": "2fas", "2fas_authenticator_encrypted.2fas": "2fas",
	"2fas_authenticator_plain_v3.2fas": "2fas", "2fas_authenticator_encrypted_v3.2fas": "2fas",
	"2fas_authenticator_plain_v4.2fas": "2fas", "2fas_authenticator_encrypted_v4.2fas": "2fas",
	"proton_authenticator.json": "proton",
}

func loadExpected(t testing.TB) map[string]expectedFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(peers, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files map[string]expectedFile `json:"files"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	if len(doc.Files) != 41 {
		t.Fatalf("expected.json lists %d files, want the 41 fixtures", len(doc.Files))
	}
	return doc.Files
}

// fixtureNames is expected.json's file list in a stable order.
func fixtureNames(files map[string]expectedFile) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// readFixture reads a fixture and checks it is the file expected.json describes.
func readFixture(t testing.TB, name string, want expectedFile) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(peers, name))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want.SHA256 {
		t.Fatalf("%s: sha256 %x, expected.json says %s", name, sum, want.SHA256)
	}
	return data
}

func (f expectedFile) passwordFunc() func() (string, error) {
	if f.Password == nil {
		return nil
	}
	return func() (string, error) { return *f.Password, nil }
}

// canonical writes an account's compared fields on one line.
func canonical(a *core.Account) string {
	return canonicalOf(string(a.Type), a.Issuer, a.Name, a.Secret.Base32(), a.Algorithm.String(), a.Digits, a.Type == core.HOTP, a.Period, a.Counter, a.Groups)
}

func canonicalOf(typ, issuer, name, secret, algo string, digits int, hotp bool, period int, counter uint64, groups []string) string {
	pc := fmt.Sprintf("period %d", period)
	if hotp {
		pc = fmt.Sprintf("counter %d", counter)
	}
	g := slices.Clone(groups)
	sort.Strings(g)
	return fmt.Sprintf("%s %q %q %s %s %d %s groups%q", typ, issuer, name, secret, algo, digits, pc, g)
}

// wantLines turns expected entries into canonical lines, with the groups
// expected.json states ("group1": ["Deno/Mason", ...]) and none otherwise.
func wantLines(entries []expectedEntry, groups map[string][]string) []string {
	member := map[string][]string{}
	for g, who := range groups {
		for _, w := range who {
			member[w] = append(member[w], g)
		}
	}
	var out []string
	for _, e := range entries {
		out = append(out, canonicalOf(e.Type, e.Issuer, e.Name, e.Secret, e.Algo, e.Digits, e.Type == "hotp", orZero(e.Period), orZero(e.Counter), member[e.Issuer+"/"+e.Name]))
	}
	sort.Strings(out)
	return out
}

func gotLines(accounts []core.Account) []string {
	var out []string
	for i := range accounts {
		out = append(out, canonical(&accounts[i]))
	}
	sort.Strings(out)
	return out
}

func diffLines(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("imported %d entries, want %d", len(got), len(want))
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing: %s", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected: %s", g)
		}
	}
}

// TestImportFixtures imports each of the 41 fixtures through Detect and
// Import and compares the result with expected.json.
func TestImportFixtures(t *testing.T) {
	files := loadExpected(t)
	covered, ran := map[string]bool{}, 0
	for _, name := range fixtureNames(files) {
		want := files[name]
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name, want)
			f, err := Detect(name, data)
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			if f.Name != detectedAs[name] {
				t.Fatalf("Detect = %q, want %q", f.Name, detectedAs[name])
			}
			covered[f.Name] = true
			ran++
			asked := 0
			var pw func() (string, error)
			if p := want.passwordFunc(); p != nil {
				pw = func() (string, error) { asked++; return p() }
			}
			res, err := Import(f, data, pw)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if want.Encrypted && asked != 1 {
				t.Errorf("password asked %d times, want once", asked)
			}
			if res.Format.Name != f.Name || len(res.Skipped) != 0 {
				t.Errorf("Format %q, skipped %v", res.Format.Name, res.Skipped)
			}
			for i := range res.Accounts {
				a := &res.Accounts[i]
				if err := a.Validate(); err != nil || a.ID != "" || !a.Created.IsZero() {
					t.Errorf("%s: Validate %v, ID %q, Created %v", a.Label(), err, a.ID, a.Created)
				}
			}
			diffLines(t, gotLines(res.Accounts), wantLines(want.Entries, want.Groups))
		})
	}
	for _, f := range Formats() {
		if ran == len(files) && f.detect && !covered[f.Name] {
			t.Errorf("no fixture is detected as %s", f.Name)
		}
	}
}

// TestImportAsNamedFormat reads fixtures as a format chosen by name: the
// WinAuth profile of plain.txt, and FreeOTP+ reading its tokens.xml.
func TestImportAsNamedFormat(t *testing.T) {
	files := loadExpected(t)
	tests := []struct {
		file, format string
		want         []expectedEntry
	}{
		{"plain.txt", "winauth", files["plain.txt"].WinAuthEntries},
		{"freeotp_plus_internal.xml", "freeotp-plus", files["freeotp_plus_internal.xml"].Entries},
		{"freeotp.xml", "freeotp-plus", files["freeotp.xml"].Entries},
		{"ente_auth.txt", "otpauth", files["ente_auth.txt"].Entries},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.format, func(t *testing.T) {
			if len(tt.want) == 0 {
				t.Fatal("expected.json has no entries for this case")
			}
			f, err := FormatByName(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(f, readFixture(t, tt.file, files[tt.file]), nil)
			if err != nil {
				t.Fatal(err)
			}
			diffLines(t, gotLines(res.Accounts), wantLines(tt.want, nil))
		})
	}
	if _, err := FormatByName("no-such-app"); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "winauth") {
		t.Errorf("FormatByName(no-such-app) = %v, want ErrUnknownFormat listing the names", err)
	}
}

// TestFixtureCodesOathtool checks the codes of every TOTP and HOTP account
// imported from the fixtures against oathtool (OATH Toolkit), an independent
// implementation: the secret bytes, algorithm, digits and period or counter
// that an importer produced must give the codes the peer app would show.
func TestFixtureCodesOathtool(t *testing.T) {
	oathtool := testkit.NeedTool(t, "oathtool")
	files := loadExpected(t)
	seen := map[string]bool{}
	var accounts []core.Account
	for _, name := range fixtureNames(files) {
		want := files[name]
		data := readFixture(t, name, want)
		f, err := Detect(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res, err := Import(f, data, want.passwordFunc())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, a := range res.Accounts {
			a.Groups = nil // the same account in a group is the same codes
			if (a.Type == core.TOTP || a.Type == core.HOTP) && !seen[canonical(&a)] {
				seen[canonical(&a)] = true
				accounts = append(accounts, a)
			}
		}
	}
	if len(accounts) < 10 {
		t.Fatalf("only %d distinct TOTP/HOTP accounts in the fixtures", len(accounts))
	}
	moments := []time.Time{time.Unix(1_111_111_109, 0), time.Unix(2_000_000_000, 0), time.Now()}
	for _, a := range accounts {
		for _, at := range moments {
			if a.Type == core.HOTP && at != moments[0] {
				continue // one check per HOTP counter
			}
			pc := fmt.Sprintf("period %d", a.Period)
			if a.Type == core.HOTP {
				pc = fmt.Sprintf("counter %d", a.Counter)
			}
			t.Run(fmt.Sprintf("%s %s %s %d %s t=%d", a.Label(), a.Type, a.Algorithm, a.Digits, pc, at.Unix()), func(t *testing.T) {
				args := oathArgs(&a, at)
				// The key goes in on stdin: secrets never go in argv.
				out := testkit.Run(t, hex.EncodeToString(a.Secret)+"\n", oathtool, args...)
				if got, want := a.Code(at), strings.TrimSpace(string(out)); got != want {
					t.Errorf("code %s, oathtool %s (%s)", got, want, canonical(&a))
				}
			})
		}
	}
}

// oathArgs is the oathtool command line for an account at a moment. Its
// --hotp knows only SHA-1, so HOTP on SHA-256/512 runs as TOTP with
// 1-second steps at t = counter, which is the same HMAC message.
func oathArgs(a *core.Account, at time.Time) []string {
	d := fmt.Sprintf("--digits=%d", a.Digits)
	switch {
	case a.Type == core.HOTP && a.Algorithm.String() == "SHA1":
		return []string{"--hotp", d, fmt.Sprintf("--counter=%d", a.Counter), "-"}
	case a.Type == core.HOTP:
		return []string{"--totp=" + a.Algorithm.String(), d, "--time-step-size=1s", fmt.Sprintf("--now=@%d", a.Counter), "-"}
	}
	return []string{"--totp=" + a.Algorithm.String(), d, fmt.Sprintf("--time-step-size=%ds", a.Period), fmt.Sprintf("--now=@%d", at.Unix()), "-"}
}
