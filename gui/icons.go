package gui

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// icon.png is the application icon at 256 px, made by `go run ./docs/icon
// -o gui/icon.png -size 256`. It is embedded so the window and the tray
// have it however the binary was built (only `fyne package` sets
// metadata icons).
//
//go:embed icon.png
var iconPNG []byte

var appIcon = fyne.NewStaticResource("lifeline.png", iconPNG)

// starIcon marks favourites; the theme has no star. It is a plain path
// so theme.NewColoredResource can recolour it.
var starIcon = fyne.NewStaticResource("star.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M12 17.27 18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z"/></svg>`))

// lockIcon is Material's "lock" (Apache 2.0), for the Lock button.
var lockIcon = fyne.NewStaticResource("lock.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M18 8h-1V6c0-2.76-2.24-5-5-5S7 3.24 7 6v2H6c-1.1 0-2 .9-2 2v10c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V10c0-1.1-.9-2-2-2zm-6 9c-1.1 0-2-.9-2-2s.9-2 2-2 2 .9 2 2-.9 2-2 2zm3.1-9H8.9V6c0-1.71 1.39-3.1 3.1-3.1 1.71 0 3.1 1.39 3.1 3.1v2z"/></svg>`))

// qrIcon is Material's "qr_code" (Apache 2.0).
var qrIcon = fyne.NewStaticResource("qr.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M3 11h8V3H3v8zm2-6h4v4H5V5zM3 21h8v-8H3v8zm2-6h4v4H5v-4zM13 3v8h8V3h-8zm6 6h-4V5h4v4zM19 19h2v2h-2zM13 13h2v2h-2zM15 15h2v2h-2zM13 17h2v2h-2zM15 19h2v2h-2zM17 17h2v2h-2zM17 13h2v2h-2zM19 15h2v2h-2z"/></svg>`))
