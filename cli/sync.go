package cli

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// cmdSync shows how the vault's replicas stand, and writes the .stignore a
// Syncthing folder wants.
func (c *cli) cmdSync(fs *flag.FlagSet) func(pos []string) error {
	write := fs.Bool("write", false, "stignore: write it into the vault folder")
	return func(pos []string) error {
		switch {
		case len(pos) == 1 && pos[0] == "status":
			return c.syncStatus()
		case len(pos) == 1 && pos[0] == "stignore":
			return c.stignore(*write)
		case len(pos) == 2 && pos[0] == "move":
			return c.syncMove(pos[1])
		}
		return usagef("usage: lifeline sync %s", synopsis("sync"))
	}
}

func (c *cli) syncStatus() error {
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	st := v.SyncStatus()
	engine := vault.SyncEngine(v.Dir)
	if engine == "" {
		engine = "no sync engine found (see docs/SYNC.md)"
	}
	fmt.Fprintf(c.stdout, "Folder:        %s (%s)\n", v.Dir, engine)
	fmt.Fprintf(c.stdout, "This computer: %s (%s), writes %s\n", st.Device.Name, st.Device.ID, st.Own)
	if len(st.Replicas) == 0 {
		fmt.Fprintln(c.stdout, "No other replicas: this vault is used on one computer.")
		return nil
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "REPLICA\tWRITTEN BY\tMODIFIED\tSTATE")
	locked := false
	for _, r := range st.Replicas {
		by := "-"
		if e, ok := st.Devices[r.Device]; ok {
			by = e.Name + " (" + r.Device + ")"
		} else if r.Device != "" {
			by = r.Device
		}
		state := "merged"
		if r.Conflict {
			state = "conflict copy, merged"
		}
		var re *vault.ReplicaError
		if errors.As(r.Err, &re) {
			state = strings.TrimPrefix(re.Error(), "replica "+r.File+" ")
			locked = locked || re.NeedsUnlock()
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.File, by, when(r.Modified), state)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if locked {
		fmt.Fprintln(c.stderr, "hint: the password was changed on another computer: run a command with the new password (or --recovery-key-file) once")
	}
	return nil
}

// syncMove moves the vault into a folder (inside a synced one, usually),
// which this computer then opens by default.
func (c *cli) syncMove(to string) error {
	dir, err := c.dir()
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(to)
	if err != nil {
		return err
	}
	if vault.SyncEngine(dst) == "" {
		fmt.Fprintf(c.stderr, "lifeline: warning: no sync engine seems to keep %s (docs/SYNC.md says what Lifeline looks for)\n", dst)
	}
	old, err := vault.MoveVault(dir, dst, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "The vault is now in %s, and this computer opens it from there.\nThe old folder is kept as %s: delete it once you are happy.\nOn your other computers: `lifeline --vault %s list` once the folder has synced there (or the window's \"Open a vault from a synced folder\").\n", dst, old, dst)
	return nil
}

// stignore prints the lines a Syncthing folder holding the vault should
// ignore, or adds those it lacks to the vault folder's .stignore.
func (c *cli) stignore(write bool) error {
	if !write {
		fmt.Fprint(c.stdout, vault.Stignore)
		return nil
	}
	dir, err := c.dir()
	if err != nil {
		return err
	}
	path := filepath.Join(dir, ".stignore")
	added, err := vault.WriteStignore(dir)
	if err != nil {
		return err
	}
	if added == 0 {
		fmt.Fprintf(c.stderr, "%s already ignores what Lifeline needs.\n", path)
		return nil
	}
	fmt.Fprintf(c.stderr, "Wrote %s (%d lines added). Syncthing reads it at once.\n", path, added)
	return nil
}
