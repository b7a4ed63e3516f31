package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"filippo.io/age"
	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

type restoreFlags struct {
	identities          stringList
	passFile            string
	dryRun, replace     bool
	yes, noKeyring      bool
	acceptSecrets       bool
	adoptSettings       bool
	recoveryKeyOut, src string
}

// cmdRestore restores a backup: a preview first (on stdout), then a merge
// or, with --replace, the backup as it is. Into a vault folder that does
// not exist yet it creates the vault (the fresh device).
func (c *cli) cmdRestore(fs *flag.FlagSet) func(pos []string) error {
	f := c.restoreFlags(fs)
	return func(pos []string) error {
		if len(pos) != 1 {
			return usagef("usage: lifeline restore %s", synopsis("restore"))
		}
		f.src = pos[0]
		data, err := backup.BackupInput.ReadFile(f.src)
		if err != nil {
			return fmt.Errorf("cannot read the backup: %w", err)
		}
		info, err := backup.Inspect(data)
		if err != nil {
			return err
		}
		dir, err := c.dir()
		if err != nil {
			return err
		}
		if !vault.Exists(dir) {
			return c.restoreFresh(dir, data, info, f)
		}
		return c.restoreInto(data, info, f)
	}
}

// restoreFlags defines restore's flags on fs.
func (c *cli) restoreFlags(fs *flag.FlagSet) *restoreFlags {
	var f restoreFlags
	fs.Var(&f.identities, "identity", "open the backup with this key file: an SSH private key or an age key, AGE-SECRET-KEY-1… (repeatable)")
	fs.StringVar(&f.passFile, "passphrase-file", "", "the backup's own passphrase is in FILE")
	fs.BoolVar(&f.dryRun, "dry-run", false, "show the preview and change nothing")
	fs.BoolVar(&f.replace, "replace", false, "replace: "+backup.Replace.Does()+" (default: merge, which "+backup.Merge.Does()+")")
	fs.BoolVar(&f.yes, "yes", false, "do not ask before --replace removes accounts")
	fs.BoolVar(&f.acceptSecrets, "accept-secret-changes", false, "merge: take the backup's newer secrets (and types, algorithms, digits, periods) without asking")
	fs.BoolVar(&f.noKeyring, "no-keyring", false, "new vault: do not remember its key in the OS keyring")
	fs.BoolVar(&f.adoptSettings, "adopt-backup-settings", false, "new vault: also take the backup's own backup settings (extra recipients, folder, keep), which the preview lists")
	fs.StringVar(&f.recoveryKeyOut, "recovery-key-out", "", "new vault with a new recovery key: write it to FILE")
	return &f
}

// restoreInto restores into the vault there is: it opens the vault and
// the backup, prints the preview, and applies it.
func (c *cli) restoreInto(data []byte, info backup.Info, f *restoreFlags) error {
	if f.adoptSettings {
		return usagef("restore: --adopt-backup-settings is for a new vault only; a restore into a vault keeps its backup settings (change them with `lifeline backup config`)")
	}
	v, err := c.open(anyKey)
	if errors.Is(err, vault.ErrWrongRecoveryKey) {
		// The key given is the backup's (one rotated away since): open the
		// vault the usual way and keep the key for the backup only.
		plain := *c
		plain.recoveryKeyFile, plain.recoveryKeyQR = "", ""
		v, err = plain.open(anyKey)
	}
	if err != nil {
		return err
	}
	key, err := c.backupKey(info, f)
	if err != nil {
		return err
	}
	key.DefaultToVault(v) // no key given: this vault's own
	o, err := backup.Read(data, key)
	if err != nil {
		return err
	}
	mode := backup.Merge
	if f.replace {
		mode = backup.Replace
	}
	p := backup.PlanRestore(v.Doc, o, filepath.Base(f.src), time.Now())
	c.printPreview(p, o, mode)
	c.printOfferedSettings(o, false, false)
	if f.dryRun {
		fmt.Fprintf(c.stderr, "Dry run: nothing was changed.\n")
		return nil
	}
	c.askSecretChanges(p, mode, f.acceptSecrets)
	if msg := p.NothingToDo(mode); msg != "" {
		fmt.Fprintln(c.stderr, msg)
		return nil
	}
	if err := c.confirmRemovals(p, mode, f.yes); err != nil {
		return err
	}
	return c.applyPlan(v, p, mode)
}

// confirmRemovals asks before a Replace that removes accounts, unless yes.
func (c *cli) confirmRemovals(p *backup.Preview, mode backup.Mode, yes bool) error {
	if p.Removes(mode) == 0 || yes {
		return nil
	}
	ok, err := c.confirm(p.ReplaceWarning() + " Go on?")
	if err != nil {
		return withHint(fmt.Errorf("not restored: cannot ask for confirmation (%v)", err), "pass --yes to replace without asking")
	}
	if !ok {
		return errors.New("not restored")
	}
	return nil
}

