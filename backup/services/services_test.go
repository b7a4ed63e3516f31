package services

import (
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// TestTable checks every entry of the embedded services.json: a name, at
// least one issuer and domain, https URLs, a dated source for every fact,
// shapes that compile and match their example, and no issuer, domain or
// ID claimed by two services.
func TestTable(t *testing.T) {
	list, err := parse(servicesJSON)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 100 {
		t.Errorf("%d services, want about 100 at least", len(list))
	}
	ids, names, domains := map[string]string{}, map[string]string{}, map[string]string{}
	for _, s := range list {
		t.Run(s.ID, func(t *testing.T) {
			checkEntry(t, s)
			claim(t, ids, s.ID, s.ID, "ID")
			for _, n := range s.Issuers {
				claim(t, names, Fold(n), s.ID, "issuer "+n)
			}
			if !slices.ContainsFunc(s.Issuers, func(i string) bool { return Fold(i) == Fold(s.Name) }) {
				claim(t, names, Fold(s.Name), s.ID, "name "+s.Name)
			}
			for _, d := range s.Domains {
				claim(t, domains, strings.ToLower(d), s.ID, "domain "+d)
			}
		})
	}
}

// claim records that key belongs to id, failing if another service (or
// the same one, twice) already holds it.
func claim(t *testing.T, seen map[string]string, key, id, what string) {
	t.Helper()
	if key == "" {
		t.Errorf("%s folds to nothing", what)
		return
	}
	if other, ok := seen[key]; ok {
		t.Errorf("%s is also %s's", what, other)
	}
	seen[key] = id
}

func checkEntry(t *testing.T, s Service) {
	t.Helper()
	if s.ID == "" || s.ID != strings.ToLower(s.ID) || Fold(s.ID) != s.ID {
		t.Errorf("ID %q: want lower-case letters and digits", s.ID)
	}
	if strings.TrimSpace(s.Name) == "" {
		t.Error("no name")
	}
	if len(s.Issuers) == 0 || len(s.Domains) == 0 {
		t.Errorf("issuers %q, domains %q: want at least one of each", s.Issuers, s.Domains)
	}
	for _, d := range s.Domains {
		if hostOf(d) != strings.TrimPrefix(d, "www.") && hostOf(d) != d {
			t.Errorf("domain %q is not a bare lower-case domain", d)
		}
	}
	checkHTTPS(t, "two_factor_url", s.TwoFactorURL)
	checkHTTPS(t, "recovery_url", s.RecoveryURL)
	checkCodes(t, s)
	checkSources(t, s)
}

func checkHTTPS(t *testing.T, what, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		t.Errorf("%s %q: want an https URL", what, raw)
	}
}

func checkCodes(t *testing.T, s Service) {
	t.Helper()
	c := s.RecoveryCodes
	if c == nil {
		if s.Regenerable != nil {
			t.Error("regenerable is set but the service issues no codes")
		}
		if s.CheckCode("12345678") {
			t.Error("CheckCode accepts a code from a service that issues none")
		}
		return
	}
	if c.Count < 0 || c.Description == "" || c.Shape == "" {
		t.Errorf("recovery codes %+v: want a count ≥ 0, a shape and a description", *c)
	}
	if !s.CheckCode(c.Example) {
		t.Errorf("example %q does not have the shape %q", c.Example, c.Shape)
	}
	if s.CheckCode(c.Example + "!?") {
		t.Errorf("shape %q accepts the example with junk after it", c.Shape)
	}
	if s.CheckCode("") {
		t.Errorf("shape %q accepts an empty code", c.Shape)
	}
}

func checkSources(t *testing.T, s Service) {
	t.Helper()
	need := []string{FactTwoFactorURL, FactRecoveryURL, FactRecoveryCodes}
	if s.RecoveryCodes != nil {
		need = append(need, FactCodeShape)
	}
	if s.Regenerable != nil {
		need = append(need, FactRegenerable)
	}
	covered := map[string]bool{}
	for _, src := range s.Sources {
		checkHTTPS(t, "source", src.URL)
		if src.Via != "" {
			checkHTTPS(t, "source via", src.Via)
		}
		if src.Checked.IsZero() || src.Checked.After(time.Now()) {
			t.Errorf("source %s: checked %v, want a past date", src.URL, src.Checked)
		}
		for _, f := range src.Facts {
			if !slices.Contains(need, f) {
				t.Errorf("source %s vouches for %q, which is no fact", src.URL, f)
			}
			covered[f] = true
		}
	}
	for _, f := range need {
		if !covered[f] {
			t.Errorf("no source for %s", f)
		}
	}
}

