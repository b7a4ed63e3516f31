package core

import (
	"strings"
	"testing"
)

// TestParseURIErrorsNeverEchoTheSecret: when a lost "&" glues the secret
// to a number parameter, the error names the parameter, not its value.
func TestParseURIErrorsNeverEchoTheSecret(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	for _, uri := range []string{
		"otpauth://totp/x?secret=" + secret + "&period=30secret=" + secret,
		"otpauth://totp/x?digits=6secret=" + secret + "&secret=" + secret,
		"otpauth://hotp/x?secret=" + secret + "&counter=1secret=" + secret,
		"otpauth://totp/x?secret=" + secret + "&digits=" + secret,
		"otpauth://hotp/x?counter=" + secret + "&secret=" + secret,
	} {
		_, err := ParseURI(uri)
		if err == nil {
			t.Fatalf("%s: no error", uri)
		}
		for i := 0; i+8 <= len(secret); i++ {
			if strings.Contains(strings.ToUpper(err.Error()), secret[i:i+8]) {
				t.Fatalf("%s: error %q echoes the secret", uri, err)
			}
		}
	}
}
