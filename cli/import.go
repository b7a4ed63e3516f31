package cli

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
)

// cmdImport reads other authenticators' export files. Every file is read
// and decrypted before the vault is touched, so a wrong password or a
// damaged file imports nothing; the accounts then go through the same
// preview and merge as a restore.
func (c *cli) cmdImport(fs *flag.FlagSet) func(pos []string) error {
	format := fs.String("format", "auto", "the files' format (see --formats); auto: recognise it from the content")
	passFile := fs.String("passphrase-file", "", "the export's own password is in FILE")
	dryRun := fs.Bool("dry-run", false, "show the preview and change nothing")
	listFormats := fs.Bool("formats", false, "list the supported formats")
	return func(pos []string) error {
		if *listFormats {
			return c.printFormats()
		}
		if len(pos) == 0 {
			return usagef("usage: lifeline import %s", synopsis("import"))
		}
		var forced *apps.Format
		if *format != "auto" {
			f, err := apps.FormatByName(*format)
			if err != nil {
				return withHint(usagef("import: --format: %v", err), "`lifeline import --formats` lists them")
			}
			forced = &f
		}
		results := make([]apps.Result, len(pos))
		for i, path := range pos {
			var err error
			if results[i], err = c.importFile(path, forced, *passFile); err != nil {
				return fmt.Errorf("%s: %w; nothing was imported", path, err)
			}
		}
		var in backup.Incoming
		var names []string
		for i, res := range results {
			fmt.Fprintf(c.stderr, "%s: %d accounts (%s)\n", pos[i], len(res.Accounts), res.Format.Title)
			for _, s := range res.Skipped {
				fmt.Fprintf(c.stderr, "lifeline: skipped %s: %s\n", s.Label, s.Reason)
			}
			in.Accounts = append(in.Accounts, res.Accounts...)
			names = append(names, filepath.Base(pos[i]))
		}
		in.Source = strings.Join(names, ", ")
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		p := backup.Plan(v.Doc, in, time.Now())
		fmt.Fprintf(c.stdout, "Import %s.\n", p.Heading())
		c.printPlan(p, backup.Merge)
		if *dryRun {
			fmt.Fprintf(c.stderr, "Dry run: nothing was changed.\n")
			return nil
		}
		if msg := p.NothingToDo(backup.Merge); msg != "" {
			fmt.Fprintln(c.stderr, msg)
			return nil
		}
		return c.applyPlan(v, p, backup.Merge)
	}
}

// importFile detects (unless forced) and reads one export file, asking
// for its password only if it turns out to be encrypted.
func (c *cli) importFile(path string, forced *apps.Format, passFile string) (apps.Result, error) {
	data, err := backup.ImportInput.ReadFile(path)
	if err != nil {
		return apps.Result{}, err
	}
	f := apps.Format{}
	if forced != nil {
		f = *forced
	} else if f, err = apps.Detect(filepath.Base(path), data); err != nil {
		return apps.Result{}, withHint(err, "`lifeline import --formats` lists what is supported; --format NAME picks one")
	}
	password := func() (string, error) {
		if passFile != "" {
			return c.readSecretFile(passFile, "passphrase")
		}
		pw, err := c.prompt(fmt.Sprintf("Password of the %s export %s: ", f.Title, filepath.Base(path)))
		if err != nil {
			return "", withHint(errors.New("this export is encrypted and there is no terminal to ask for its password"), "pass --passphrase-file FILE")
		}
		return pw, nil
	}
	return apps.Import(f, data, password)
}

func (c *cli) printFormats() error {
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tAPP\tENCRYPTED\tWHERE THE FILE COMES FROM")
	for _, f := range apps.Formats() {
		enc := "no"
		if f.Encrypted {
			enc = "may be"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Name, f.Title, enc, f.Hint)
	}
	return tw.Flush()
}
