package cli

import (
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestCLIExportQRInterop exports accounts as QR codes, reads them with
// zbarimg, scans them into a fresh vault and compares the codes with
// oathtool's.
func TestCLIExportQRInterop(t *testing.T) {
	oath, zbar := testkit.NeedTool(t, "oathtool"), testkit.NeedTool(t, "zbarimg")
	src, pw := initEnv(t)
	secret := core.Secret("12345678901234567890")
	hexKey := hex.EncodeToString(secret)
	accounts := []struct {
		uri, label string
		oathArgs   []string // nil: not comparable (Steam)
	}{
		{"otpauth://totp/RFC:sha1?secret=" + rfcSecret + "&issuer=RFC", "RFC:sha1", []string{"--totp"}},
		{"otpauth://totp/Big:sha256?secret=" + rfcSecret + "&algorithm=SHA256&digits=8", "Big:sha256", []string{"--totp=sha256", "--digits=8"}},
		{"otpauth://hotp/Ctr:h?secret=" + rfcSecret + "&counter=7", "Ctr:h", []string{"--hotp", "-c", "7"}},
		{"otpauth://totp/Slow:p60?secret=" + rfcSecret + "&period=60", "Slow:p60", []string{"--totp", "--time-step-size=60s"}},
		{"otpauth://totp/Steam:s?secret=" + rfcSecret + "&issuer=Steam&encoder=steam", "Steam:s", nil},
	}
	for _, a := range accounts {
		src.ok("", "add", a.uri, "--password-file", pw)
	}
	const at = "1234567890"
	for _, mode := range []string{"single", "migration"} {
		t.Run(mode, func(t *testing.T) {
			out := src.path("qr-" + mode)
			args := []string{"export-qr", "all", "--out", out, "--password-file", pw}
			if mode == "migration" {
				args = append(args, "--migration")
			}
			r := src.run("", args...)
			if r.code != 0 {
				t.Fatalf("export-qr: exit %d\n%s", r.code, r.stderr)
			}
			files := strings.Fields(r.stdout)
			if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o700 {
				t.Errorf("folder mode %v %v, want 0700", st.Mode().Perm(), err)
			}
			var read []string
			for _, f := range files {
				if st, err := os.Stat(f); err != nil || st.Mode().Perm() != 0o600 {
					t.Errorf("%s mode %v %v, want 0600", f, st.Mode().Perm(), err)
				}
				read = append(read, strings.TrimSpace(string(testkit.Run(t, "", zbar, "-q", "--raw", f))))
			}
			var wantURIs []string
			if mode == "single" {
				for _, a := range accounts {
					wantURIs = append(wantURIs, strings.TrimSpace(src.ok("", "show", a.label, "--uri", "--password-file", pw)))
				}
			} else {
				for _, a := range accounts[3:] { // the 60-second and the Steam account travel alone
					wantURIs = append(wantURIs, strings.TrimSpace(src.ok("", "show", a.label, "--uri", "--password-file", pw)))
				}
				if len(read) != 3 || !strings.HasPrefix(read[0], "otpauth-migration://offline?data=") {
					t.Fatalf("zbarimg read %q", read)
				}
				read = read[1:]
				for _, want := range []string{"Slow:p60 cannot travel in a Google Authenticator export (a 60-second period", "Steam:s cannot travel", "Wrote 3 QR codes for 5 accounts"} {
					if !strings.Contains(r.stderr, want) {
						t.Errorf("stderr %q lacks %q", r.stderr, want)
					}
				}
			}
			if !slices.Equal(read, wantURIs) {
				t.Errorf("zbarimg read\n%q\nwant\n%q", read, wantURIs)
			}

			dst := newEnv(t)
			dst.init()
			dst.ok("", append([]string{"scan", "--password-file", dst.path("pw")}, files...)...)
			for _, a := range accounts {
				got := dst.ok("", "code", a.label, "--at", at, "--password-file", dst.path("pw"))
				var want string
				if a.oathArgs == nil {
					want = src.ok("", "code", a.label, "--at", at, "--password-file", pw)
				} else {
					want = string(testkit.Run(t, "", oath, append(a.oathArgs, "-N", "@"+at, hexKey)...))
				}
				if got != want {
					t.Errorf("%s: code %q after the round trip, want %q", a.label, got, want)
				}
			}
		})
	}
	src.fails(1, "file already exists", "export-qr", "RFC", "--out", src.path("qr-single"), "--password-file", pw)
	src.fails(2, "matches 2 accounts", "export-qr", "sha", "--out", src.path("x"), "--password-file", pw)
	src.fails(2, "usage: lifeline export-qr", "export-qr", "all", "--password-file", pw)
}
