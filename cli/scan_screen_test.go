//go:build !windows

package cli

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// startXvfb runs a private X server without authorization, as Xvfb is
// often run by hand: xgb then finds no .Xauthority and, unless silenced,
// prints its notices on stderr.
func startXvfb(t *testing.T) string {
	xvfb := testkit.NeedTool(t, "Xvfb")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xvfb, "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// The pipe stays open while Xvfb runs: it exits with "Cannot write
	// display number" if the reader is gone before it has written all.
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		r.Close()
	})
	num := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		num <- strings.TrimSpace(line)
	}()
	select {
	case n := <-num:
		if n == "" {
			t.Fatal("Xvfb did not start")
		}
		return ":" + n
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start in 10 s")
	}
	return ""
}

func TestCLIScanScreen(t *testing.T) {
	display := testkit.NeedTool(t, "display")
	e := newEnv(t)
	disp := startXvfb(t)
	code := e.qrencode("screen.png", "otpauth://totp/Screen:me?secret=JBSWY3DPEHPK3PXP")
	show := exec.Command(display, "-geometry", "+700+300", code)
	show.Env = append(os.Environ(), "DISPLAY="+disp)
	if err := show.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		show.Process.Kill()
		show.Wait()
	})
	e.extra = []string{"DISPLAY=" + disp, "HOME=" + e.dir, "XAUTHORITY=", "WAYLAND_DISPLAY="}
	var r result
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if r = e.run("", "scan", "--screen", "--dry-run"); r.code == 0 {
			break
		}
	}
	if r.code != 0 || r.stdout != "screen: TOTP Screen:me\n" {
		t.Fatalf("scan --screen: exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, "XGB") || strings.Contains(r.stderr, "Xauthority") {
		t.Errorf("X11 notices on stderr: %q", r.stderr)
	}

	// Wayland without X11: a clear way round instead of a capture.
	e.extra = []string{"DISPLAY=", "WAYLAND_DISPLAY=wayland-0"}
	r = e.fails(1, "cannot capture the screen: Wayland does not let applications read the screen", "scan", "--screen")
	if !strings.Contains(r.stderr, "hint: take a screenshot and scan its file") {
		t.Errorf("stderr %q", r.stderr)
	}
}
