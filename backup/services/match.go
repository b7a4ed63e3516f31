package services

import (
	"net/url"
	"strings"
	"unicode"
)

// index finds services by ID, by issuer name and by domain.
type index struct {
	list    []Service
	byID    map[string]int
	byName  map[string]int // key: the name or an issuer, folded
	domains map[string]int // key: a domain, lower case
}

func newIndex(list []Service) *index {
	x := &index{list: list, byID: map[string]int{}, byName: map[string]int{}, domains: map[string]int{}}
	for i, s := range list {
		x.byID[s.ID] = i
		for _, n := range append([]string{s.Name}, s.Issuers...) {
			if _, taken := x.byName[Fold(n)]; !taken {
				x.byName[Fold(n)] = i
			}
		}
		for _, d := range s.Domains {
			x.domains[strings.ToLower(d)] = i
		}
	}
	return x
}

// Fold is how names are compared: lower case, letters and digits only
// ("Battle.net", "battle net" and "BATTLENET" are one).
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Match finds the service of an account: by its issuer, then by its label
// (the "Issuer:" before a colon, or the whole label when the account has
// no issuer), then by a domain: imageOrDomain is the otpauth image URL or
// a bare domain, and an issuer written as a domain ("github.com") counts
// too. A subdomain matches its domain; the longest listed domain wins.
func Match(issuer, label, imageOrDomain string) (Service, bool) {
	x := table()
	if i, ok := x.name(issuer); ok {
		return x.list[i].clone(), true
	}
	if before, _, found := strings.Cut(label, ":"); found {
		if i, ok := x.name(before); ok {
			return x.list[i].clone(), true
		}
	} else if strings.TrimSpace(issuer) == "" {
		if i, ok := x.name(label); ok {
			return x.list[i].clone(), true
		}
	}
	for _, d := range []string{imageOrDomain, issuer} {
		if i, ok := x.domain(hostOf(d)); ok {
			return x.list[i].clone(), true
		}
	}
	return Service{}, false
}

func (x *index) name(s string) (int, bool) {
	f := Fold(s)
	if f == "" {
		return 0, false
	}
	i, ok := x.byName[f]
	return i, ok
}

// domain finds host or the nearest parent domain of it in the table.
func (x *index) domain(host string) (int, bool) {
	for host != "" {
		if i, ok := x.domains[host]; ok {
			return i, true
		}
		_, parent, found := strings.Cut(host, ".")
		if !found || !strings.Contains(parent, ".") {
			return 0, false
		}
		host = parent
	}
	return 0, false
}

// hostOf is the lower-case host of a URL or of a bare domain, "" when s
// is neither (it has spaces, or no dot).
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return ""
		}
		s = u.Hostname()
	} else if h, _, _ := strings.Cut(s, "/"); h != "" {
		s = h
	}
	s = strings.TrimSuffix(strings.ToLower(s), ".")
	if strings.ContainsAny(s, " \t@") || !strings.Contains(s, ".") {
		return ""
	}
	return strings.TrimPrefix(s, "www.")
}
