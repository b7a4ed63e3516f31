package ready_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// lostVault has one account of each way back in: a secret (GitHub), only
// recovery codes with the first two used (Binance), and neither (a
// codes-only entry whose codes are all used: Forum).
func lostVault(t *testing.T) *ready.Guide {
	t.Helper()
	v, _ := newVault(t, 0)
	if _, err := v.Doc.Add(testAccount("GitHub"), now); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		issuer string
		codes  []string
		used   int
	}{{"Binance", []string{"1111-aaaa", "2222-bbbb", "3333-cccc"}, 2}, {"Forum", []string{"1111-aaaa"}, 1}} {
		a, err := core.NewCodesOnly(c.issuer+":user", c.codes, now)
		if err != nil {
			t.Fatal(err)
		}
		for i := range c.used {
			a.MarkRecoveryCode(i, true, now)
		}
		if _, err := v.Doc.Add(a, now); err != nil {
			t.Fatal(err)
		}
	}
	g := ready.LostDevice(v.Doc, ready.Options{Lookup: fakeTable})
	return &g
}

func TestLostDeviceSteps(t *testing.T) {
	g := lostVault(t)
	want := []struct {
		account string
		way     ready.Way
		text    string
		code    int
	}{
		{"GitHub:user", ready.WithCode, "Sign in with the code from Lifeline, then remove the lost device in GitHub's 2FA settings: https://github.com/settings/security.", 0},
		{"Binance:user", ready.WithRecoveryCode, "Sign in with recovery code #3 (the next unused one), then set 2FA up again: https://www.binance.com/en/my/security.", 3},
		{"Forum:user", ready.WithSiteRecovery, "Use Forum's account recovery (on the site's security page); have ready: the account's name or email (user)", 0},
	}
	if len(g.Steps) != len(want) {
		t.Fatalf("%d steps: %+v", len(g.Steps), g.Steps)
	}
	for i, w := range want {
		s := g.Steps[i]
		if s.Account != w.account || s.Way != w.way || !strings.HasPrefix(s.Text, w.text) || s.Code != w.code {
			t.Errorf("step %d = %+v, want %+v", i+1, s, w)
		}
	}
	var b bytes.Buffer
	if err := g.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"[ ] 1. GitHub:user", "[ ] 3. Forum:user", "lifeline recovery-key --rotate", "lifeline passwd",
		"Once used: lifeline codes use Binance:user 3"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("text lacks %q:\n%s", w, b.String())
		}
	}
}

func TestLostDevicePDF(t *testing.T) {
	g := lostVault(t)
	var b bytes.Buffer
	if err := g.WritePDF(&b, kit.A4, now); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(testkit.TempDir(t), "lost.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(testkit.PDFText(t, file)), " ")
	for _, w := range []string{"I lost a device", "lifeline recovery-key --rotate", "1. GitHub:user",
		"https://github.com/settings/security", "recovery code #3", "https://www.binance.com/en/my/security", "3. Forum:user", "account recovery"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
}
