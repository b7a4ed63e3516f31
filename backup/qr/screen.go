package qr

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"runtime"
	"slices"

	"github.com/kbinani/screenshot"
)

// ErrNoScreen is wrapped by every ScreenError, for callers that branch.
var ErrNoScreen = errors.New("cannot capture the screen")

// ScreenHint is the way round a ScreenError that the window shows.
const ScreenHint = "Take a screenshot (the Print Screen key) and drop the image on the Lifeline window."

// ScreenError says the screen cannot be captured here, and why.
type ScreenError struct {
	Reason string
	Err    error // the capture's own error, if there was one
}

func (e *ScreenError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%v: %s (%v)", ErrNoScreen, e.Reason, e.Err)
	}
	return fmt.Sprintf("%v: %s", ErrNoScreen, e.Reason)
}

func (e *ScreenError) Is(target error) bool { return target == ErrNoScreen }
func (e *ScreenError) Unwrap() error        { return e.Err }

// screenAccess says why this session cannot be captured, or "" if it may
// be. On Linux and the BSDs capture goes through X11: a Wayland session
// without an X server (no DISPLAY) has nothing to capture through, and
// Wayland lets no application read the screen.
func screenAccess(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows", "darwin":
		return ""
	}
	if getenv("DISPLAY") != "" {
		return ""
	}
	if getenv("WAYLAND_DISPLAY") != "" {
		return "Wayland does not let applications read the screen"
	}
	return "there is no graphical display (DISPLAY is not set)"
}

// CaptureScreens captures every display, main display first. It gives
// up when ctx ends: on a Wayland session with X11 the capture goes
// through the desktop's screenshot portal, which may wait on a dialog.
func CaptureScreens(ctx context.Context) ([]image.Image, error) {
	if reason := screenAccess(os.Getenv); reason != "" {
		return nil, &ScreenError{Reason: reason}
	}
	type result struct {
		imgs []image.Image
		err  error
	}
	done := make(chan result, 1)
	go func() {
		imgs, err := captureAll()
		done <- result{imgs, err}
	}()
	select {
	case r := <-done:
		return r.imgs, r.err
	case <-ctx.Done():
		return nil, &ScreenError{Reason: "the capture did not finish", Err: ctx.Err()}
	}
}

func captureAll() ([]image.Image, error) {
	n := screenshot.NumActiveDisplays()
	if n == 0 {
		if _, err := screenshot.Capture(0, 0, 1, 1); errors.Is(err, screenshot.ErrUnsupported) {
			return nil, &ScreenError{Reason: "this build of Lifeline cannot capture the screen", Err: err}
		}
		return nil, &ScreenError{Reason: "no display was found to capture", Err: displayProblem()}
	}
	imgs := make([]image.Image, 0, n)
	for i := range n {
		img, err := screenshot.CaptureDisplay(i)
		if err != nil {
			return nil, &ScreenError{Reason: fmt.Sprintf("the system refused to capture display %d", i+1), Err: err}
		}
		imgs = append(imgs, img)
	}
	return imgs, nil
}

// ScanScreen captures every display and reads the QR codes on them. When
// no code is found and every display captured as one flat colour, the
// system most likely handed over a blank picture instead of the screen
// (macOS without the Screen Recording permission, some Wayland setups):
// that is reported as a ScreenError rather than "no QR code found".
func ScanScreen(ctx context.Context) ([]Content, error) {
	imgs, err := CaptureScreens(ctx)
	if err != nil {
		return nil, err
	}
	var texts []string
	var tooMany error
	blank := true
	for _, img := range imgs {
		found, err := readTexts(img)
		tooMany = cmp.Or(tooMany, err)
		for _, t := range found {
			if !slices.Contains(texts, t) {
				texts = append(texts, t)
			}
		}
		blank = blank && flat(img)
	}
	if len(texts) == 0 && tooMany != nil {
		return nil, tooMany
	}
	if len(texts) == 0 && blank {
		return nil, &ScreenError{Reason: "the capture came back as one flat colour: either nothing is shown, or the system does not let Lifeline see the screen (on macOS: allow Screen Recording in System Settings › Privacy & Security)"}
	}
	return classifyAll(texts)
}

// flat reports whether img is one colour, sampling a coarse grid.
func flat(img image.Image) bool {
	b := img.Bounds()
	r0, g0, b0, _ := img.At(b.Min.X, b.Min.Y).RGBA()
	step := max(1, min(b.Dx(), b.Dy())/64)
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			if r, g, bl, _ := img.At(x, y).RGBA(); r != r0 || g != g0 || bl != b0 {
				return false
			}
		}
	}
	return true
}
