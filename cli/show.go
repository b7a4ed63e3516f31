package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/backup/services/icons"
	"github.com/lifelineauth/lifeline/core"
)

func (c *cli) cmdShow(fs *flag.FlagSet) func(pos []string) error {
	uri := fs.Bool("uri", false, "print the otpauth:// URI (it contains the secret)")
	qrFile := fs.String("qr", "", "write the otpauth QR code to FILE.png (it contains the secret)")
	return func(pos []string) error {
		v, i, err := c.one("show", pos, anyKey)
		if err != nil {
			return err
		}
		a := &v.Doc.Accounts[i]
		if *uri || *qrFile != "" {
			if err := a.NeedSecret(); err != nil {
				return withHint(err, "`lifeline codes list QUERY` shows its codes")
			}
		}
		if *qrFile != "" {
			img, err := qr.AccountImage(a, 1)
			if err != nil {
				return fmt.Errorf("cannot make the QR code: %w", err)
			}
			if err := qr.WriteImage(*qrFile, img); err != nil {
				return withHint(fmt.Errorf("cannot write the QR code: %w", err), "name a new file; an old code is never written over")
			}
			fmt.Fprintf(c.stderr, "Wrote %s; scan it with your phone, then delete it: it holds the secret.\n", *qrFile)
		}
		if *uri {
			fmt.Fprintln(c.stdout, core.FormatURI(a))
		}
		if *uri || *qrFile != "" {
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		row := func(k, v string) { fmt.Fprintf(tw, "%s\t%s\n", k, v) }
		row("Issuer:", dash(a.Issuer))
		row("Name:", dash(a.Name))
		switch {
		case !a.HasSecret():
			row("Type:", "recovery codes only (no secret: 2FA is kept elsewhere)")
		default:
			row("Type:", a.Type.Name())
			row("Algorithm:", a.Algorithm.String())
			row("Digits:", strconv.Itoa(a.Digits))
		}
		switch {
		case !a.HasSecret():
		case a.Type == core.HOTP:
			row("Counter:", strconv.FormatUint(a.Counter, 10))
		default:
			row("Period:", fmt.Sprintf("%d s", a.Period))
		}
		row("Groups:", dash(strings.Join(a.Groups, ", ")))
		row("Favorite:", strconv.FormatBool(a.Favorite))
		row("Note:", dash(a.Note))
		row("Icon:", icons.Describe(a))
		left, total := a.RecoveryCodesLeft()
		row("Recovery codes:", fmt.Sprintf("%d of %d left", left, total))
		row("Created:", a.Created.Local().Format(time.DateTime))
		row("Updated:", a.Updated.Local().Format(time.DateTime))
		row("ID:", a.ID)
		return tw.Flush()
	}
}
