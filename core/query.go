package core

import "strings"

// Match finds the accounts a command-line query names, for `code QUERY`.
// Case is ignored. An exact "Issuer:Name" (Label) match wins: only the exact
// matches are returned, several only if labels repeat. Otherwise every
// account whose issuer, name or label contains the query is returned, in
// order; an empty query contains in all of them. More than one index means
// the query is ambiguous, none that nothing matched: the caller decides.
func Match(accounts []Account, query string) (indices []int) {
	q := strings.TrimSpace(query)
	for i := range accounts {
		if strings.EqualFold(accounts[i].Label(), q) {
			indices = append(indices, i)
		}
	}
	if len(indices) > 0 {
		return indices
	}
	q = strings.ToLower(q)
	for i := range accounts {
		a := &accounts[i]
		if containsFold(a.Issuer, q) || containsFold(a.Name, q) || containsFold(a.Label(), q) {
			indices = append(indices, i)
		}
	}
	return indices
}

// Matches is the GUI's search filter: every whitespace-separated word of
// filter must occur, ignoring case, in the issuer, the name, a group or the
// note. An empty filter matches every account.
func (a *Account) Matches(filter string) bool {
	for _, w := range strings.Fields(strings.ToLower(filter)) {
		found := containsFold(a.Issuer, w) || containsFold(a.Name, w) || containsFold(a.Note, w)
		for _, g := range a.Groups {
			found = found || containsFold(g, w)
		}
		if !found {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains lower, which is already lower case.
func containsFold(s, lower string) bool {
	return strings.Contains(strings.ToLower(s), lower)
}
