package cli

import (
	"errors"
	"flag"
	"fmt"

	"github.com/lifelineauth/lifeline/core/vault"
)

func (c *cli) cmdKeyring(fs *flag.FlagSet) func(pos []string) error {
	return func(pos []string) error {
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
}
