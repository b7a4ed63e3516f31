// Package services is the table of sites people protect with 2FA: the
// names and domains an account from each may carry, where its 2FA
// settings and its account recovery live, and whether and how it hands
// out recovery codes. It never imports Fyne; the readiness check, the
// lost-device guide, the icons and both faces read it from here.
//
// The table is services.json, embedded in the binary. Each fact in it
// names its source and the date it was checked; Source.Verified says
// whether that source is the site's own help page, read for the fact.
// Facts from elsewhere (the project's reference, memory) are marked
// unverified: treat them as hints and word them so ("GitHub usually
// hands out 16 codes"), never refuse a person's input on them.
//
// The API, kept small and stable:
//
//	All() []Service                        // every service, in the file's order
//	ByID(id string) (Service, bool)        // one service by its stable ID
//	Match(issuer, label, imageOrDomain string) (Service, bool)
//	(s Service) CheckCode(code string) bool  // has a pasted code the site's shape?
//	(s Service) FactVerified(fact string) bool
//
// Match looks at an account's issuer, then its label, then a domain (the
// otpauth issuer or image parameter); case, spaces and punctuation do not
// count. CheckCode compares codes in core.NormalizeRecoveryCode's form.
package services

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// The facts a Source can vouch for.
const (
	FactTwoFactorURL  = "two_factor_url"
	FactRecoveryURL   = "recovery_url"
	FactRecoveryCodes = "recovery_codes" // whether codes are issued, and how many
	FactCodeShape     = "code_shape"     // their shape (only where codes are issued)
	FactRegenerable   = "regenerable"
)

// Service is one site of the table.
type Service struct {
	ID      string   `json:"id"`      // stable, lower case: what accounts and other code refer to
	Name    string   `json:"name"`    // as people write it
	Issuers []string `json:"issuers"` // the issuer names its accounts carry
	Domains []string `json:"domains"` // its domains; subdomains match too
	// Icon is the simple-icons slug of its logo, "" when simple-icons has none.
	Icon         string `json:"icon"`
	TwoFactorURL string `json:"two_factor_url"` // where 2FA is set up and managed
	RecoveryURL  string `json:"recovery_url"`   // where to go when the second factor is lost
	// RecoveryCodes is what the site hands out for a lost device; nil means
	// it issues none.
	RecoveryCodes *CodesInfo `json:"recovery_codes"`
	// Regenerable says whether a new set of codes can be made; nil when
	// unknown or when there are no codes.
	Regenerable *bool    `json:"regenerable"`
	Notes       []string `json:"notes"`
	Sources     []Source `json:"sources"`
	// Verified is true when every fact was checked on the site's own pages.
	Verified bool `json:"-"`
}

// CodesInfo describes a site's recovery codes.
type CodesInfo struct {
	// Count is how many one set holds, 0 when the site does not say.
	Count int `json:"count"`
	// Shape is a regular expression a whole code matches once spaces and
	// dashes are dropped, compared without regard to case.
	Shape string `json:"shape"`
	// Example is a made-up code of that shape, as the site prints it.
	Example string `json:"example"`
	// Description says it in words: "16 recovery codes, xxxxx-xxxxx …".
	Description string `json:"description"`

	re *regexp.Regexp
}

// Source is where some facts of a service come from.
type Source struct {
	Facts []string `json:"facts"`
	URL   string   `json:"url"` // the site's page (or, unverified, where to check)
	// Via is the stored copy of that page that was read, when it was a
	// mirror rather than the page's own address.
	Via string `json:"via,omitempty"`
	// Checked is the day the source was read (or, unverified, the day the
	// fact was written down).
	Checked  Date `json:"checked"`
	Verified bool `json:"verified"`
}

// Date is a day, written YYYY-MM-DD in services.json.
type Date struct{ time.Time }

// UnmarshalJSON reads a YYYY-MM-DD day.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	d.Time = t
	return nil
}

//go:embed services.json
var servicesJSON []byte

// table is services.json parsed once. A broken file is a build mistake
// that services_test.go catches, so loading it panics.
var table = sync.OnceValue(func() *index {
	list, err := parse(servicesJSON)
	if err != nil {
		panic("services: embedded services.json: " + err.Error())
	}
	return newIndex(list)
})

// parse reads a services file and compiles its shapes.
func parse(data []byte) ([]Service, error) {
	var list []Service
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, err
	}
	for i := range list {
		s := &list[i]
		if c := s.RecoveryCodes; c != nil {
			re, err := regexp.Compile(`^(?i:` + c.Shape + `)$`)
			if err != nil {
				return nil, fmt.Errorf("%s: recovery code shape: %w", s.ID, err)
			}
			c.re = re
		}
		s.Verified = len(s.Sources) > 0
		for _, src := range s.Sources {
			s.Verified = s.Verified && src.Verified
		}
	}
	return list, nil
}

// All returns every service, in the order of services.json. The slice and
// what it holds are the caller's own.
func All() []Service {
	list := table().list
	out := make([]Service, len(list))
	for i, s := range list {
		out[i] = s.clone()
	}
	return out
}

// ByID returns the service with that ID.
func ByID(id string) (Service, bool) {
	t := table()
	i, ok := t.byID[id]
	if !ok {
		return Service{}, false
	}
	return t.list[i].clone(), true
}

// FactVerified reports whether one of the Fact constants was checked on
// the service's own pages.
func (s Service) FactVerified(fact string) bool {
	for _, src := range s.Sources {
		if src.Verified && slices.Contains(src.Facts, fact) {
			return true
		}
	}
	return false
}

// CheckCode reports whether a pasted code has the shape of the codes the
// site issues; false when it issues none. With an unverified shape, warn
// rather than refuse.
func (s Service) CheckCode(code string) bool {
	if s.RecoveryCodes == nil || s.RecoveryCodes.re == nil {
		return false
	}
	return s.RecoveryCodes.re.MatchString(core.NormalizeRecoveryCode(code))
}

func (s Service) clone() Service {
	s.Issuers = slices.Clone(s.Issuers)
	s.Domains = slices.Clone(s.Domains)
	s.Notes = slices.Clone(s.Notes)
	s.Sources = slices.Clone(s.Sources)
	for i := range s.Sources {
		s.Sources[i].Facts = slices.Clone(s.Sources[i].Facts)
	}
	if s.RecoveryCodes != nil {
		c := *s.RecoveryCodes
		s.RecoveryCodes = &c
	}
	if s.Regenerable != nil {
		r := *s.Regenerable
		s.Regenerable = &r
	}
	return s
}
