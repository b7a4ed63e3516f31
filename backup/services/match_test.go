package services_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/lifelineauth/lifeline/backup/apps"
	"github.com/lifelineauth/lifeline/backup/services"
)

// peers holds the Aegis test fixtures and expected.json (see its NOTICE).
const peers = "../../testdata/peers"

// fixtureService is the service each issuer in the 41 fixtures belongs to;
// every other issuer there (Deno, SPDX, Issuu, Air Canada, WWE, Boeing,
// WinAuth's person names) is no service of the table.
var fixtureService = map[string]string{"Airbnb": "airbnb", "Battle.net": "battlenet", "Steam": "steam"}

// TestMatchFixtures imports each of the 41 peer fixtures and matches every
// account it holds, by issuer and label as the file gives them.
func TestMatchFixtures(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(peers, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files map[string]struct {
			Password *string `json:"password"`
		} `json:"files"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 41 {
		t.Fatalf("expected.json lists %d files, want 41", len(doc.Files))
	}
	names := make([]string, 0, len(doc.Files))
	for n := range doc.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	matched := map[string]int{}
	for _, name := range names {
		pw := doc.Files[name].Password
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(peers, name))
			if err != nil {
				t.Fatal(err)
			}
			f, err := apps.Detect(name, data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := apps.Import(f, data, func() (string, error) { return *pw, nil })
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range res.Accounts {
				s, ok := services.Match(a.Issuer, a.Name, "")
				want, known := fixtureService[a.Issuer]
				switch {
				case known && (!ok || s.ID != want):
					t.Errorf("%q / %q: matched %q (%v), want %s", a.Issuer, a.Name, s.ID, ok, want)
				case !known && ok:
					t.Errorf("%q / %q: matched %s, want no service", a.Issuer, a.Name, s.ID)
				case ok:
					matched[s.ID]++
				}
			}
		})
	}
	for _, id := range fixtureService {
		if matched[id] == 0 {
			t.Errorf("no fixture account matched %s", id)
		}
	}
}

// TestMatch: issuer, then label, then domain; case, spaces and
// punctuation ignored.
func TestMatch(t *testing.T) {
	for _, c := range []struct {
		issuer, label, image, want string
	}{
		{"GitHub", "alice", "", "github"},
		{"github", "", "", "github"},
		{" Git-Hub ", "", "", "github"},
		{"BATTLE NET", "", "", "battlenet"},
		{"Twitter", "@alice", "", "x"},
		{"", "Google:alice@example.com", "", "google"},
		{"", "Binance.com", "", "binance"},
		{"Unknown Corp", "Proton:alice", "", "proton"},
		{"github.com", "alice", "", "github"},
		{"", "alice", "https://gist.github.com/favicon.ico", "github"},
		{"", "alice", "cloud.google.com", "googlecloud"},
		{"", "alice", "https://www.google.com/logo.png", "google"},
		{"", "alice", "https://mysignins.microsoft.com/x.png", "microsoftentra"},
		{"Steam", "", "https://github.com/x.png", "steam"},
		{"", "alice@gmail.com", "", ""},
		{"Acme", "alice", "", ""},
		{"Acme", "GitHub", "", ""},
		{"", "", "https://notgithub.com/x.png", ""},
		{"", "", "com", ""},
		{"", "", "", ""},
	} {
		s, ok := services.Match(c.issuer, c.label, c.image)
		if got := s.ID; got != c.want || ok != (c.want != "") {
			t.Errorf("Match(%q, %q, %q) = %q, %v; want %q", c.issuer, c.label, c.image, got, ok, c.want)
		}
	}
}
