package gui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
)

// droppable says what the window takes dropped onto it (dropped): the
// first-run page and the empty list show it.
const droppable = "You can drop onto this window: Lifeline backups (.age), your Recovery Kit (its PDF, or a photo or scan of its QR code), other QR code images, and other apps’ exports."

// dropped takes files dropped anywhere on the window and sends each where
// its content (not its name) says: a Lifeline backup to the restore, an
// image to the QR scanner, another app's export to the import, and setup
// links — a text file of them, or a link dragged from a web page — to the
// add screen (onDroppedLinks).
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	var links []string
	var files []fyne.URI
	for _, uri := range uris {
		if link, ok := droppedLink(uri); ok {
			links = append(links, link)
		} else {
			files = append(files, uri)
		}
	}
	if len(files) == 0 {
		if len(links) > 0 {
			u.onDroppedLinks(links)
		}
		return
	}
	// Reading takes a while for a big file (up to backup.MaxDroppedFile)
	// or a slow disk: off the UI goroutine, with a spinner.
	done := u.progress("Reading " + files[0].Name() + "…")
	u.goBackground(func() {
		data := make([][]byte, len(files))
		errs := make([]error, len(files))
		for i, uri := range files {
			data[i], errs[i] = readURI(uri)
		}
		u.do(func() {
			done()
			for i, uri := range files {
				if errs[i] != nil {
					u.showError("Could not read "+uri.Name(), errs[i])
					continue
				}
				links = u.droppedFile(uri.Name(), data[i], links)
			}
			if len(links) > 0 {
				u.onDroppedLinks(links)
			}
		})
	})
}

// droppedFile sends a dropped file's content where it says; setup links
// are added to links, for the add screen.
func (u *UI) droppedFile(name string, data []byte, links []string) []string {
	switch sniffDrop(data) {
	case dropBackup:
		u.startRestore(data, name, nil)
	case dropImage:
		u.scanImageData(name, data)
	case dropLinks:
		links = append(links, strings.TrimSpace(string(data)))
	default:
		u.startImport(name, data)
	}
	return links
}

// droppedLink recognises a link dragged from a web page or a chat: the
// desktop hands it over as a path, which Fyne makes absolute against the
// working directory ("/home/me/otpauth:/totp/…").
func droppedLink(uri fyne.URI) (string, bool) {
	p := uri.Path()
	if wd, err := os.Getwd(); err == nil {
		p = strings.TrimPrefix(p, strings.TrimSuffix(filepath.ToSlash(wd), "/")+"/")
	}
	if _, err := os.Stat(uri.Path()); err == nil || !core.IsSetupLink(p) {
		return "", false // a real file, whatever its name
	}
	return p, true
}

// onDroppedLinks opens the add screen with the setup links that were
// dropped (dropped sorted them out of the files).
func (u *UI) onDroppedLinks(links []string) {
	if u.vault == nil || u.list == nil {
		u.notice.show("Unlock first, then drop the links again.", "", nil)
		return
	}
	u.showAdd(strings.Join(links, "\n"))
}

type dropContent int

const (
	dropImport dropContent = iota
	dropBackup
	dropImage
	dropLinks
)

// imageMagic are the first bytes of the files the QR scanner reads: the
// image formats, and PDF for the Recovery Kit as saved.
var imageMagic = [][]byte{
	[]byte("%PDF-"),
	[]byte("\x89PNG\r\n\x1a\n"),
	[]byte("\xff\xd8\xff"),
	[]byte("GIF87a"), []byte("GIF89a"),
	[]byte("BM"),
}

// sniffDrop sorts a file by its content.
func sniffDrop(data []byte) dropContent {
	if _, err := backup.Inspect(data); err == nil || err != backup.ErrNotBackup {
		// An age file, even a cut or damaged one: the restore says what
		// is wrong with it.
		return dropBackup
	}
	for _, m := range imageMagic {
		if bytes.HasPrefix(data, m) {
			return dropImage
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return dropImage
	}
	if len(data) <= backup.MaxLinksText && core.IsSetupLink(string(data)) {
		return dropLinks
	}
	// Anything else goes to the importer, whose Detect says what it
	// recognises or what the file looks like.
	return dropImport
}

// readURI reads a dropped or picked file, up to backup.MaxDroppedFile.
func readURI(uri fyne.URI) ([]byte, error) {
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return backup.DroppedInput.Read(r, uri.Name())
}
