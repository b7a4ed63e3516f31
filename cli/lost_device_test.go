package cli

import (
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// The guide has a step for each account: a code from Lifeline where the
// secret is here, the next unused recovery code where only codes are, and
// the site's own recovery where neither is.
func TestCLILostDevice(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(1, "Site")
	e.ok("", "codes", "add", "--new", "Bank:me", "1111-2222", "3333-4444", "--password-file", pw)
	e.ok("", "codes", "use", "Bank", "1", "--password-file", pw)
	e.ok("", "codes", "add", "--new", "Forum", "5555-6666", "--password-file", pw)
	e.ok("", "codes", "use", "Forum", "1", "--password-file", pw)

	out := e.ok("", "lost-device", "--password-file", pw)
	for _, want := range []string{"lifeline recovery-key --rotate", "lifeline passwd",
		"[ ] 1. Site:ua\n    Sign in with the code from Lifeline, then remove the lost device in Site's 2FA settings",
		"[ ] 2. Bank:me\n    Sign in with recovery code #2 (the next unused one)", "Once used: lifeline codes use Bank:me 2",
		"[ ] 3. Forum\n    Use Forum's account recovery"} {
		if !strings.Contains(out, want) {
			t.Errorf("lost-device lacks %q:\n%s", want, out)
		}
	}

	pdf := e.path("lost.pdf")
	e.ok("", "lost-device", "--pdf", pdf, "--page", "letter", "--password-file", pw)
	testkit.WantMode(t, pdf, 0o600)
	text := strings.Join(strings.Fields(testkit.PDFText(t, pdf)), " ")
	for _, want := range []string{"1. Site:ua", "remove the lost device in Site's 2FA settings", "2. Bank:me", "recovery code #2",
		"3. Forum", "account recovery", "lifeline recovery-key --rotate"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	e.fails(1, "cannot write the guide", "lost-device", "--pdf", e.path("no-such-folder/lost.pdf"), "--password-file", pw)
	e.fails(2, "--page", "lost-device", "--page", "a3", "--password-file", pw)
}
