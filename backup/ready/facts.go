package ready

import (
	"github.com/lifelineauth/lifeline/backup/services"
	"github.com/lifelineauth/lifeline/core"
)

// ServiceFacts are what Lifeline knows about the site an account belongs
// to: where its 2FA settings and account recovery are, whether it hands out
// recovery codes and can make new ones, and anything else worth saying.
type ServiceFacts struct {
	Name         string // the site as people name it: "GitHub"
	TwoFactorURL string // the page where 2FA and its devices are managed
	RecoveryURL  string // the site's account recovery, or where its codes are made
	IssuesCodes  bool   // the site hands out recovery codes
	Regenerable  *bool  // whether new codes can be made; nil when not known
	Note         string // a site-specific fact, one sentence
}

// Lookup finds the facts about an account's service.
type Lookup func(core.Account) (ServiceFacts, bool)

// Services is the lookup Check and LostDevice use when Options.Lookup is
// nil: the services table (backup/services), matched as the icons are.
var Services Lookup = tableFacts

// tableFacts are the services table's facts about a's site.
func tableFacts(a core.Account) (ServiceFacts, bool) {
	s, ok := services.Match(a.Issuer, a.Name, "")
	if !ok {
		return ServiceFacts{}, false
	}
	f := ServiceFacts{Name: s.Name, TwoFactorURL: s.TwoFactorURL, RecoveryURL: s.RecoveryURL,
		IssuesCodes: s.RecoveryCodes != nil, Regenerable: s.Regenerable}
	if len(s.Notes) > 0 {
		f.Note = s.Notes[0]
	}
	return f, true
}

func (o Options) facts(a core.Account) (ServiceFacts, bool) {
	l := o.Lookup
	if l == nil {
		l = Services
	}
	if l == nil {
		return ServiceFacts{}, false
	}
	return l(a)
}

// site is the name to use for the account's site in a sentence.
func site(a core.Account, f ServiceFacts, known bool) string {
	switch {
	case known && f.Name != "":
		return f.Name
	case a.Issuer != "":
		return a.Issuer
	}
	return "the site"
}
