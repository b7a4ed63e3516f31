package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

func (c *cli) cmdBackup(fs *flag.FlagSet) func(pos []string) error {
	var folder optString
	fs.Var(&folder, "folder", "config: back up to DIR (\"\" for the default, inside the vault folder)")
	keep := newKeepFlags(fs)
	on := fs.Bool("on", false, "config: turn automatic backups on")
	off := fs.Bool("off", false, "config: turn automatic backups off")
	var recipients stringList
	fs.Var(&recipients, "recipient", "config: also encrypt automatic backups to this public key (repeatable; \"\" clears)")
	return func(pos []string) error {
		if len(pos) != 1 {
			return usagef("usage: lifeline backup %s", synopsis("backup"))
		}
		if pos[0] != "config" && (folder.set || keep.set() || *on || *off || recipients.set) {
			return usagef("backup %s: --folder, --keep…, --on, --off and --recipient belong to `backup config`", pos[0])
		}
		switch pos[0] {
		case "now", "status", "list", "config":
		default:
			return usagef("usage: lifeline backup %s", synopsis("backup"))
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		switch pos[0] {
		case "now":
			path, err := backup.NewBackuper(v.Dir, nil).Now(v)
			if err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, path)
			return nil
		case "status":
			return c.backupStatus(v)
		case "list":
			return c.backupList(v)
		}
		s, err := backup.LoadSettings(v.Doc)
		if err != nil {
			fmt.Fprintf(c.stderr, "lifeline: %v\n", err)
		}
		if folder.set {
			s.Folder = folder.val
			if s.Folder != "" {
				if s.Folder, err = filepath.Abs(s.Folder); err != nil {
					return err
				}
			}
		}
		if err := keep.apply(&s); err != nil {
			return err
		}
		if *on && *off {
			return usagef("backup config: --on or --off, not both")
		}
		s.Off = *off || (s.Off && !*on)
		if recipients.set {
			if _, err := backup.ParseRecipients(recipients.vals); err != nil {
				return usagef("backup config: --recipient: %v", err)
			}
			s.Recipients = recipients.vals
		}
		if err := s.Store(v.Doc); err != nil {
			return usagef("backup config: %v", err)
		}
		if err := c.saved(v, v.Save(time.Now())); err != nil {
			return err
		}
		return c.backupStatus(v)
	}
}

// keepFlags are the retention flags of `backup config`: the newest N, and
// the newest of each of the last N days, weeks and months. A flag not
// given leaves its count as it is.
type keepFlags []keepFlag

type keepFlag struct {
	name, zero string // zero: what 0 means
	val        *string
	field      func(*backup.Settings) *int
}

func newKeepFlags(fs *flag.FlagSet) keepFlags {
	k := keepFlags{
		{"keep", "all", nil, func(s *backup.Settings) *int { return &s.Keep }},
		{"keep-daily", "none", nil, func(s *backup.Settings) *int { return &s.Daily }},
		{"keep-weekly", "none", nil, func(s *backup.Settings) *int { return &s.Weekly }},
		{"keep-monthly", "none", nil, func(s *backup.Settings) *int { return &s.Monthly }},
	}
	usage := []string{"config: keep the newest N automatic backups (0 keeps all)",
		"config: also keep the newest backup of each of the last N days with backups (0: none)",
		"config: also keep the newest backup of each of the last N weeks with backups (0: none)",
		"config: also keep the newest backup of each of the last N months with backups (0: none)"}
	for i := range k {
		k[i].val = fs.String(k[i].name, "", usage[i])
	}
	return k
}

func (k keepFlags) set() bool {
	for _, f := range k {
		if *f.val != "" {
			return true
		}
	}
	return false
}

func (k keepFlags) apply(s *backup.Settings) error {
	for _, f := range k {
		if *f.val == "" {
			continue
		}
		n, err := strconv.Atoi(*f.val)
		if err != nil || n < 0 {
			return usagef("backup config: --%s %q: want 0 (%s) or a positive number", f.name, *f.val, f.zero)
		}
		*f.field(s) = n
	}
	return nil
}

func (c *cli) backupStatus(v *vault.Vault) error {
	st, err := backup.ReadStatus(v)
	if err != nil {
		fmt.Fprintf(c.stderr, "lifeline: %v\n", err)
	}
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	state := "on"
	if !st.Enabled {
		state = "off"
	}
	fmt.Fprintf(w, "Automatic backups:\t%s\n", state)
	fmt.Fprintf(w, "Folder:\t%s\n", st.Folder)
	fmt.Fprintf(w, "Keep:\t%s\n", st.Retention)
	if st.LastBackup.IsZero() {
		fmt.Fprintf(w, "Last verified backup:\tnone\n")
	} else {
		fmt.Fprintf(w, "Last verified backup:\t%s  %s\n", st.LastBackup.Local().Format("2006-01-02 15:04:05"), st.LastFile)
	}
	changes := "all backed up"
	if st.Pending {
		changes = "NOT backed up"
	}
	fmt.Fprintf(w, "Changes:\t%s\n", changes)
	if st.Failure != nil {
		fmt.Fprintf(w, "Last failure:\t%s  %s: %s\n", st.Failure.At.Local().Format("2006-01-02 15:04:05"), st.Failure.Reason, st.Failure.Detail)
	}
	if st.Warning != "" {
		fmt.Fprintf(w, "Warning:\t%s\n", st.Warning)
	}
	w.Flush()
	if st.Failure != nil {
		// For scripts and monitoring: a failing backup is a failing status.
		return st.Failure
	}
	return nil
}

// backupList lists this vault's backups (backup.ListVault, as the window's
// Backups page does): another vault's in a shared folder are left out.
func (c *cli) backupList(v *vault.Vault) error {
	entries, err := backup.ListVault(v)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, e := range entries {
		note := ""
		if e.Snapshot {
			note = "  (the vault before a restore)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s%s\n", e.Time.Local().Format("2006-01-02 15:04:05"), humanSize(e.Size),
			e.Holds(), e.State(), e.Path, note)
	}
	w.Flush()
	if len(entries) == 0 {
		s, _ := backup.LoadSettings(v.Doc)
		fmt.Fprintf(c.stderr, "No backups in %s yet.\n", s.FolderFor(v.Dir))
	}
	return nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
