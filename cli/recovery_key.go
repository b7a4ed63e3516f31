package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core/vault"
)

// giveRecoveryKey prints the key with its warning, or writes it to a new
// 0600 file; out must not exist.
func (c *cli) giveRecoveryKey(rk vault.RecoveryKey, out string, ageForm bool) error {
	text := rk.Reveal()
	if ageForm {
		text = rk.AgeIdentity()
	}
	if out != "" {
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("cannot write the recovery key: %w", err)
		}
		if _, err := fmt.Fprintln(f, text); err != nil {
			f.Close()
			return fmt.Errorf("cannot write the recovery key: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("cannot write the recovery key: %w", err)
		}
		if ageForm {
			fmt.Fprintf(c.stderr, "The recovery key's age identity (AGE-SECRET-KEY-1…) is in %s, for `age -d -i %s`. Keep it away from this device, and delete the file when done.\n", out, out)
			return nil
		}
		fmt.Fprintf(c.stderr, "The recovery key is in %s. Print it or write it down, keep it away from this device, then delete the file.\n", out)
		return nil
	}
	if !ageForm {
		fmt.Fprintf(c.stderr, "\nYour recovery key. It opens this vault and every backup if you lose the password or this device.\n")
		fmt.Fprintf(c.stderr, "Write it down or print it now and keep it somewhere safe; anyone who has it can read your accounts.\n\n")
	}
	fmt.Fprintln(c.stdout, text)
	return nil
}

func (c *cli) cmdRecoveryKey(fs *flag.FlagSet) func(pos []string) error {
	ageForm := fs.Bool("age", false, "print the matching AGE-SECRET-KEY-1… identity for the age tool")
	rotate := fs.Bool("rotate", false, "replace the recovery key with a new one")
	out := fs.String("out", "", "write the key to FILE (0600) instead of printing it")
	test := fs.Bool("test", false, "type the key from paper (or give --recovery-key-file) to check it opens the vault; it is never shown")
	return func([]string) error {
		if *test {
			if *ageForm || *rotate || *out != "" {
				return usagef("recovery-key --test takes no --age, --rotate or --out")
			}
			return c.testRecoveryKey()
		}
		v, err := c.open(knownKey)
		if err != nil {
			return err
		}
		if *rotate {
			rk, err := v.RotateRecoveryKey(time.Now())
			if err != nil && rk.IsZero() {
				return err
			}
			if err != nil {
				// vault.age already needs the new key: it must be shown even
				// though lifeline.json lags (the next save repairs it).
				fmt.Fprintf(c.stderr, "lifeline: %v\n", err)
			}
			c.afterSave(v) // a backup the new key opens, right away
			fmt.Fprintf(c.stderr, "The recovery key was replaced and the vault re-encrypted.\n")
			fmt.Fprintf(c.stderr, "Backups made before now still open only with the OLD key: keep it until you have new backups.\n")
			fmt.Fprintf(c.stderr, "Your printed Recovery Kit shows the old key: print a new one with `lifeline kit FILE.pdf`.\n")
			return c.giveRecoveryKey(rk, *out, *ageForm)
		}
		rk, err := v.RecoveryKey()
		if err != nil {
			return err
		}
		return c.giveRecoveryKey(rk, *out, *ageForm)
	}
}

// testRecoveryKey is `recovery-key --test`: the key from --recovery-key-file
// (which then also unlocks), or typed on the terminal after any unlock, is
// checked against the vault without being shown, and the date recorded.
func (c *cli) testRecoveryKey() error {
	var typed string
	if c.recoveryKeyFile != "" {
		s, err := c.readSecretFile(c.recoveryKeyFile, "recovery key")
		if err != nil {
			return err
		}
		typed = s
	}
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	if typed == "" {
		typed, err = c.askSecret("Type the recovery key from your paper (it is not shown): ", "recovery key",
			"put the key as printed in a file and pass --recovery-key-file FILE")
		if err != nil {
			return err
		}
	}
	now := time.Now()
	if err := ready.TestRecoveryKey(v, typed, now); err != nil {
		if errors.Is(err, ready.ErrWrongRecoveryKey) {
			return withHint(err, "is it an older paper? `lifeline recovery-key --rotate` replaced that key; print the current one with `lifeline kit FILE.pdf`")
		}
		return err
	}
	if err := c.saved(v, v.Save(now)); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Your printed recovery key opens this vault. Tested %s; `lifeline check` asks for another test in a year.\n", now.Format("2006-01-02"))
	return nil
}
