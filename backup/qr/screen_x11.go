//go:build linux || freebsd || openbsd || netbsd

package qr

import (
	"io"
	"log"

	"github.com/jezek/xgb"
)

// xgb, which the screen capture uses on X11, logs to stderr when it finds
// no ~/.Xauthority ("Could not get authority info") and then connects
// without one, which is normal under Xvfb and many desktops. Nothing else
// in Lifeline talks X11 through xgb, so its logger is silenced for good.
func init() {
	xgb.Logger = log.New(io.Discard, "", 0)
}

// displayProblem says why the X display cannot be reached, since the
// capture library reports only "no displays".
func displayProblem() error {
	c, err := xgb.NewConn()
	if err != nil {
		return err
	}
	c.Close()
	return nil
}
