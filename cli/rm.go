package cli

import (
	"flag"
	"fmt"
	"time"
)

func (c *cli) cmdRm(fs *flag.FlagSet) func(pos []string) error {
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	return func(pos []string) error {
		v, i, err := c.one("rm", pos, anyKey)
		if err != nil {
			return err
		}
		a := v.Doc.Accounts[i]
		if !*yes {
			ok, err := c.confirm(fmt.Sprintf("Delete %s? Its codes will be gone unless a backup has it.", a.Label()))
			if err != nil {
				return withHint(fmt.Errorf("not deleted: cannot ask for confirmation (%v)", err), "pass --yes to delete without asking")
			}
			if !ok {
				return fmt.Errorf("not deleted")
			}
		}
		if err := v.Doc.Remove(a.ID, time.Now()); err != nil {
			return err
		}
		if err := v.Save(time.Now()); err != nil {
			return err
		}
		c.afterSave(v)
		fmt.Fprintf(c.stderr, "Deleted %s\n", a.Label())
		return nil
	}
}
