package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/lifelineauth/lifeline/core/vault"
)

// SettingsKey is the name of the backup settings in Document.Settings.
const SettingsKey = "backup"

// The retention of automatic backups unless the person chooses otherwise:
// the newest DefaultKeep, and the newest of each of the last DefaultDaily
// days, DefaultWeekly weeks and DefaultMonthly months that have backups.
const (
	DefaultKeep    = 10
	DefaultDaily   = 7
	DefaultWeekly  = 5
	DefaultMonthly = 12
)

// DefaultFolderName is the backup folder inside the vault directory when
// the person has not picked one.
const DefaultFolderName = "backups"

// Settings are the automatic-backup choices, kept in the vault document so
// they travel with it.
type Settings struct {
	// Folder is where automatic backups go; "" is <vault dir>/backups. A
	// folder the person picked is never created by Lifeline: if it is
	// missing (an unplugged drive), backups fail visibly instead of
	// filling the mount point underneath.
	Folder string `json:"folder,omitempty"`
	// Keep is how many automatic backups to keep, newest first; 0 keeps all.
	Keep int `json:"keep"`
	// Daily, Weekly and Monthly keep besides the newest backup of each of
	// that many days, weeks and months that have backups (retention.go).
	// Settings written before they existed hold only keep: they read as
	// the defaults.
	Daily   int `json:"keep_daily"`
	Weekly  int `json:"keep_weekly"`
	Monthly int `json:"keep_monthly"`
	// Off turns automatic backups off.
	Off bool `json:"off,omitempty"`
	// Recipients are extra keys automatic backups are also encrypted to
	// (see Options.KeepsKeys for what that changes).
	Recipients []string `json:"recipients,omitempty"`
}

// DefaultSettings are the settings of a vault that never changed them.
func DefaultSettings() Settings {
	return Settings{Keep: DefaultKeep, Daily: DefaultDaily, Weekly: DefaultWeekly, Monthly: DefaultMonthly}
}

// LoadSettings reads the backup settings from the document, with the
// defaults for anything not set. Malformed settings return the defaults
// and an error saying so, so backups still happen.
func LoadSettings(doc *vault.Document) (Settings, error) {
	s := DefaultSettings()
	if _, err := doc.Setting(SettingsKey, &s); err != nil {
		return DefaultSettings(), fmt.Errorf("backup settings in the vault are unreadable (using the defaults): %w", err)
	}
	d := DefaultSettings()
	for _, f := range []struct{ v, def *int }{{&s.Keep, &d.Keep}, {&s.Daily, &d.Daily}, {&s.Weekly, &d.Weekly}, {&s.Monthly, &d.Monthly}} {
		if *f.v < 0 {
			*f.v = *f.def
		}
	}
	return s, nil
}

// Store writes the settings into the document; the caller saves the vault.
func (s Settings) Store(doc *vault.Document) error {
	if s.Keep < 0 {
		return fmt.Errorf("keep %d: want 0 (all) or more", s.Keep)
	}
	if s.Daily < 0 || s.Weekly < 0 || s.Monthly < 0 {
		return fmt.Errorf("keep daily %d, weekly %d, monthly %d: want 0 (none) or more", s.Daily, s.Weekly, s.Monthly)
	}
	if _, err := s.options(); err != nil {
		return err
	}
	if s.Folder != "" && !filepath.IsAbs(s.Folder) {
		return fmt.Errorf("backup folder %q: want an absolute path", s.Folder)
	}
	return doc.SetSetting(SettingsKey, s)
}

// FolderFor is this device's backup folder of the vault in vaultDir: by
// default backups/ for the device that writes vault.age and backups/ID/
// for each other device of a synced vault (vault.DeviceSubdir), so each
// prunes only its own.
func (s Settings) FolderFor(vaultDir string) string {
	if s.Folder == "" {
		return filepath.Join(vaultDir, DefaultFolderName, vault.DeviceSubdir(vaultDir))
	}
	return s.Folder
}

// options are the export options automatic backups use.
func (s Settings) options() (Options, error) {
	rs, err := ParseRecipients(s.Recipients)
	if err != nil {
		return Options{}, err
	}
	return Options{Recipients: rs}, nil
}

// ensureFolder returns the vault's backup folder, creating the default one.
func ensureFolder(v *vault.Vault) (string, error) {
	s, _ := LoadSettings(v.Doc)
	return prepareFolder(s, v.Dir)
}

func prepareFolder(s Settings, vaultDir string) (string, error) {
	folder := s.FolderFor(vaultDir)
	if s.Folder == "" {
		if err := os.MkdirAll(folder, 0o700); err != nil {
			return "", fmt.Errorf("creating the backup folder: %w", err)
		}
		return folder, nil
	}
	st, err := os.Stat(folder)
	if err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	if !st.IsDir() {
		return "", fmt.Errorf("backup folder %s: %w", folder, errNotFolder)
	}
	return folder, nil
}

var errNotFolder = errors.New("not a folder")

// localSettings drops a picked backup folder that does not exist here: a
// restored vault on a fresh device goes back to the default folder rather
// than failing on the old machine's path. It reports whether it did.
func localSettings(doc *vault.Document) (bool, error) {
	s, err := LoadSettings(doc)
	if err != nil || s.Folder == "" {
		return false, nil
	}
	if _, err := os.Stat(s.Folder); !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	s.Folder = ""
	return true, s.Store(doc)
}
