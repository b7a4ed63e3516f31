package backup

import (
	"path/filepath"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// ExportSettingsKey names the record of the last export in the vault
// document's settings (docs/FORMAT.md).
const ExportSettingsKey = "last_export"

// LastExport is where the last backup exported by hand went: the
// Recovery Kit names it when it is off this computer.
type LastExport struct {
	Path string    `json:"path"`
	At   time.Time `json:"at"`
}

// RecordExport stores path (made absolute) as the vault's last export;
// the caller saves the vault.
func RecordExport(doc *vault.Document, path string, at time.Time) error {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return doc.SetSetting(ExportSettingsKey, LastExport{Path: path, At: at.UTC()})
}

// LastExported returns the last export RecordExport stored, if any (a
// damaged entry reads as none).
func LastExported(doc *vault.Document) (LastExport, bool) {
	var e LastExport
	if ok, err := doc.Setting(ExportSettingsKey, &e); !ok || err != nil || e.Path == "" {
		return LastExport{}, false
	}
	return e, true
}

// OffDeviceCopies are the places that hold backups of the vault in
// vaultDir and survive the loss of this computer (OffDevice): the
// automatic-backup folder, and the folder of the last export. The Recovery
// Kit prints them under "Where your backups are"; none means the person
// has no backup off this computer.
func OffDeviceCopies(doc *vault.Document, vaultDir string) []kit.Copy {
	var out []kit.Copy
	s, _ := LoadSettings(doc) // unreadable settings: the default folder, where backups then go
	if folder := s.FolderFor(vaultDir); !s.Off {
		if off, why := OffDevice(folder, vaultDir); off {
			out = append(out, kit.Copy{Path: folder, What: "Automatic backups, " + why + "."})
		}
	}
	if e, ok := LastExported(doc); ok {
		if off, why := OffDevice(filepath.Dir(e.Path), vaultDir); off {
			out = append(out, kit.Copy{Path: e.Path, What: "The backup exported on " + e.At.Format("2006-01-02") + ", " + why + "."})
		}
	}
	return out
}
