package qr

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kbinani/screenshot"
	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestScreenAccess(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("capture needs no X11 display here")
	}
	tests := []struct {
		name, display, wayland, want string
	}{
		{"X11", ":0", "", ""},
		{"Wayland with XWayland", ":0", "wayland-0", ""},
		{"Wayland only", "", "wayland-0", "Wayland does not let applications read the screen"},
		{"no display", "", "", "there is no graphical display"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"DISPLAY": tt.display, "WAYLAND_DISPLAY": tt.wayland}
			got := screenAccess(func(k string) string { return env[k] })
			if !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
				t.Errorf("screenAccess = %q, want %q", got, tt.want)
			}
		})
	}
	// And through the real entry point: a clear error, not a hang or a panic.
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "wayland-9")
	_, err := ScanScreen(context.Background())
	var se *ScreenError
	if !errors.As(err, &se) || !errors.Is(err, ErrNoScreen) || !strings.Contains(err.Error(), "Wayland") {
		t.Errorf("ScanScreen on Wayland: %v", err)
	}
}

// TestScanScreen shows a code with ImageMagick's display on a private X
// server (the suite's display is shared with other packages' windows) and
// finds it on the screen.
func TestScanScreen(t *testing.T) {
	disp := testkit.StartXvfb(t)
	t.Setenv("DISPLAY", disp)
	dir := testkit.TempDir(t)
	want := uri(9)
	code := qrencode(t, dir, "screen.png", want, "-s", "5", "-l", "M")
	// At +700+300 as a window on a desktop would be, or closer to the
	// corner if the virtual screen is small (xvfb-run's default is 640×480).
	screen := screenshot.GetDisplayBounds(0)
	x, y := min(700, max(screen.Dx()-300, 0)), min(300, max(screen.Dy()-300, 0))
	testkit.ShowImage(t, disp, code, x, y)
	deadline := time.Now().Add(45 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		found, err := ScanScreen(ctx)
		cancel()
		if err == nil && slices.Contains(texts(found), want) {
			t.Logf("found on the %v screen in %v", screen.Size(), time.Since(start))
			return
		}
		if err != nil && !errors.Is(err, ErrNoCode) && !errors.Is(err, ErrNoScreen) {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the code shown by display was not found on the screen: %v %q", err, texts(found))
		}
		time.Sleep(100 * time.Millisecond)
	}
}
