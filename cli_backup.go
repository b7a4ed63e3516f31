package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// afterSave is the automatic backup after a command changed the vault. The
// change is saved whatever happens here; a failed backup is a warning, and
// `backup status` keeps reporting it.
func (c *cli) afterSave(v *vault.Vault) {
	if _, err := backup.AfterSave(v); err != nil {
		msg, hint := explain(err)
		fmt.Fprintf(c.stderr, "lifeline: warning: the change is saved, but the automatic backup failed: %s\n", msg)
		if hint != "" {
			fmt.Fprintf(c.stderr, "  hint: %s\n", hint)
		}
	}
}

// saved is afterSave for a `return v.Save(now)`: it backs up only after a
// successful save and passes the save's error on.
func (c *cli) saved(v *vault.Vault, err error) error {
	if err == nil {
		c.afterSave(v)
	}
	return err
}

func (c *cli) cmdExport(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	passFile := fs.String("passphrase-file", "", "protect the file with the passphrase in FILE instead of the recovery key")
	var recipients stringList
	fs.Var(&recipients, "recipient", "also encrypt to this age1… or ssh-ed25519/ssh-rsa public key (repeatable)")
	armor := fs.Bool("armor", false, "write ASCII armor instead of binary")
	format := fs.String("format", "age", "age (a Lifeline backup), aegis, aegis-plain or otpauth (for other apps)")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: lifeline export %s", synopsis("export"))
	}
	if *format != "age" {
		if len(recipients.vals) > 0 || *armor {
			return usagef("export: --recipient and --armor are for --format age")
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		return c.exportOtherApp(pos[0], *format, *passFile, v.Doc.Accounts)
	}
	if *passFile != "" && len(recipients.vals) > 0 {
		return usagef("export: --passphrase-file and --recipient cannot be combined (age allows a passphrase only alone)")
	}
	o := backup.Options{Armor: *armor}
	if *passFile != "" {
		if o.Passphrase, err = readSecretFile(*passFile, "passphrase"); err != nil {
			return err
		}
	}
	for _, r := range recipients.vals {
		rec, err := backup.ParseRecipient(r)
		if err != nil {
			return usagef("export: --recipient: %v", err)
		}
		o.Recipients = append(o.Recipients, rec)
	}
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	rr, err := v.RecoveryRecipient()
	if err != nil {
		return err
	}
	if pos[0] == "-" {
		err = backup.Export(c.stdout, v.Doc, rr, o)
	} else {
		err = backup.ExportFile(pos[0], v.Doc, rr, o)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Exported %d accounts to %s, %s.\n", len(v.Doc.Accounts), pos[0], describeProtection(o))
	return nil
}

func describeProtection(o backup.Options) string {
	switch {
	case o.Passphrase != "":
		return "protected by the passphrase only (the vault's own keys are not in it)"
	case len(o.Recipients) > 0:
		return fmt.Sprintf("encrypted to the recovery key and %d more key(s) (the vault's own keys are not in it)", len(o.Recipients))
	}
	return "encrypted to the recovery key"
}

func (c *cli) cmdBackup(args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	var folder optString
	fs.Var(&folder, "folder", "config: back up to DIR (\"\" for the default, inside the vault folder)")
	keep := fs.String("keep", "", "config: keep the newest N automatic backups (0 keeps all)")
	on := fs.Bool("on", false, "config: turn automatic backups on")
	off := fs.Bool("off", false, "config: turn automatic backups off")
	var recipients stringList
	fs.Var(&recipients, "recipient", "config: also encrypt automatic backups to this public key (repeatable; \"\" clears)")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: lifeline backup %s", synopsis("backup"))
	}
	if pos[0] != "config" && (folder.set || *keep != "" || *on || *off || recipients.set) {
		return usagef("backup %s: --folder, --keep, --on, --off and --recipient belong to `backup config`", pos[0])
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
	if *keep != "" {
		n, err := strconv.Atoi(*keep)
		if err != nil || n < 0 {
			return usagef("backup config: --keep %q: want 0 (all) or a positive number", *keep)
		}
		s.Keep = n
	}
	if *on && *off {
		return usagef("backup config: --on or --off, not both")
	}
	s.Off = *off || (s.Off && !*on)
	if recipients.set {
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
	if st.Keep == 0 {
		fmt.Fprintf(w, "Keep:\tall\n")
	} else {
		fmt.Fprintf(w, "Keep:\tnewest %d\n", st.Keep)
	}
	if st.LastBackup.IsZero() {
		fmt.Fprintf(w, "Last backup:\tnever\n")
	} else {
		fmt.Fprintf(w, "Last backup:\t%s  %s\n", st.LastBackup.Local().Format("2006-01-02 15:04:05"), st.LastFile)
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

func (c *cli) backupList(v *vault.Vault) error {
	s, _ := backup.LoadSettings(v.Doc)
	files, err := backup.List(s.FolderFor(v.Dir))
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	for _, f := range files {
		note := ""
		if f.Snapshot {
			note = "  (the vault before a restore)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s%s\n", f.Time.Local().Format("2006-01-02 15:04:05"), humanSize(f.Size), f.Path, note)
	}
	w.Flush()
	if len(files) == 0 {
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

// parseIdentityFiles reads --identity files; encrypted ones ask on the
// terminal for their passphrase.
func (c *cli) parseIdentityFiles(paths []string) ([]age.Identity, error) {
	var ids []age.Identity
	for _, p := range paths {
		data, err := readFileLimited(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the identity file: %w", err)
		}
		got, err := backup.ParseIdentityFile(data, func() (string, error) {
			return c.prompt("Passphrase for " + filepath.Base(p) + ": ")
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		ids = append(ids, got...)
	}
	return ids, nil
}
