package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestInitWithoutSessionBusStartsNothing: `lifeline init` on a desktop
// without a session bus (DBUS_SESSION_BUS_ADDRESS unset, none at
// /run/user/UID/bus) must not leave a dbus-daemon or a
// gnome-keyring-daemon running after it exits, as D-Bus's autolaunch
// (dbus-launch) did. The processes it started are found by a mark in their
// environment, which they inherit, so other tests' daemons do not count.
func TestInitWithoutSessionBusStartsNothing(t *testing.T) {
	testkit.NeedTools(t, "dbus-launch")
	if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err == nil {
		t.Skip("this user has a systemd session bus at /run/user/UID/bus: there is always a bus to find")
	}
	mark := "LIFELINE_TEST_MARK=" + strconv.FormatInt(time.Now().UnixNano(), 36)
	e := newEnv(t)
	e.extra = []string{"DBUS_SESSION_BUS_ADDRESS=", mark}
	r := e.run("", "init", "--password-file", e.write("pw", "correct horse battery staple\n"), "--recovery-key-out", e.path("rk"))
	if r.code != 0 {
		t.Fatalf("init: %d %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "system keyring is locked or missing") {
		t.Errorf("init does not say the keyring is missing:\n%s", r.stderr)
	}
	time.Sleep(200 * time.Millisecond) // a daemon's fork settles
	if left := marked(t, mark); len(left) > 0 {
		for pid := range left {
			syscall.Kill(pid, syscall.SIGTERM) // ours: they carry the mark
		}
		t.Fatalf("init left running: %v", left)
	}
}

// marked are the processes whose environment holds mark, by pid.
func marked(t *testing.T, mark string) map[int]string {
	t.Helper()
	dirs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		t.Fatal(err)
	}
	found := map[int]string{}
	for _, d := range dirs {
		env, err := os.ReadFile(filepath.Join(d, "environ"))
		if err != nil || !bytes.Contains(env, []byte(mark+"\x00")) {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(d))
		comm, _ := os.ReadFile(filepath.Join(d, "comm"))
		found[pid] = strings.TrimSpace(string(comm))
	}
	return found
}
