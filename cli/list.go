package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/lifelineauth/lifeline/core"
)

// listEntry is one account in `list --json`: everything but secrets.
type listEntry struct {
	ID            string   `json:"id"`
	Issuer        string   `json:"issuer"`
	Name          string   `json:"name"`
	Type          string   `json:"type"`
	Algorithm     string   `json:"algorithm"`
	Digits        int      `json:"digits"`
	Period        int      `json:"period,omitempty"`
	Counter       *uint64  `json:"counter,omitempty"`
	Groups        []string `json:"groups"`
	Favorite      bool     `json:"favorite"`
	CodesOnly     bool     `json:"codes_only,omitempty"` // recovery codes without a secret
	RecoveryCodes struct {
		Total  int `json:"total"`
		Unused int `json:"unused"`
	} `json:"recovery_codes"`
}

func (c *cli) cmdList(fs *flag.FlagSet) func(pos []string) error {
	asJSON := fs.Bool("json", false, "print a JSON array")
	return func(pos []string) error {
		if err := noArgs("list", pos); err != nil {
			return err
		}
		v, err := c.open(anyKey)
		if err != nil {
			return err
		}
		accs := v.Doc.Accounts
		if *asJSON {
			out := make([]listEntry, len(accs))
			for i := range accs {
				a := &accs[i]
				e := listEntry{ID: a.ID, Issuer: a.Issuer, Name: a.Name, Type: string(a.Type),
					Algorithm: a.Algorithm.String(), Digits: a.Digits, Period: a.Period,
					Groups: append([]string{}, a.Groups...), Favorite: a.Favorite, CodesOnly: !a.HasSecret()}
				if a.Type == core.HOTP {
					n := a.Counter
					e.Counter = &n
				}
				e.RecoveryCodes.Unused, e.RecoveryCodes.Total = a.RecoveryCodesLeft()
				out[i] = e
			}
			return c.printJSON(out)
		}
		if len(accs) == 0 {
			fmt.Fprintf(c.stderr, "The vault is empty; add an account with `lifeline add URI`.\n")
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ISSUER\tNAME\tTYPE\tGROUPS\tRECOVERY CODES")
		for i := range accs {
			a := &accs[i]
			codes := "-"
			if left, total := a.RecoveryCodesLeft(); total > 0 {
				codes = fmt.Sprintf("%d of %d left", left, total)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(a.Issuer), dash(a.Name), typeName(a), dash(strings.Join(a.Groups, ",")), codes)
		}
		return tw.Flush()
	}
}

// typeName is the TYPE column: the kind of code, or "codes only".
func typeName(a *core.Account) string {
	if !a.HasSecret() {
		return "codes only"
	}
	return a.Type.Name()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (o *optString) String() string     { return o.val }
func (o *optString) Set(v string) error { o.val, o.set = v, true; return nil }

func (o *optBool) String() string { return strconv.FormatBool(o.val) }
func (o *optBool) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false, got %q", v)
	}
	o.val, o.set = b, true
	return nil
}
func (o *optBool) IsBoolFlag() bool { return true }
