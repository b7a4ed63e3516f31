package cli

import (
	"flag"
	"fmt"
)

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
