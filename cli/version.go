package cli

import (
	"flag"
	"fmt"

	"github.com/lifelineauth/lifeline/core"
)

// cmdVersion prints the version (also `lifeline --version`).
func (c *cli) cmdVersion(fs *flag.FlagSet) func(pos []string) error {
	return func(pos []string) error {
		if err := noArgs("version", pos); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "lifeline %s\n", core.Version())
		return nil
	}
}
