package gui

import (
	"errors"
	"sync"

	"golang.design/x/clipboard"
)

// Fyne's clipboard carries text only, so a copied image (a QR code
// screenshot, "Copy image" in a browser) is read from the system clipboard
// with golang.design/x/clipboard: on Linux it loads libX11 at run time
// (no build-time X dependency), on Windows and macOS it uses the system
// APIs. Init fails where there is no clipboard to talk to (no X display):
// then only text can be pasted.
var clipboardInit struct {
	once sync.Once
	err  error
}

// errNoImageClipboard says the system clipboard could not be reached.
var errNoImageClipboard = errors.New("the system clipboard cannot be read for images here")

// clipboardImage returns the PNG image on the system clipboard, or nil
// when it holds none. It may block for a moment (an X round trip): call it
// off the UI goroutine.
func clipboardImage() ([]byte, error) {
	clipboardInit.once.Do(func() { clipboardInit.err = clipboard.Init() })
	if clipboardInit.err != nil {
		return nil, errors.Join(errNoImageClipboard, clipboardInit.err)
	}
	return clipboard.Read(clipboard.FmtImage), nil
}
