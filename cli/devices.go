package cli

import (
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// cmdDevices lists the computers that use this vault, renames this one or
// forgets one that is gone.
func (c *cli) cmdDevices(fs *flag.FlagSet) func(pos []string) error {
	yes := fs.Bool("yes", false, "forget without asking")
	return func(pos []string) error {
		switch {
		case len(pos) == 0:
			return c.listDevices()
		case pos[0] == "rename" && len(pos) == 2:
			return c.renameDevice(pos[1])
		case pos[0] == "forget" && len(pos) == 2:
			return c.forgetDevice(pos[1], *yes)
		}
		return usagef("usage: lifeline devices %s", synopsis("devices"))
	}
}

func (c *cli) listDevices() error {
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tLAST CHANGE\tREPLICA")
	for _, d := range v.DeviceList() {
		name := d.Name
		if d.This {
			name += " (this computer)"
		}
		file := d.File
		if d.Err != nil {
			file += " (unreadable: see `lifeline sync status`)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", d.ID, name, when(d.Edited), file)
	}
	return w.Flush()
}

// when is a time for the tables: UTC to the minute, "-" when unknown.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func (c *cli) renameDevice(name string) error {
	d, err := vault.RenameDevice(name)
	if err != nil {
		return usagef("%v", err)
	}
	if dir, err := c.dir(); err == nil && vault.Exists(dir) {
		// The vault shows the name from this computer's next save.
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		if err := v.Save(time.Now()); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stderr, "This computer is now %q (%s).\n", d.Name, d.ID)
	return nil
}

func (c *cli) forgetDevice(id string, yes bool) error {
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	name := id
	for _, d := range v.DeviceList() {
		if d.ID == id {
			name = fmt.Sprintf("%q (%s)", d.Name, id)
		}
	}
	if !yes {
		ok, err := c.confirm(fmt.Sprintf("Forget %s? Its replica is removed once merged here; do this only for a computer that is gone.", name))
		if err != nil {
			return withHint(fmt.Errorf("not forgotten: cannot ask for confirmation (%v)", err), "pass --yes to forget without asking")
		}
		if !ok {
			return fmt.Errorf("not forgotten")
		}
	}
	if err := v.ForgetDevice(id, time.Now()); err != nil {
		return withHint(err, "`lifeline devices` lists the ids")
	}
	c.afterSave(v)
	fmt.Fprintf(c.stderr, "Forgot %s.\n", name)
	return nil
}
