package cli

import (
	"flag"
	"fmt"
)

func (c *cli) cmdPasswd(fs *flag.FlagSet) func(pos []string) error {
	newFile := fs.String("new-password-file", "", "read the new password from FILE")
	return func([]string) error {
		v, err := c.open(knownKey)
		if err != nil {
			return err
		}
		pw, err := c.newPassword(*newFile)
		if err != nil {
			return err
		}
		keyring := v.Meta.Keyring
		if err := v.ChangePassword(pw); err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "Password changed, and the vault re-encrypted with a new key.\n")
		fmt.Fprintf(c.stderr, "Old backups still open with your recovery key; a copy of the old password file no longer opens this vault.\n")
		if keyring && !v.Meta.Keyring {
			fmt.Fprintf(c.stderr, "lifeline: warning: the OS keyring could not take the new key, so it is turned off; `lifeline keyring enable` turns it on again\n")
		}
		return nil
	}
}
