package cli

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

func (c *cli) cmdCode(fs *flag.FlagSet) func(pos []string) error {
	at := fs.String("at", "", "the time as Unix seconds (default: now)")
	return func(pos []string) error {
		t := time.Now()
		if *at != "" {
			sec, err := strconv.ParseInt(*at, 10, 64)
			if err != nil {
				return usagef("code: --at %q is not a number of Unix seconds", *at)
			}
			t = time.Unix(sec, 0)
		}
		v, i, err := c.one("code", pos, anyKey)
		if err != nil {
			return err
		}
		a := &v.Doc.Accounts[i]
		if err := a.NeedSecret(); err != nil {
			return withHint(err, "use one of its recovery codes: `lifeline codes list QUERY`")
		}
		code := a.Code(t)
		if a.Type == core.HOTP {
			// The code is used up once given (vault.Document.NextCode, as
			// the window's "Next code"): saved before printing, so a failed
			// save never hands out a code twice.
			label := a.Label()
			if code, err = v.Doc.NextCode(i, time.Now()); err != nil {
				return fmt.Errorf("%s: %w, so no code was given", label, err)
			}
			if err := v.Save(time.Now()); err != nil {
				return fmt.Errorf("the counter could not be saved, so no code was given: %w", err)
			}
			c.afterSave(v)
		}
		fmt.Fprintln(c.stdout, code)
		return nil
	}
}
