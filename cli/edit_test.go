package cli

import (
	"strings"
	"testing"
)

// TestCLIEditIcon: `lifeline edit --icon` picks another icon, the letter,
// or automatic again; a name with no icon is refused and changes nothing.
func TestCLIEditIcon(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "add", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", "--password-file", pw)
	icon := func() string {
		t.Helper()
		for _, l := range strings.Split(e.ok("", "show", "github", "--password-file", pw), "\n") {
			if v, ok := strings.CutPrefix(l, "Icon:"); ok {
				return strings.TrimSpace(v)
			}
		}
		t.Fatal("show prints no Icon line")
		return ""
	}
	if got := icon(); got != "GitHub (automatic)" {
		t.Errorf("new account's icon = %q, want GitHub (automatic)", got)
	}
	for _, c := range []struct{ arg, want string }{
		{"letter", "letter"}, {"GitLab", "GitLab"}, {"battle.net", "Battle.net"}, {"auto", "GitHub (automatic)"},
	} {
		e.ok("", "edit", "github", "--icon", c.arg, "--password-file", pw)
		if got := icon(); got != c.want {
			t.Errorf("after --icon %s: icon = %q, want %q", c.arg, got, c.want)
		}
	}
	e.ok("", "edit", "github", "--icon", "gitlab", "--password-file", pw)
	e.fails(2, `no icon named "Acme Corp"`, "edit", "github", "--icon", "Acme Corp", "--password-file", pw)
	if got := icon(); got != "GitLab" {
		t.Errorf("after a refused --icon: icon = %q, want GitLab still", got)
	}
}
