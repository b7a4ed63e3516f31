package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIScanScreen(t *testing.T) {
	e := newEnv(t)
	disp := testkit.StartXvfb(t)
	code := e.qrencode("screen.png", "otpauth://totp/Screen:me?secret=JBSWY3DPEHPK3PXP")
	testkit.ShowImage(t, disp, code, 700, 300)
	e.extra = []string{"DISPLAY=" + disp, "HOME=" + e.dir, "XAUTHORITY=", "WAYLAND_DISPLAY="}
	var r result
	for deadline := time.Now().Add(45 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
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
