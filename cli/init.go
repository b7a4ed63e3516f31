package cli

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// cmdInit creates a vault: password (file or asked twice), the keyring
// unless --no-keyring, and the recovery key shown once or written to a file.
func (c *cli) cmdInit(fs *flag.FlagSet) func(pos []string) error {
	noKeyring := fs.Bool("no-keyring", false, "do not remember the vault key in the OS keyring")
	rkOut := fs.String("recovery-key-out", "", "write the recovery key to FILE (0600) instead of printing it")
	return func(pos []string) error {
		if err := noArgs("init", pos); err != nil {
			return err
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
				fmt.Fprintf(c.stderr, "lifeline: %v\n", err)
			} else {
				fmt.Fprintf(c.stderr, "The key is remembered in the OS keyring: this device unlocks without the password.\n")
			}
		}
		return c.giveRecoveryKey(rk, *rkOut, false)
	}
}
