package cli

import (
	"bytes"
	"flag"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/ready"
)

// cmdLostDevice prints the day-after guide (backup/ready.LostDevice): what
// to do now for each account, in order; --pdf writes it as a checklist in
// the Recovery Kit's style instead.
func (c *cli) cmdLostDevice(fs *flag.FlagSet) func(pos []string) error {
	pdf := fs.String("pdf", "", "write the guide as a PDF checklist to FILE")
	pageFlag := fs.String("page", "a4", "paper size of the PDF: a4 or letter")
	return func(pos []string) error {
		if err := noArgs("lost-device", pos); err != nil {
			return err
		}
		page, err := kit.ParsePage(*pageFlag)
		if err != nil {
			return usagef("lost-device: --page: %v", err)
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		g := ready.LostDevice(v.Doc, ready.Options{})
		if *pdf == "" {
			return g.WriteText(c.stdout)
		}
		var buf bytes.Buffer
		if err := g.WritePDF(&buf, page, time.Now()); err != nil {
			return err
		}
		if err := backup.WriteFile(*pdf, buf.Bytes()); err != nil {
			return fmt.Errorf("cannot write the guide: %w", err)
		}
		fmt.Fprintf(c.stderr, "Wrote %s: %d steps to tick off. It holds no secret and no recovery code.\n", *pdf, len(g.Steps)+1)
		return nil
	}
}
