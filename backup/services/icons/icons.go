// Package icons holds the brand icons of the services table: a subset of
// simple-icons (CC0; NOTICE and LICENSE.md), generated into
// simple-icons.json by `make icons` (gen/). It never imports Fyne: the
// window draws SVG from here, and the CLI checks names against it.
//
// An account's icon choice (core.Account.Icon) is "" for automatic (its
// service's icon, else the icon whose name is the issuer's, else the
// letter), core.IconLetter for the letter avatar, or an icon's slug.
package icons

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/lifelineauth/lifeline/backup/services"
	"github.com/lifelineauth/lifeline/core"
)

// Icon is one brand icon: a single path in a 24×24 box, drawn in Hex.
type Icon struct {
	Slug    string   `json:"slug"`  // simple-icons' name for it: "github", "battledotnet"
	Title   string   `json:"title"` // the brand as written: "GitHub", "Battle.net"
	Hex     string   `json:"hex"`   // brand colour, RRGGBB
	Aliases []string `json:"aliases,omitempty"`
	Path    string   `json:"path"`
}

//go:embed simple-icons.json
var iconsJSON []byte

type set struct {
	list   []Icon
	bySlug map[string]int
	byName map[string]int // title, slug and aliases, folded
}

// load parses the embedded subset once; services_test checks it, so a
// broken file panics.
var load = sync.OnceValue(func() *set {
	var list []Icon
	if err := json.Unmarshal(iconsJSON, &list); err != nil {
		panic("icons: embedded simple-icons.json: " + err.Error())
	}
	s := &set{list: list, bySlug: map[string]int{}, byName: map[string]int{}}
	for i, ic := range list {
		s.bySlug[ic.Slug] = i
		for _, n := range append([]string{ic.Title, ic.Slug}, ic.Aliases...) {
			if _, taken := s.byName[services.Fold(n)]; !taken {
				s.byName[services.Fold(n)] = i
			}
		}
	}
	return s
})

// All returns every icon, sorted by title, for a picker.
func All() []Icon {
	out := slices.Clone(load().list)
	slices.SortFunc(out, func(a, b Icon) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) })
	return out
}

// Get returns the icon with that slug.
func Get(slug string) (Icon, bool) {
	s := load()
	i, ok := s.bySlug[slug]
	if !ok {
		return Icon{}, false
	}
	return s.list[i], true
}

// Find returns the icon a person means by name: its slug, its title or an
// alias, in any case and spacing ("GitHub", "battle.net", "Twitter").
func Find(name string) (Icon, bool) {
	s := load()
	if i, ok := s.byName[services.Fold(name)]; ok && services.Fold(name) != "" {
		return s.list[i], true
	}
	return Icon{}, false
}

// ParseChoice reads what a person asks for as an account's icon: "letter",
// "auto" (or nothing) for automatic, or an icon's name (Find). It returns
// the value for core.Account.Icon.
func ParseChoice(name string) (string, error) {
	switch n := strings.ToLower(strings.TrimSpace(name)); n {
	case "", "auto", "automatic":
		return "", nil
	case core.IconLetter:
		return core.IconLetter, nil
	}
	if ic, ok := Find(name); ok {
		return ic.Slug, nil
	}
	return "", fmt.Errorf("no icon named %q: give an icon's name (lifeline edit --icon github), letter, or auto", name)
}

// For is the icon an account shows, or false for the letter avatar.
func For(a *core.Account) (Icon, bool) {
	switch a.Icon {
	case core.IconLetter:
		return Icon{}, false
	case "":
	default:
		return Get(a.Icon) // a slug this build lacks falls back to the letter
	}
	if s, ok := services.Match(a.Issuer, a.Name, ""); ok {
		return Get(s.Icon)
	}
	if a.Issuer != "" {
		return Find(a.Issuer)
	}
	return Icon{}, false
}

// SVG is the icon drawn in its brand colour.
func (ic Icon) SVG() []byte {
	return ic.SVGIn(ic.Hex)
}

// SVGIn is the icon drawn in another colour (RRGGBB).
func (ic Icon) SVGIn(hex string) []byte {
	return []byte(`<svg viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><path fill="#` + hex + `" d="` + ic.Path + `"/></svg>`)
}

// Describe says in words what picture an account shows and why:
// "GitHub (automatic)", "letter (automatic)", "letter", "GitLab".
func Describe(a *core.Account) string {
	what := "letter"
	if ic, ok := For(a); ok {
		what = ic.Title
	}
	if a.Icon == "" {
		return what + " (automatic)"
	}
	return what
}
