package apps

import (
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// TestLinkListKinds imports a text file of setup links of every kind core
// counts as one (core.IsSetupLink): detection used to know only otpauth://
// and otpauth-migration://, so a list of mOTP links was an unknown format.
func TestLinkListKinds(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       core.Type
	}{
		{"motp://", "motp://Corp:alice?secret=e3152afee62599c8&issuer=Corp&pin=1234\n", core.MOTP},
		{"Aegis motp:/", "# from Aegis\nmotp:/Corp%3Aalice?secret=e3152afee62599c8&issuer=Corp&pin=1234\n", core.MOTP},
		{"upper case, one slash", "OTPAUTH:/TOTP/Corp:alice?secret=JBSWY3DPEHPK3PXP\n", core.TOTP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Detect("links.txt", []byte(tc.text))
			if err != nil || f.Name != "otpauth" {
				t.Fatalf("Detect = %q, %v; want the otpauth list", f.Name, err)
			}
			res, err := Import(f, []byte(tc.text), nil)
			if err != nil || len(res.Accounts) != 1 || res.Accounts[0].Type != tc.want || res.Accounts[0].Issuer != "Corp" {
				t.Fatalf("Import = %+v, %v", res.Accounts, err)
			}
		})
	}
}
