package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// cmdKit writes the Recovery Kit PDF. The full kit prints the recovery key,
// so, like `recovery-key`, it needs the password or the key, never just the
// keyring; a sheet for one account (--account) prints no key and opens like
// `show`. A full kit is recorded in the vault, so the window stops asking
// for one until the recovery key changes.
func (c *cli) cmdKit(fs *flag.FlagSet) func(pos []string) error {
	paper := fs.Bool("paper", false, "add a paper backup: every account's secret as a QR code and text")
	pageFlag := fs.String("page", "a4", "paper size: a4 or letter")
	account := fs.String("account", "", "print only this account's codes (no recovery key)")
	return func(pos []string) error {
		if len(pos) != 1 {
			return usagef("usage: lifeline kit %s", synopsis("kit"))
		}
		out := pos[0]
		page, err := kit.ParsePage(*pageFlag)
		if err != nil {
			return usagef("kit: --page: %v", err)
		}
		opt := kit.Options{Page: page, Paper: *paper, Now: time.Now()}
		way := knownKey
		if *account != "" {
			way = anyKey
		}
		v, err := c.open(way)
		if err != nil {
			return err
		}
		var rk vault.RecoveryKey
		var label string
		if *account != "" {
			i, err := pick(v.Doc.Accounts, *account)
			if err != nil {
				return err
			}
			opt.Accounts, label = []string{v.Doc.Accounts[i].ID}, v.Doc.Accounts[i].Label()
		} else if rk, err = c.kitKey(v); err != nil {
			return err
		}
		// Printed so the person knows where to look for a backup on the day
		// they need one, or that there is none off this computer.
		opt.Copies = backup.OffDeviceCopies(v.Doc, v.Dir)
		if len(opt.Copies) == 0 && *account == "" {
			fmt.Fprintf(c.stderr, "lifeline: warning: you have no backup off this computer; the kit says how to make one (`lifeline backup config --folder DIR` on a USB drive or a synced folder, or `lifeline export FILE` there)\n")
		}
		if *paper {
			fmt.Fprintf(c.stderr, "lifeline: warning: %s\n", kit.PaperWarning)
		}

		var buf bytes.Buffer
		m, err := kit.Write(&buf, v.Doc, rk, opt)
		if err != nil {
			return err
		}
		if err := backup.WriteFile(out, buf.Bytes()); err != nil {
			return fmt.Errorf("cannot write the recovery kit: %w", err)
		}
		if m.Partial {
			fmt.Fprintf(c.stderr, "Wrote %s: recovery codes of %s (serial %s). It holds no recovery key.\n", out, label, m.Serial)
			return nil
		}
		accounts := fmt.Sprintf("%d accounts", m.Accounts)
		if m.Accounts == 1 {
			accounts = "1 account"
		}
		fmt.Fprintf(c.stderr, "Wrote %s: Lifeline Recovery Kit, serial %s, %s.\n", out, m.Serial, accounts)
		fmt.Fprintf(c.stderr, "Print it and keep it away from this computer, then delete the file: it holds your recovery key.\n")
		if err := kit.Record(v.Doc, m); err != nil {
			return err
		}
		if err := v.Save(time.Now()); err != nil {
			return fmt.Errorf("the kit was written, but the vault could not record it: %w", err)
		}
		c.afterSave(v)
		return nil
	}
}

// kitKey is the recovery key to print: the one the vault keeps, or, for a
// vault document without keys, the one it was just opened with.
func (c *cli) kitKey(v *vault.Vault) (vault.RecoveryKey, error) {
	rk, err := v.RecoveryKey()
	if errors.Is(err, vault.ErrNoRecoveryKey) && c.hasRecoveryKey() {
		return c.readRecoveryKeyFile()
	}
	if errors.Is(err, vault.ErrNoRecoveryKey) {
		return rk, withHint(err, "unlock with --recovery-key-file FILE to print the kit")
	}
	return rk, err
}
