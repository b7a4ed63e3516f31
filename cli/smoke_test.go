//go:build !windows

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestSmokeWindow starts the real binary on a vault with three accounts
// that the real Secret Service unlocks, waits for its window with xdotool
// and takes a screenshot. `make test` runs it under xvfb-run inside a
// D-Bus session with gnome-keyring; LIFELINE_SCREENSHOT_DIR keeps the shot.
func TestSmokeWindow(t *testing.T) {
	testkit.NeedDisplay(t)
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		testkit.Missing(t, "no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)")
	}
	xdotool := testkit.NeedTool(t, "xdotool")
	importTool := testkit.NeedTool(t, "import")

	e := newEnv(t)
	if r := e.run("", "init", "--password-file", e.path("pw"), "--recovery-key-out", e.path("rk")); r.code != 0 || strings.Contains(r.stderr, "could not remember") {
		t.Fatalf("init with the keyring: %d %s", r.code, r.stderr)
	}
	e.ok("", "add",
		"otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub",
		"otpauth://totp/Google:alice@gmail.com?secret=KRSXG5CTMVRXEZLU",
		"otpauth://hotp/Bank:12345678?secret=GEZDGNBVGY3TQOJQ&counter=3")

	home := t.TempDir() // Fyne's preferences and cache go here, not to ~
	cmd := exec.Command(binary, "--vault", e.vault)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}()

	var win string
	for win == "" {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("lifeline exited before showing a window: %v\n%s", err, stderr.String())
		default:
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("no window after 30 s\n%s", stderr.String())
		}
		out, _ := exec.Command(xdotool, "search", "--onlyvisible", "--pid", strconv.Itoa(cmd.Process.Pid), "--name", "Lifeline").Output()
		win = strings.TrimSpace(string(out))
		if win == "" {
			time.Sleep(10 * time.Millisecond)
		}
	}
	t.Logf("window %s after %v", strings.Fields(win)[0], time.Since(start).Round(time.Millisecond))
	time.Sleep(1500 * time.Millisecond) // keyring unlock and first paint
	select {
	case err := <-exited:
		exited <- err
		t.Fatalf("lifeline died after showing its window: %v\n%s", err, stderr.String())
	default:
	}
	shot := filepath.Join(t.TempDir(), "smoke.png")
	if d := os.Getenv("LIFELINE_SCREENSHOT_DIR"); d != "" {
		shot = filepath.Join(d, "smoke.png")
	}
	if out, err := exec.Command(importTool, "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 1000 {
		t.Fatalf("screenshot %s: %v", shot, err)
	}
	if s := stderr.String(); strings.Contains(s, "panic") || strings.Contains(s, "Error in Fyne call thread") {
		t.Fatalf("lifeline logged:\n%s", s)
	}
}
