package cli

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/backup/ready"
)

// errNotReady is `check`'s verdict when something is missing: exit status
// 1, so cron can mail it.
var errNotReady = errors.New("not ready")

// marks start each line of `check`, by severity.
var marks = map[ready.Severity]string{ready.OK: "ok  ", ready.Info: "note", ready.Warning: "warn", ready.Problem: "FIX "}

func (c *cli) cmdCheck(fs *flag.FlagSet) func(pos []string) error {
	asJSON := fs.Bool("json", false, "print the report as JSON")
	return func(pos []string) error {
		if err := noArgs("check", pos); err != nil {
			return err
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		r, err := ready.Check(v, time.Now(), ready.Options{})
		if err != nil {
			return err
		}
		if *asJSON {
			if err := c.printJSON(r); err != nil {
				return err
			}
		} else {
			c.printReport(r)
		}
		if !r.Ready {
			return withHint(fmt.Errorf("%w: %s", errNotReady, r.Summary), "run the commands after \"fix:\" above, then `lifeline check` again")
		}
		return nil
	}
}

func (c *cli) printReport(r ready.Report) {
	fmt.Fprintf(c.stdout, "%s\n\n", r.Summary)
	for _, l := range r.Lines() {
		text := l.Text
		if l.Account != "" {
			text = l.Account + ": " + text
		}
		fmt.Fprintf(c.stdout, "%s  %s\n", marks[l.Severity], text)
		if l.Fix != nil && l.Severity >= ready.Warning {
			fmt.Fprintf(c.stdout, "      fix: %s\n", l.Fix.Command)
		}
	}
}
