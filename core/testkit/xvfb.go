package testkit

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// StartXvfb runs a private X server (1280×800) for one test and returns
// its display (":N"); it is stopped when the test ends. A test that looks
// at the whole screen needs its own: on the suite's shared display another
// package's window may cover it. The server runs without authorization, as
// Xvfb is often run by hand (xgb then finds no .Xauthority and, unless
// silenced, prints its notices on stderr).
func StartXvfb(t testing.TB) string {
	t.Helper()
	xvfb := NeedTool(t, "Xvfb")
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
