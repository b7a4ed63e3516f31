package gui

import (
	"bytes"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/lifelineauth/lifeline/backup"
)

// dropped takes files dropped anywhere on the window and sends each where
// its content (not its name) says: a Lifeline backup to the restore, an
// image to the QR scanner, another app's export to the import, and text
// files of otpauth links to the add screen (onDropped).
func (u *UI) dropped(pos fyne.Position, uris []fyne.URI) {
	var links []fyne.URI
	for _, uri := range uris {
		data, err := readURI(uri)
		if err != nil {
			u.showError("Could not read "+uri.Name(), err)
			continue
		}
		switch sniffDrop(data) {
		case dropBackup:
			u.startRestore(data, uri.Name(), nil)
		case dropImage:
			u.scanImageData(uri.Name(), data)
		case dropLinks:
			links = append(links, uri)
		default:
			u.startImport(uri.Name(), data)
		}
	}
	if len(links) > 0 {
		u.onDropped(pos, links)
	}
}

type dropContent int

const (
	dropImport dropContent = iota
	dropBackup
	dropImage
	dropLinks
)

// imageMagic are the first bytes of the image formats the QR scanner reads.
var imageMagic = [][]byte{
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
	if len(data) <= 1<<20 && looksLikeURI(string(data)) {
		return dropLinks
	}
	// Anything else goes to the importer, whose Detect says what it
	// recognises or what the file looks like.
	return dropImport
}

// readURI reads a dropped or picked file, up to maxDropFile.
func readURI(uri fyne.URI) ([]byte, error) {
	r, err := storage.Reader(uri)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return readLimited(r, uri.Name())
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDropFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(b) > maxDropFile {
		return nil, fmt.Errorf("%s is larger than %d MiB: not a backup or an export", name, maxDropFile>>20)
	}
	return b, nil
}
