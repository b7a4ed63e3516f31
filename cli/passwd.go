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
		if err := v.ChangePassword(pw); err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "Password changed.\n")
		return nil
	}
}
