//go:build !windows

package gui

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The window and the CLI on two computers that Debian's syncthing keeps in
// step (issue 16): the vault made in the window reaches the other computer,
// where the CLI adds an account; the open window shows it without a
// restart; an account added in the window reaches the CLI; and the two list
// the same accounts.
func TestWindowAndCLIOverSyncthing(t *testing.T) {
	bin := testkit.NeedTool(t, "syncthing")
	u, clk, here := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	there := filepath.Join(testkit.TempDir(t), "vault")
	if err := os.Mkdir(there, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{here, there} {
		if _, err := vault.WriteStignore(d); err != nil {
			t.Fatal(err)
		}
	}
	cli := newCLIProcess(t, there)
	n := len(cli.env) // the other computer: a device folder of its own (start wants the password last)
	cli.env = append(cli.env[:n-1:n-1], "LIFELINE_DEVICE_DIR="+filepath.Join(testkit.TempDir(t), "device"), cli.env[n-1])

	a := testkit.StartSyncthing(t, bin, "window")
	b := testkit.StartSyncthing(t, bin, "cli")
	a.Share(t, b, here, true)
	b.Share(t, a, there, false)
	eventually(t, 30*time.Second, "the vault reaching the other computer", func() bool {
		_, err := os.Stat(filepath.Join(there, vault.VaultFile))
		return err == nil && strings.Contains(cliList(t, cli), "Alpha:a")
	})

	clk.Set(time.Now()) // the CLI's clock is the real one
	cmd, stderr := cli.start("add", link("FromCLI"))
	cli.finish(cmd, stderr)
	took := waitFor(t, u, 30*time.Second, "the open window showing the CLI's account", func() bool {
		return strings.Contains(visibleText(u), "FromCLI")
	})
	t.Logf("the window showed the other computer's account %v after the CLI added it", took)

	u.showAdd("otpauth://totp/FromWindow:w?secret=GEZDGNBVGY3TQOJQ&issuer=FromWindow")
	tapButton(t, u, "Add")
	if got := u.notice.Text(); got != "Added 1 account" {
		t.Fatalf("notice %q:\n%s", got, visibleText(u))
	}
	var listed string
	eventually(t, 30*time.Second, "the CLI listing the window's account", func() bool {
		listed = cliList(t, cli)
		return strings.Contains(listed, "FromWindow:w")
	})
	var shown []string
	for _, a := range u.vault.Doc.Accounts {
		shown = append(shown, a.Label())
	}
	slices.Sort(shown)
	if got := strings.Join(shown, ","); got != listed || got != "Alpha:a,FromCLI:x,FromWindow:w" {
		t.Fatalf("the window shows %s, the CLI lists %s", got, listed)
	}
}

// cliList is what `lifeline list --json` lists on the CLI's computer, as
// sorted labels; "" while its vault does not open yet.
func cliList(t *testing.T, c *cliProcess) string {
	t.Helper()
	pw := strings.TrimPrefix(c.env[len(c.env)-1], "LIFELINE_TEST_PW=")
	cmd := exec.Command(c.bin, "list", "--json", "--vault", c.dir, "--password-file", pw)
	cmd.Env = c.env
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	var entries []struct{ Issuer, Name string }
	if err := json.Unmarshal(out, &entries); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	var labels []string
	for _, e := range entries {
		labels = append(labels, e.Issuer+":"+e.Name)
	}
	slices.Sort(labels)
	return strings.Join(labels, ",")
}

// eventually polls ok until it holds, failing the test after within.
func eventually(t *testing.T, within time.Duration, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); !ok(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s never happened", within, what)
		}
	}
}
