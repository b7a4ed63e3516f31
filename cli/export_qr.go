package cli

import (
	"errors"
	"flag"
	"fmt"
	"slices"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
)

// cmdExportQR writes QR codes for a phone to scan: one otpauth code per
// account, or with --migration Google Authenticator export codes (≤ 10
// accounts each) plus single codes for what that format cannot carry. The
// file paths go to stdout.
func (c *cli) cmdExportQR(fs *flag.FlagSet) func(pos []string) error {
	out := fs.String("out", "", "folder for the PNG files (created, owner only)")
	migration := fs.Bool("migration", false, "Google Authenticator export codes, up to 10 accounts each")
	return func(pos []string) error {
		if *out == "" || len(pos) == 0 {
			return usagef("usage: lifeline export-qr %s", synopsis("export-qr"))
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		accs, err := selectAccounts(v.Doc.Accounts, pos)
		if err != nil {
			return err
		}
		if accs = c.leaveOutCodesOnly(accs, "there is nothing to scan"); len(accs) == 0 {
			return errors.New("no QR codes to make: the entries chosen keep only recovery codes")
		}
		var imgs []qr.Image
		if *migration {
			ex, err := qr.MigrationImages(accs)
			if err != nil {
				return err
			}
			for i := range ex.Skipped {
				a := &ex.Skipped[i]
				fmt.Fprintf(c.stderr, "lifeline: %s cannot travel in a Google Authenticator export (%s); it gets its own otpauth code\n",
					a.Label(), qr.WhyNotMigratable(a))
			}
			imgs = append(ex.Batches, ex.Singles...)
		} else if imgs, err = qr.AccountImages(accs); err != nil {
			return err
		}
		paths, err := qr.WriteImages(*out, imgs)
		for _, p := range paths {
			fmt.Fprintln(c.stdout, p)
		}
		if errors.Is(err, qr.ErrExists) {
			return withHint(err, "export into an empty folder, or delete the old codes first")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "Wrote %d QR codes for %d accounts to %s. Scan them with your phone, then delete them: they hold the secrets.\n",
			len(paths), len(accs), *out)
		return nil
	}
}

// selectAccounts resolves QUERY... ("all" is every account), each query
// naming exactly one account; an account named twice is exported once.
func selectAccounts(all []core.Account, queries []string) ([]core.Account, error) {
	if len(all) == 0 {
		return nil, withHint(errors.New("the vault is empty"), "add an account with `lifeline add URI` or `lifeline scan IMAGE`")
	}
	if slices.Contains(queries, "all") {
		return all, nil
	}
	var idx []int
	for _, q := range queries {
		i, err := pick(all, q)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(idx, i) {
			idx = append(idx, i)
		}
	}
	out := make([]core.Account, len(idx))
	for k, i := range idx {
		out[k] = all[i]
	}
	return out, nil
}
