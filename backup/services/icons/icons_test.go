package icons

import (
	"encoding/xml"
	"regexp"
	"testing"

	"github.com/lifelineauth/lifeline/backup/services"
	"github.com/lifelineauth/lifeline/core"
)

// TestSubset: every icon the services table names is in the subset, each
// has a title, a brand colour and a path, and its SVG is well-formed.
func TestSubset(t *testing.T) {
	hex := regexp.MustCompile(`^[0-9A-F]{6}$`)
	for _, s := range services.All() {
		if s.Icon == "" {
			continue
		}
		if _, ok := Get(s.Icon); !ok {
			t.Errorf("%s names icon %q, which the subset lacks (run make icons)", s.ID, s.Icon)
		}
	}
	all := All()
	if len(all) < 150 {
		t.Errorf("%d icons, want the table's and the common issuers'", len(all))
	}
	for _, ic := range all {
		if ic.Title == "" || !hex.MatchString(ic.Hex) || ic.Path == "" || !validSlug(ic.Slug) {
			t.Errorf("icon %+v: want a slug, a title, RRGGBB and a path", ic.Slug)
		}
		if err := xml.Unmarshal(ic.SVG(), new(struct{})); err != nil {
			t.Errorf("%s: SVG: %v", ic.Slug, err)
		}
	}
}

// validSlug: what core.Account.Validate accepts as an icon must cover
// every slug of the subset.
func validSlug(slug string) bool {
	a := core.Account{Type: core.Steam, Name: "n", Secret: core.Secret("x"), Icon: slug}
	return a.Validate() == nil
}

func TestFor(t *testing.T) {
	for _, c := range []struct {
		issuer, name, choice, want string
	}{
		{"GitHub", "alice", "", "github"},
		{"Battle.net", "US-1", "", "battledotnet"},
		{"", "GitHub:alice", "", "github"},
		{"Spotify", "alice", "", "spotify"}, // not in the table: by the icon's own name
		{"Twitter", "alice", "", "x"},
		{"Kraken", "alice", "", ""}, // in the table, no icon in simple-icons
		{"Acme", "alice", "", ""},
		{"GitHub", "alice", core.IconLetter, ""},
		{"Acme", "alice", "gitlab", "gitlab"},
		{"GitHub", "alice", "nosuchicon", ""},
	} {
		a := core.Account{Issuer: c.issuer, Name: c.name, Icon: c.choice}
		ic, ok := For(&a)
		if ic.Slug != c.want || ok != (c.want != "") {
			t.Errorf("For(%q, %q, %q) = %q, %v; want %q", c.issuer, c.name, c.choice, ic.Slug, ok, c.want)
		}
	}
}

func TestParseChoice(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "auto": "", "Automatic": "", "letter": core.IconLetter, "LETTER": core.IconLetter,
		"github": "github", "GitHub": "github", "Battle.net": "battledotnet", "Twitter": "x",
	} {
		if got, err := ParseChoice(in); err != nil || got != want {
			t.Errorf("ParseChoice(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseChoice("no such brand"); err == nil {
		t.Error("ParseChoice accepted a name with no icon")
	}
}

// TestValidateIcon: the vault refuses an icon value no choice would make.
func TestValidateIcon(t *testing.T) {
	for _, bad := range []string{"GitHub", "../x", "git hub", string(make([]byte, 65))} {
		if validSlug(bad) {
			t.Errorf("Validate accepted icon %q", bad)
		}
	}
}
