package gui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
)

// clipboardGuard remembers what Lifeline last put on the clipboard, so that
// the timeout clears it only if it still holds that (gopass does the same):
// whatever the person copied since is theirs.
type clipboardGuard struct {
	content string
	stop    func() bool
	offered string // the setup link last offered from the clipboard
}

func (u *UI) clipboard() fyne.Clipboard { return u.app.Clipboard() }

// copyCode puts a code on the clipboard and says for how long.
func (u *UI) copyCode(code string) {
	msg := "Copied"
	if s := u.prefs.clipSeconds; s > 0 {
		msg = fmt.Sprintf("Copied — clears in %d s", s)
	}
	u.copySecret(code, msg)
}

// copySecret puts text on the clipboard, shows msg, and clears it after
// the clipboard timeout.
func (u *UI) copySecret(text, msg string) {
	g := &u.clip
	if g.stop != nil {
		g.stop()
		g.stop = nil
	}
	u.clipboard().SetContent(text)
	g.content = text
	u.notice.show(msg, "", nil)
	secs := u.prefs.clipSeconds
	if secs <= 0 {
		return
	}
	g.stop = u.after(time.Duration(secs)*time.Second, func() {
		if g.content == text {
			g.clearNow(u)
		}
	})
}

// holds reports whether the clipboard still holds text that we put there.
func (g *clipboardGuard) holds(u *UI, text string) bool {
	return g.content == text && text != "" && u.clipboard().Content() == text
}

// clearNow empties the clipboard if it still holds what we put there.
func (g *clipboardGuard) clearNow(u *UI) {
	if g.stop != nil {
		g.stop()
		g.stop = nil
	}
	if g.content != "" && u.clipboard().Content() == g.content {
		u.clipboard().SetContent("")
	}
	g.content = ""
}
