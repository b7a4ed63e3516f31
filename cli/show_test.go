package cli

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIShowEditRm(t *testing.T) {
	e, pw := initEnv(t)
	uri := "otpauth://totp/GitHub:octo%20cat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA256&digits=8&period=60"
	e.ok("", "add", uri, "--password-file", pw)
	show := e.ok("", "show", "github", "--password-file", pw)
	for _, want := range []string{"GitHub", "octo cat", "SHA256", "60 s"} {
		if !strings.Contains(show, want) {
			t.Fatalf("show lacks %q:\n%s", want, show)
		}
	}
	if strings.Contains(show, "JBSWY3DPEHPK3PXP") {
		t.Fatal("show printed the secret without --uri")
	}
	got := strings.TrimSpace(e.ok("", "show", "github", "--uri", "--password-file", pw))
	if !strings.Contains(got, "secret=JBSWY3DPEHPK3PXP") || !strings.HasPrefix(got, "otpauth://totp/") {
		t.Fatalf("show --uri = %q", got)
	}
	// The printed URI adds the same account to another vault.
	e2 := newEnv(t)
	e2.init()
	e2.ok("", "add", got, "--password-file", e2.path("pw"))
	if a, b := e.ok("", "code", "github", "--at", "1000", "--password-file", pw), e2.ok("", "code", "github", "--at", "1000", "--password-file", e2.path("pw")); a != b {
		t.Fatalf("code after round trip %q != %q", b, a)
	}

	png := e.path("gh.png")
	e.ok("", "show", "github", "--qr", png, "--password-file", pw)
	testkit.WantMode(t, png, 0o600)
	zbar := testkit.NeedTool(t, "zbarimg")
	out, err := exec.Command(zbar, "-q", "--raw", png).Output()
	if err != nil || strings.TrimSpace(string(out)) != got {
		t.Fatalf("zbarimg read %q (%v), want %q", out, err, got)
	}

	e.ok("", "edit", "github", "--issuer", "GitHub Inc", "--group", "work", "--group", "dev", "--note", "2FA since 2020", "--favorite", "--password-file", pw)
	var list []map[string]any
	json.Unmarshal([]byte(e.ok("", "list", "--json", "--password-file", pw)), &list)
	if list[0]["issuer"] != "GitHub Inc" || list[0]["favorite"] != true || len(list[0]["groups"].([]any)) != 2 {
		t.Fatalf("after edit: %v", list[0])
	}
	e.ok("", "rm", "--yes", "github", "--password-file", pw)
	if out := e.ok("", "list", "--json", "--password-file", pw); strings.TrimSpace(out) != "[]" {
		t.Fatalf("after rm: %s", out)
	}
}
