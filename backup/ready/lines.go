package ready

import (
	"fmt"
	"strings"
)

// Line is one line of the readiness page or of `lifeline check`: a finding
// about the vault, one account or several accounts at once.
type Line struct {
	Severity  Severity
	Account   string // the account's label; "" for the vault, or for a group
	AccountID string // the account's id, for a fix that opens it
	Text      string
	Fix       *Fix
}

// maxNamed is how many accounts a grouped line names before "and N more".
const maxNamed = 5

// Lines are the report as the faces show it: the vault's three checks,
// then every account's findings that are not OK, worst first within each
// account. Accounts that are only missing from the backup are one line,
// not one each: a single backup fixes them all.
func (r *Report) Lines() []Line {
	var out []Line
	for _, f := range r.Vault {
		out = append(out, Line{Severity: f.Severity, Text: f.Text, Fix: f.Fix})
	}
	var stale []string
	var staleFix *Fix
	for _, a := range r.Accounts {
		for _, f := range a.Findings {
			if f.Kind == BackedUp {
				stale, staleFix = append(stale, a.Label), f.Fix
				continue
			}
			out = append(out, Line{f.Severity, a.Label, a.ID, f.Text, f.Fix})
		}
	}
	if len(stale) > 0 {
		out = append(out, Line{Severity: Problem, Text: notBackedUp(stale), Fix: staleFix})
	}
	return out
}

func notBackedUp(labels []string) string {
	named := labels[:min(len(labels), maxNamed)]
	list := strings.Join(named, ", ")
	if more := len(labels) - len(named); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	if len(labels) == 1 {
		return "1 account is not in a verified backup since its last change: " + list + "."
	}
	return fmt.Sprintf("%d accounts are not in a verified backup since their last change: %s.", len(labels), list)
}
