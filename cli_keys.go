package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// cmdInit creates a vault: password (file or asked twice), the keyring
// unless --no-keyring, and the recovery key shown once or written to a file.
func (c *cli) cmdInit(args []string) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	noKeyring := fs.Bool("no-keyring", false, "do not remember the vault key in the OS keyring")
	rkOut := fs.String("recovery-key-out", "", "write the recovery key to FILE (0600) instead of printing it")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("init takes no arguments (got %q)", pos[0])
	}
	dir, err := c.dir()
	if err != nil {
		return err
	}
	if vault.Exists(dir) {
		return withHint(fmt.Errorf("a vault already exists in %s", dir), "use it, or pass --vault DIR for another one")
	}
	pw, err := c.newPassword(c.passwordFile)
	if err != nil {
		return err
	}
	if *rkOut != "" {
		// Fail before creating anything if the key cannot be written.
		if _, err := os.Stat(*rkOut); err == nil {
			return fmt.Errorf("%s already exists; the recovery key is never written over another file", *rkOut)
		}
	}
	v, rk, err := vault.Create(dir, pw, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Created a vault in %s\n", dir)
	if !*noKeyring {
		if err := v.EnableKeyring(); err != nil {
			fmt.Fprintf(c.stderr, "lifeline: could not remember the key in the OS keyring (%v); you will be asked for the password\n", err)
		} else {
			fmt.Fprintf(c.stderr, "The key is remembered in the OS keyring: this device unlocks without the password.\n")
		}
	}
	return c.giveRecoveryKey(rk, *rkOut, false)
}

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

func (c *cli) cmdPasswd(args []string) error {
	fs := flag.NewFlagSet("passwd", flag.ContinueOnError)
	newFile := fs.String("new-password-file", "", "read the new password from FILE")
	if _, err := c.flags(fs, args); err != nil {
		return err
	}
	v, err := c.open(knownKey)
	if err != nil {
		return err
	}
	pw, err := c.newPassword(*newFile)
	if err != nil {
		return err
	}
	if err := v.ChangePassword(pw); err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Password changed.\n")
	return nil
}

func (c *cli) cmdRecoveryKey(args []string) error {
	fs := flag.NewFlagSet("recovery-key", flag.ContinueOnError)
	ageForm := fs.Bool("age", false, "print the matching AGE-SECRET-KEY-1… identity for the age tool")
	rotate := fs.Bool("rotate", false, "replace the recovery key with a new one")
	out := fs.String("out", "", "write the key to FILE (0600) instead of printing it")
	if _, err := c.flags(fs, args); err != nil {
		return err
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

func (c *cli) cmdKeyring(args []string) error {
	fs := flag.NewFlagSet("keyring", flag.ContinueOnError)
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "enable" && pos[0] != "disable") {
		return usagef("usage: lifeline keyring enable|disable")
	}
	if pos[0] == "disable" {
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		if err := v.DisableKeyring(); err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "The OS keyring no longer holds the vault key; the password is needed to unlock.\n")
		return nil
	}
	v, err := c.open(knownKey)
	if err != nil {
		return err
	}
	if err := v.EnableKeyring(); err != nil {
		if errors.Is(err, vault.ErrKeyringUnavailable) {
			return withHint(err, "is a Secret Service (GNOME Keyring, KWallet) running and unlocked?")
		}
		return err
	}
	fmt.Fprintf(c.stderr, "The vault key is in the OS keyring: this device unlocks without the password.\n")
	return nil
}
