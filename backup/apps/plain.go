package apps

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// readPlain reads a text file of setup links (core.ParseSetupLink), one per
// line; blank lines and lines starting with '#' are passed over, and an
// otpauth-migration:// line (Google Authenticator's export) brings all the
// accounts it holds.
func readPlain(data []byte, _ *passwordSource, out *results) error {
	accounts, err := parseURIList(data)
	if err != nil {
		return err
	}
	for _, a := range accounts {
		out.add(a)
	}
	return nil
}

// parseURIList is shared by the plain, WinAuth, Ente and Authenticator Plus
// readers. A line that is not a URI fails the whole file: guessing past it
// would import a list with a hole in it. So does a list of more accounts
// than a vault holds, as soon as it is past core.MaxAccounts.
func parseURIList(data []byte) ([]core.Account, error) {
	var accounts []core.Account
	for n, line := range core.SetupLinkLines(string(data)) {
		accs, err := core.ParseSetupLink(line)
		if err != nil {
			return nil, damaged("line %d: %v", n, err)
		}
		accounts = append(accounts, accs...)
		if err := core.CheckAccountCount(len(accounts)); err != nil {
			return nil, err
		}
	}
	return accounts, nil
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// uriOrSecret reads the TOTP field of password managers: an otpauth URI,
// Bitwarden's and Proton's steam://SECRET, or a bare Base32 secret.
func uriOrSecret(v string) (core.Account, error) {
	v = strings.TrimSpace(v)
	if rest, ok := cutPrefixFold(v, "steam://"); ok {
		s, err := core.ParseSecret(rest)
		return core.Account{Type: core.Steam, Secret: s}, err
	}
	a, err := core.ParseURI(v)
	if errors.Is(err, core.ErrNotOTPAuth) && !strings.Contains(v, "://") {
		s, serr := core.ParseSecret(v)
		if serr != nil {
			return a, fmt.Errorf("neither an otpauth URI nor a Base32 secret: %w", serr)
		}
		return core.Account{Type: core.TOTP, Secret: s}, nil
	}
	return a, err
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
