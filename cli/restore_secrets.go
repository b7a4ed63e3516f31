package cli

import (
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/backup"
)

// askSecretChanges gets consent for each secret change of a merge (an
// account whose newer copy in the backup has another secret, type,
// algorithm, digits or period): all of them with accept, else one question
// each on the terminal. Without a terminal none is taken, and stderr says
// so; the rest of the merge goes on.
func (c *cli) askSecretChanges(p *backup.Preview, mode backup.Mode, accept bool) {
	if mode != backup.Merge {
		return // Replace takes the backup as it is, after its own warning
	}
	var declined []string
	for i := range p.Items {
		it := &p.Items[i]
		if it.Kind != backup.NewSecret {
			continue
		}
		if accept {
			it.Accept = true
			continue
		}
		ok, err := c.confirm(fmt.Sprintf("The backup has a newer %s for %s. Take it?", strings.Join(it.CodeFields(), ", "), it.Label))
		if err != nil {
			declined = append(declined, it.Label)
			continue
		}
		it.Accept = ok
	}
	if len(declined) > 0 {
		fmt.Fprintf(c.stderr, "lifeline: kept this vault's secret for %s: there is no terminal to ask on\n  hint: pass --accept-secret-changes to take the backup's\n", strings.Join(declined, ", "))
	}
}
