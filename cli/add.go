package cli

import (
	"flag"
	"fmt"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// cmdAdd adds accounts from setup links (otpauth://, otpauth-migration://,
// motp://; "-" reads one per line from stdin) or from flags. Every input is
// parsed and checked before the vault is touched, so one bad URI adds
// nothing.
func (c *cli) cmdAdd(fs *flag.FlagSet) func(pos []string) error {
	issuer := fs.String("issuer", "", "issuer (the site)")
	name := fs.String("name", "", "account name")
	secret := fs.String("secret", "", "Base32 secret (\"-\" reads it from stdin)")
	typ := fs.String("type", "totp", "totp, hotp or steam")
	alg := fs.String("algorithm", "SHA1", "SHA1, SHA256 or SHA512")
	digits := fs.Int("digits", 0, "number of digits (6–10)")
	period := fs.Int("period", 0, "seconds per code (TOTP)")
	counter := fs.Uint64("counter", 0, "next counter (HOTP)")
	return func(pos []string) error {
		manual := *secret != "" || *issuer != "" || *name != ""
		var accounts []core.Account
		switch {
		case manual && len(pos) > 0:
			return usagef("add takes either URIs or --secret with --issuer/--name, not both")
		case manual:
			a, err := c.manualAccount(*issuer, *name, *secret, *typ, *alg, *digits, *period, *counter)
			if err != nil {
				return err
			}
			accounts = append(accounts, a)
		case len(pos) == 0:
			return usagef("usage: lifeline add %s", synopsis("add"))
		default:
			var err error
			if accounts, err = c.accountsFromURIs(pos); err != nil {
				return err
			}
		}
		return c.addAll(accounts)
	}
}

func (c *cli) manualAccount(issuer, name, secret, typ, alg string, digits, period int, counter uint64) (core.Account, error) {
	if secret == "" {
		return core.Account{}, usagef("add: --secret is required with --issuer/--name")
	}
	if secret == "-" {
		s, err := c.readSecretFile("-", "secret")
		if err != nil {
			return core.Account{}, err
		}
		secret = s
	}
	a := core.Account{Issuer: issuer, Name: name, Digits: digits, Period: period, Counter: counter}
	var err error
	if a.Type, err = core.ParseType(typ); err != nil {
		return a, usagef("add: --type: %v", err)
	}
	if a.Algorithm, err = otp.ParseAlgorithm(alg); err != nil {
		return a, usagef("add: --algorithm: %v", err)
	}
	if a.Secret, err = core.ParseSecret(secret); err != nil {
		return a, fmt.Errorf("add: --secret: %w", err)
	}
	a.Defaults()
	if err := a.Validate(); err != nil {
		return a, fmt.Errorf("add: %w", err)
	}
	return a, nil
}

// accountsFromURIs parses every URI (and stdin's lines for "-") first;
// the first bad one stops the command with its position.
func (c *cli) accountsFromURIs(args []string) ([]core.Account, error) {
	var lines []string
	for _, arg := range args {
		if arg != "-" {
			lines = append(lines, arg)
			continue
		}
		text, err := backup.LinksInput.Read(c.stdin, "-")
		if err != nil {
			return nil, fmt.Errorf("cannot read URIs from stdin: %w", err)
		}
		for _, l := range core.SetupLinkLines(string(text)) {
			lines = append(lines, l)
		}
	}
	var out []core.Account
	for i, l := range lines {
		accs, err := core.ParseSetupLink(l)
		if err != nil {
			return nil, withHint(fmt.Errorf("URI %d: %w", i+1, err), "nothing was added; fix or remove that URI and run the command again")
		}
		out = append(out, accs...)
	}
	return out, nil
}
