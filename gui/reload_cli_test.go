//go:build !windows

package gui

import (
	"bytes"
	"encoding/base32"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// cliProcess is the real lifeline binary (testkit.NeedLifeline), running commands on one vault in a home of its own.
type cliProcess struct {
	t        *testing.T
	bin, dir string
	env      []string
}

func newCLIProcess(t *testing.T, vaultDir string) *cliProcess {
	t.Helper()
	home := t.TempDir()
	bin := testkit.NeedLifeline(t, home)
	pw := filepath.Join(home, "pw")
	if err := os.WriteFile(pw, []byte(testPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(append(os.Environ(), "LANG=C.UTF-8"), testkit.HomeEnv(home)...)
	return &cliProcess{t: t, bin: bin, dir: vaultDir, env: append(env, "LIFELINE_TEST_PW="+pw)}
}

// start runs `lifeline args…` without waiting for it.
func (c *cliProcess) start(args ...string) (*exec.Cmd, *bytes.Buffer) {
	pw := strings.TrimPrefix(c.env[len(c.env)-1], "LIFELINE_TEST_PW=")
	cmd := exec.Command(c.bin, append(args, "--vault", c.dir, "--password-file", pw)...)
	var stderr bytes.Buffer
	cmd.Env, cmd.Stderr = c.env, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	return cmd, &stderr
}

// finish waits for cmd; a command that lost the race with the window (the
// vault changed or locked under it) runs again, as a person would.
func (c *cliProcess) finish(cmd *exec.Cmd, stderr *bytes.Buffer) {
	c.t.Helper()
	for try := 0; ; try++ {
		err := cmd.Wait()
		if err == nil {
			return
		}
		raced := strings.Contains(stderr.String(), "changed by another Lifeline process") || strings.Contains(stderr.String(), "in use by another")
		if !raced || try == 10 {
			c.t.Fatalf("lifeline %v: %v\n%s", cmd.Args[1:], err, stderr)
		}
		cmd, stderr = c.start(cmd.Args[1 : len(cmd.Args)-4]...)
	}
}

func secretFor(s string) string {
	return strings.TrimRight(base32.StdEncoding.EncodeToString([]byte("secret of "+s)), "=")
}

func link(issuer string) string {
	return "otpauth://totp/" + issuer + ":x?secret=" + secretFor(issuer) + "&issuer=" + issuer
}

// The CLI changes the vault 50 times, each while the window adds, edits,
// deletes or copies a code through the test driver: neither side loses
// anything, and every notice the window shows is true on disk.
func TestWindowAndCLIChangeTheVaultTogether(t *testing.T) {
	u, clk, dir := unlockedVault(t, totp("Seed", "x", "JBSWY3DPEHPK3PXP"))
	cli := newCLIProcess(t, dir)
	want := map[string]bool{"Seed:x": true}
	copies := 0
	for i := range 50 {
		// The CLI's clock is the real one: the window's follows it.
		clk.Set(time.Now())
		cmd, stderr, cliDone := cliChange(cli, i)
		windowChange(t, u, i, want, &copies)
		cli.finish(cmd, stderr)
		cliDone(want)
		if i%3 == 0 {
			u.Wait()
		}
	}
	waitFor(t, u, 2*time.Second, "the window showing every account", func() bool { return len(u.vault.Doc.Accounts) == len(want) })

	var wantLabels []string
	for l := range want {
		wantLabels = append(wantLabels, l)
	}
	slices.Sort(wantLabels)
	if got := labelsOnDisk(t, dir); !slices.Equal(got, wantLabels) {
		t.Fatalf("on disk:\n%v\nwant:\n%v", got, wantLabels)
	}
	var shown []string
	for _, a := range u.vault.Doc.Accounts {
		shown = append(shown, a.Label())
	}
	slices.Sort(shown)
	if !slices.Equal(shown, wantLabels) {
		t.Fatalf("in the window:\n%v\nwant:\n%v", shown, wantLabels)
	}
	for _, a := range reopen(t, dir).Doc.Accounts {
		if a.Issuer == "Seed" && a.Uses != copies {
			t.Fatalf("Seed used %d times on disk, the window copied its code %d times", a.Uses, copies)
		}
	}
}

// cliChange starts the CLI's i-th change: adds, then renames and deletes
// some of what it added. done records it once it succeeded.
func cliChange(c *cliProcess, i int) (*exec.Cmd, *bytes.Buffer, func(map[string]bool)) {
	name := func(j int) string { return fmt.Sprintf("Cli%02d", j) }
	var cmd *exec.Cmd
	var stderr *bytes.Buffer
	var done func(map[string]bool)
	switch i % 5 {
	case 3:
		cmd, stderr = c.start("edit", name(i-3), "--issuer", "CliEd"+name(i - 3)[3:])
		done = func(w map[string]bool) { delete(w, name(i-3)+":x"); w["CliEd"+name(i - 3)[3:]+":x"] = true }
	case 4:
		cmd, stderr = c.start("rm", "--yes", name(i-3))
		done = func(w map[string]bool) { delete(w, name(i-3)+":x") }
	default:
		cmd, stderr = c.start("add", link(name(i)))
		done = func(w map[string]bool) { w[name(i)+":x"] = true }
	}
	return cmd, stderr, done
}

// windowChange makes the window's i-th change through the test driver and
// checks that what its notice says is on disk.
func windowChange(t *testing.T, u *UI, i int, want map[string]bool, copies *int) {
	t.Helper()
	name := func(j int) string { return fmt.Sprintf("Win%02d", j) }
	index := func(issuer string) int {
		return slices.IndexFunc(u.vault.Doc.Accounts, func(a core.Account) bool { return a.Issuer == issuer })
	}
	switch {
	case i%4 == 0:
		u.showAdd(link(name(i)))
		tapButton(t, u, "Add")
		expectNotice(t, u, "Added 1 account")
		want[name(i)+":x"] = true
	case i%4 == 1:
		u.showEdit(index(name(i-1)), u.showList)
		entryWithText(t, u, name(i-1)).SetText("WinEd" + name(i - 1)[3:])
		tapButton(t, u, "Save")
		expectNotice(t, u, "Saved WinEd"+name(i - 1)[3:])
		delete(want, name(i-1)+":x")
		want["WinEd"+name(i - 1)[3:]+":x"] = true
	case i%8 == 2:
		u.list.confirmDelete(index("WinEd" + name(i - 2)[3:]))
		tapButton(t, u, "Delete")
		expectNotice(t, u, "Deleted WinEd"+name(i - 2)[3:])
		delete(want, "WinEd"+name(i - 2)[3:]+":x")
	default:
		u.list.list.Select(slices.Index(u.list.view, index("Seed")))
		*copies++
	}
	if u.Screen() != screenList {
		t.Fatalf("change %d: screen %q, want the list:\n%s", i, u.Screen(), visibleText(u))
	}
	for l := range want {
		if strings.HasPrefix(l, "Win") && !slices.Contains(labelsOnDisk(t, u.dir), l) {
			t.Fatalf("change %d: the window says %s is there, the disk lacks it", i, l)
		}
	}
}

func expectNotice(t *testing.T, u *UI, want string) {
	t.Helper()
	if got := u.notice.Text(); got != want {
		t.Fatalf("notice %q, want %q:\n%s", got, want, visibleText(u))
	}
}
