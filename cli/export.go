package cli

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
	"github.com/lifelineauth/lifeline/core"
)

func (c *cli) cmdExport(fs *flag.FlagSet) func(pos []string) error {
	passFile := fs.String("passphrase-file", "", "protect the file with the passphrase in FILE instead of the recovery key")
	var recipients stringList
	fs.Var(&recipients, "recipient", "also encrypt to this age1… or ssh-ed25519/ssh-rsa public key (repeatable)")
	armor := fs.Bool("armor", false, "write ASCII armor instead of binary")
	format := fs.String("format", "age", "age (a Lifeline backup), aegis, aegis-plain or otpauth (for other apps)")
	return func(pos []string) error {
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
		var err error
		if *passFile != "" {
			if o.Passphrase, err = c.readSecretFile(*passFile, "passphrase"); err != nil {
				return err
			}
		}
		if o.Recipients, err = backup.ParseRecipients(recipients.vals); err != nil {
			return usagef("export: --recipient: %v", err)
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
		if pos[0] == "-" {
			return nil
		}
		// The Recovery Kit names the last export when it is off this
		// computer (backup.OffDeviceCopies).
		now := time.Now()
		if err := backup.RecordExport(v.Doc, pos[0], now); err != nil {
			return err
		}
		if err := v.Save(now); err != nil {
			return fmt.Errorf("the backup was exported, but the vault could not record where: %w", err)
		}
		c.afterSave(v)
		return nil
	}
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

// exportOtherApp writes the vault for another authenticator: Aegis
// (encrypted or plain) or a plain otpauth URI list.
func (c *cli) exportOtherApp(path, format, passFile string, accounts []core.Account) error {
	var data []byte
	var err error
	accounts = c.leaveOutCodesOnly(accounts, "another app has nothing to make codes with")
	if len(accounts) == 0 {
		return errors.New("nothing to export: every entry keeps only recovery codes")
	}
	switch format {
	case "aegis":
		if passFile == "" {
			return usagef("export --format aegis needs --passphrase-file (the password Aegis will ask for); --format aegis-plain writes it unencrypted")
		}
		pw, err := c.readSecretFile(passFile, "passphrase")
		if err != nil {
			return err
		}
		data, err = apps.ExportAegis(accounts, pw)
		if err != nil {
			return err
		}
	case "aegis-plain":
		if data, err = apps.ExportAegis(accounts, ""); err != nil {
			return err
		}
	case "otpauth":
		data = apps.ExportOTPAuthList(accounts)
	default:
		return usagef("export: unknown --format %q (want age, aegis, aegis-plain or otpauth)", format)
	}
	if format != "aegis" {
		fmt.Fprintf(c.stderr, "lifeline: warning: %s is NOT encrypted: anyone who reads it has every secret. Import it, then delete it.\n", path)
	}
	if path == "-" {
		_, err = c.stdout.Write(data)
		return err
	}
	if err := backup.WriteNewFile(path, data); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Wrote %d accounts to %s\n", len(accounts), path)
	return nil
}

// leaveOutCodesOnly returns the accounts with a secret and says which
// entries an export to another app leaves out, and why.
func (c *cli) leaveOutCodesOnly(accounts []core.Account, why string) []core.Account {
	with, only := core.SplitCodesOnly(accounts)
	for i := range only {
		fmt.Fprintf(c.stderr, "lifeline: left out %s: it keeps only recovery codes, so %s\n", only[i].Label(), why)
	}
	return with
}
