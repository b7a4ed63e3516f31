package apps

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestFixtureCodesOathtool checks the codes of every TOTP and HOTP account
// imported from the fixtures against oathtool (OATH Toolkit), an independent
// implementation: the secret bytes, algorithm, digits and period or counter
// that an importer produced must give the codes the peer app would show.
func TestFixtureCodesOathtool(t *testing.T) {
	oathtool := testkit.NeedTool(t, "oathtool")
	files := loadExpected(t)
	seen := map[string]bool{}
	var accounts []core.Account
	for _, name := range fixtureNames(files) {
		want := files[name]
		data := readFixture(t, name, want)
		f, err := Detect(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res, err := Import(f, data, want.passwordFunc())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, a := range res.Accounts {
			a.Groups = nil // the same account in a group is the same codes
			if (a.Type == core.TOTP || a.Type == core.HOTP) && !seen[canonical(&a)] {
				seen[canonical(&a)] = true
				accounts = append(accounts, a)
			}
		}
	}
	if len(accounts) < 10 {
		t.Fatalf("only %d distinct TOTP/HOTP accounts in the fixtures", len(accounts))
	}
	moments := []time.Time{time.Unix(1_111_111_109, 0), time.Unix(2_000_000_000, 0), time.Now()}
	for _, a := range accounts {
		for _, at := range moments {
			if a.Type == core.HOTP && at != moments[0] {
				continue // one check per HOTP counter
			}
			pc := fmt.Sprintf("period %d", a.Period)
			if a.Type == core.HOTP {
				pc = fmt.Sprintf("counter %d", a.Counter)
			}
			t.Run(fmt.Sprintf("%s %s %s %d %s t=%d", a.Label(), a.Type, a.Algorithm, a.Digits, pc, at.Unix()), func(t *testing.T) {
				args := oathArgs(&a, at)
				cmd := exec.Command(oathtool, args...)
				// The key goes in on stdin: secrets never go in argv.
				cmd.Stdin = strings.NewReader(hex.EncodeToString(a.Secret) + "\n")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("oathtool %s: %v: %s", strings.Join(args, " "), err, stderr.Bytes())
				}
				if got, want := a.Code(at), strings.TrimSpace(string(out)); got != want {
					t.Errorf("code %s, oathtool %s (%s)", got, want, canonical(&a))
				}
			})
		}
	}
}

// oathArgs is the oathtool command line for an account at a moment. Its
// --hotp knows only SHA-1, so HOTP on SHA-256/512 runs as TOTP with
// 1-second steps at t = counter, which is the same HMAC message.
func oathArgs(a *core.Account, at time.Time) []string {
	d := fmt.Sprintf("--digits=%d", a.Digits)
	switch {
	case a.Type == core.HOTP && a.Algorithm.String() == "SHA1":
		return []string{"--hotp", d, fmt.Sprintf("--counter=%d", a.Counter), "-"}
	case a.Type == core.HOTP:
		return []string{"--totp=" + a.Algorithm.String(), d, "--time-step-size=1s", fmt.Sprintf("--now=@%d", a.Counter), "-"}
	}
	return []string{"--totp=" + a.Algorithm.String(), d, fmt.Sprintf("--time-step-size=%ds", a.Period), fmt.Sprintf("--now=@%d", at.Unix()), "-"}
}