// TestParseRejects: a shape that does not compile and a bad date are
// errors, not a table with holes.
func TestParseRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"shape": `[{"id":"a","recovery_codes":{"shape":"[0-9"}}]`,
		"date":  `[{"id":"a","sources":[{"checked":"1 Dec 2026"}]}]`,
	} {
		if _, err := parse([]byte(doc)); err == nil {
			t.Errorf("%s: parse accepted %s", name, doc)
		}
	}
}

// TestBriefFacts pins the facts the issue states outright.
func TestBriefFacts(t *testing.T) {
	gh, ok := ByID("github")
	if !ok || gh.RecoveryCodes == nil || gh.RecoveryCodes.Count != 16 || !gh.FactVerified(FactRecoveryCodes) || gh.FactVerified(FactCodeShape) {
		t.Errorf("GitHub: %+v, want 16 codes, verified, their shape not", gh.RecoveryCodes)
	}
	bn, ok := ByID("binance")
	if !ok || bn.Regenerable == nil || *bn.Regenerable {
		t.Errorf("Binance regenerable = %v, want false", bn.Regenerable)
	}
	for _, s := range All() {
		all := s.FactVerified(FactTwoFactorURL) && s.FactVerified(FactRecoveryURL) && s.FactVerified(FactRecoveryCodes) &&
			(s.RecoveryCodes == nil || s.FactVerified(FactCodeShape)) && (s.Regenerable == nil || s.FactVerified(FactRegenerable))
		if s.Verified != all {
			t.Errorf("%s: Verified = %v, but its facts' sources say %v", s.ID, s.Verified, all)
		}
	}
}

// TestAllIsACopy: what All returns is the caller's to change.
func TestAllIsACopy(t *testing.T) {
	a := All()
	a[0].Issuers[0] = "changed"
	a[0].RecoveryCodes = nil
	if b := All(); b[0].Issuers[0] == "changed" {
		t.Error("All shares its slices with the table")
	}
}

// TestCheckCode reads codes as people paste them.
func TestCheckCode(t *testing.T) {
	for _, c := range []struct {
		id, code string
		want     bool
	}{
		{"github", "1a2b3-4c5d6", true},
		{"github", "1A2B3 4C5D6", true},
		{"github", "1a2b3-4c5d", false},
		{"github", "1a2b3-4c5dz", false},
		{"google", "1234 5678", true},
		{"google", "1234 567", false},
		{"gitlab", "0123456789abcdef", true},
		{"microsoft", "ab12c-de34f-gh56j-kl78m-np90q", true},
		{"steam", "R12345", true},
		{"steam", "12345", false},
		{"paypal", "12345678", false},
	} {
		s, ok := ByID(c.id)
		if !ok {
			t.Fatalf("no service %q", c.id)
		}
		if got := s.CheckCode(c.code); got != c.want {
			t.Errorf("%s.CheckCode(%q) = %v, want %v", c.id, c.code, got, c.want)
		}
	}
}

// TestRecoveryCodeFiles: the sample files in testdata/recovery-codes hold
// codes of the shape their site's entry gives.
func TestRecoveryCodeFiles(t *testing.T) {
	for file, id := range map[string]string{
		"github-recovery-codes.txt": "github", "gitlab-recovery-codes.txt": "gitlab",
		"Backup-codes-alice.example.txt": "google", "discord_backup_codes.txt": "discord",
	} {
		data, err := os.ReadFile("../../testdata/recovery-codes/" + file)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := ByID(id)
		codes, _ := core.ParseRecoveryCodes(string(data))
		n := 0
		for _, c := range codes {
			if s.CheckCode(c) {
				n++
			}
		}
		if want := s.RecoveryCodes.Count; n != want {
			t.Errorf("%s: %d codes of %s's shape, want %d", file, n, id, want)
		}
	}
}
