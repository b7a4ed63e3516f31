package testkit

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
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

// ShowImage shows the image at path with ImageMagick's display on the X
// display disp, its top left corner at x, y, until the test ends. If
// display exits (it can, on a loaded machine, before the server answers),
// it is started again, so a test that waits for the image on the screen
// does not wait on nothing; what display said is logged.
func ShowImage(t testing.TB, disp, path string, x, y int) {
	t.Helper()
	display := NeedTool(t, "display")
	done := make(chan struct{})
	stopped := make(chan struct{})
	var mu sync.Mutex
	var cur *exec.Cmd
	go func() {
		defer close(stopped)
		for {
			cmd := exec.Command(display, "-geometry", fmt.Sprintf("+%d+%d", x, y), path)
			cmd.Env = append(os.Environ(), "DISPLAY="+disp)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			mu.Lock()
			err := cmd.Start()
			cur = cmd
			mu.Unlock()
			if err == nil {
				err = cmd.Wait()
			}
			select {
			case <-done:
				return
			default:
			}
			t.Logf("display exited (%v): %s; starting it again", err, strings.TrimSpace(stderr.String()))
			time.Sleep(200 * time.Millisecond)
		}
	}()
	t.Cleanup(func() {
		close(done)
		mu.Lock()
		if cur != nil && cur.Process != nil {
			cur.Process.Kill()
		}
		mu.Unlock()
		<-stopped
	})
}