// applyPlan applies p to v and says what it did and how to undo it.
func (c *cli) applyPlan(v *vault.Vault, p *backup.Preview, mode backup.Mode) error {
	res, err := backup.Apply(v, p, mode, time.Now())
	if err != nil && !vault.Written(err) {
		return fmt.Errorf("nothing was changed: %w", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stderr, p.Done(res))
	fmt.Fprintf(c.stderr, "The vault as it was before is saved in %s\n  (undo with: lifeline restore %s --replace)\n", res.Snapshot, res.Snapshot)
	c.afterSave(v)
	return nil
}

// backupKey gathers the keys given for the backup itself. A backup that
// opens only with a passphrase, when none was given, asks for it.
func (c *cli) backupKey(info backup.Info, f *restoreFlags) (backup.Key, error) {
	var k backup.Key
	var err error
	if c.hasRecoveryKey() {
		if k.RecoveryKey, err = c.readRecoveryKeyFile(); err != nil {
			return k, err
		}
	}
	if f.passFile != "" {
		if k.Passphrase, err = c.readSecretFile(f.passFile, "passphrase"); err != nil {
			return k, err
		}
	}
	if k.Identities, err = c.parseIdentityFiles(f.identities.vals); err != nil {
		return k, err
	}
	onlyPass := slices.Equal(info.Needs, []backup.Need{backup.NeedPassphrase})
	if onlyPass && k.Passphrase == "" {
		pw, err := c.prompt("Backup passphrase: ")
		if err != nil {
			return k, withHint(errors.New("this backup is protected by a passphrase and there is no terminal to ask on"), "pass --passphrase-file FILE")
		}
		k.Passphrase = pw
	}
	return k, nil
}

// restoreFresh makes a new vault from the backup (a new device).
func (c *cli) restoreFresh(dir string, data []byte, info backup.Info, f *restoreFlags) error {
	if f.replace {
		return usagef("restore: --replace needs a vault to replace; %s has none (a new vault is made from the backup)", dir)
	}
	key, err := c.backupKey(info, f)
	if err != nil {
		return err
	}
	o, err := backup.Read(data, key)
	if err != nil {
		return err
	}
	c.printPreview(backup.PlanFresh(o, filepath.Base(f.src), time.Now()), o, backup.Merge)
	c.printOfferedSettings(o, true, f.adoptSettings)
	if f.dryRun {
		fmt.Fprintf(c.stderr, "Dry run: no vault was created in %s.\n", dir)
		return nil
	}
	if f.recoveryKeyOut != "" {
		if _, err := os.Stat(f.recoveryKeyOut); err == nil {
			return fmt.Errorf("%s already exists; the recovery key is never written over another file", f.recoveryKeyOut)
		}
	}
	pw, err := c.newPassword(c.passwordFile)
	if err != nil {
		return err
	}
	r, err := backup.RestoreFreshWith(dir, pw, o, backup.FreshOptions{AdoptSettings: f.adoptSettings}, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Restored %d accounts into a new vault in %s\n", len(r.Vault.Doc.Accounts), dir)
	if r.FolderReset {
		fmt.Fprintf(c.stderr, "The backup folder set on the old device does not exist here; backups go to %s (change it with `lifeline backup config --folder DIR`).\n", filepath.Join(dir, backup.DefaultFolderName))
	}
	if !f.noKeyring {
		if err := r.Vault.EnableKeyring(); err != nil {
			fmt.Fprintf(c.stderr, "lifeline: could not remember the key in the OS keyring (%v); you will be asked for the password\n", err)
		} else {
			fmt.Fprintf(c.stderr, "The key is remembered in the OS keyring: this device unlocks without the password.\n")
		}
	}
	c.afterSave(r.Vault)
	if r.KeptKey {
		fmt.Fprintf(c.stderr, "Your recovery key is unchanged: the printed key opens this vault and its backups.\n")
		return nil
	}
	fmt.Fprintf(c.stderr, "The backup was opened with the %s, not with the recovery key, so this vault has a NEW recovery key. Your old recovery kit does not open it: print or write down the key below.\n", o.By)
	return c.giveRecoveryKey(r.RecoveryKey, f.recoveryKeyOut, false)
}

// printPreview writes the preview of a restore to stdout: where the
// backup comes from and what key opened it, then printPlan.
func (c *cli) printPreview(p *backup.Preview, o *backup.Opened, mode backup.Mode) {
	fmt.Fprintf(c.stdout, "Backup %s, opened with the %s.\n%s\n", p.Heading(), o.By, o.Origin())
	c.printPlan(p, mode)
}

// printOfferedSettings lists the backup settings the backup holds, and
// whether they are taken (only into a new vault, and only when adopt).
func (c *cli) printOfferedSettings(o *backup.Opened, fresh, adopt bool) {
	lines := o.OfferedSettings()
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(c.stdout, "The backup holds its own backup settings:")
	for _, l := range lines {
		fmt.Fprintln(c.stdout, "  "+l)
	}
	switch {
	case adopt:
		fmt.Fprintln(c.stdout, "They are taken (--adopt-backup-settings).")
	case fresh:
		fmt.Fprintln(c.stdout, backup.SettingsNotTaken(true)+" Take them with --adopt-backup-settings.")
	default:
		fmt.Fprintln(c.stdout, backup.SettingsNotTaken(false))
	}
}

// printPlan writes backup.Preview's lines in columns and its summary, for
// a restore and an import alike.
func (c *cli) printPlan(p *backup.Preview, mode backup.Mode) {
	for _, l := range p.Lines(mode) {
		fmt.Fprintf(c.stdout, "  %-13s %-6s  %s\n", l.Kind, l.Action, l)
	}
	fmt.Fprintln(c.stdout, p.Summary(mode))
}

// parseIdentityFiles reads --identity files; encrypted ones ask on the
// terminal for their passphrase.
func (c *cli) parseIdentityFiles(paths []string) ([]age.Identity, error) {
	var ids []age.Identity
	for _, p := range paths {
		data, err := backup.KeyInput.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read the key file: %w", err)
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
