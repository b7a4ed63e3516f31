package backup

import (
	"os"
	"path/filepath"
	"strings"
)

// syncMarkers are files or folders that sync tools keep in (the root of)
// the folders they sync: a folder inside one is copied off this computer.
var syncMarkers = []struct{ name, tool string }{
	{".stfolder", "Syncthing"},
	{".dropbox", "Dropbox"},
	{".dropbox.cache", "Dropbox"},
	{".sync_journal.db", "Nextcloud"}, // the ownCloud/Nextcloud client's journal
	{".owncloudsync.log", "Nextcloud"},
	{".tresorit", "Tresorit"},
}

// syncFolderNames are the names cloud clients give the folder they sync,
// compared without case; a name that starts with "OneDrive" covers the
// "OneDrive - Company" folders of work accounts.
var syncFolderNames = []struct{ prefix, tool string }{
	{"onedrive", "OneDrive"},
	{"nextcloud", "Nextcloud"},
	{"owncloud", "ownCloud"},
	{"icloud drive", "iCloud Drive"},
	{"icloudrive", "iCloud Drive"},
	{"com~apple~clouddocs", "iCloud Drive"},
	{"dropbox", "Dropbox"},
	{"google drive", "Google Drive"},
	{"googledrive", "Google Drive"},
	{"mydrive", "Google Drive"},
}

// OffDevice reports whether a copy kept in folder survives the loss of
// the computer whose vault is in vaultDir, and why (or why not) in words
// for the Recovery Kit and the readiness check: the folder is synced by a
// cloud or sync tool (a marker file such as Syncthing's .stfolder in it or
// a parent, or a folder name such as OneDrive), or it is on another
// filesystem or drive than the vault (a USB stick, a network share). A
// folder that cannot be read is not off the device.
func OffDevice(folder, vaultDir string) (off bool, reason string) {
	abs, err := filepath.Abs(folder)
	if err != nil {
		return false, "its path cannot be resolved: " + err.Error()
	}
	st, err := os.Stat(abs)
	if err != nil {
		return false, "it cannot be read here: " + err.Error()
	}
	if !st.IsDir() {
		return false, "it is not a folder"
	}
	if tool, at, ok := SyncedBy(abs); ok {
		return true, "synced by " + tool + " (" + at + ")"
	}
	if other, why := OnOtherVolume(abs, vaultDir); other {
		return true, why
	}
	return false, "it is on the same drive as the vault, and no sync tool copies it"
}

// syncMarkerGlobs are markers with a name of their own in each folder:
// the Nextcloud and ownCloud clients' journal, .sync_<hex>.db.
var syncMarkerGlobs = []struct{ pattern, tool string }{
	{".sync_*.db", "Nextcloud"},
	{"._sync_*.db", "Nextcloud"},
	{".nextcloudsync.log", "Nextcloud"},
}

// SyncedBy looks for a sync tool's marker or folder name in dir and its
// parents, and says which tool and where. dir need not exist yet: its
// nearest existing parent decides.
func SyncedBy(dir string) (tool, at string, ok bool) {
	for d := dir; ; d = filepath.Dir(d) {
		for _, m := range syncMarkers {
			if _, err := os.Lstat(filepath.Join(d, m.name)); err == nil {
				return m.tool, filepath.Join(d, m.name), true
			}
		}
		for _, m := range syncMarkerGlobs {
			if found, _ := filepath.Glob(filepath.Join(d, m.pattern)); len(found) > 0 {
				return m.tool, found[0], true
			}
		}
		name := strings.ToLower(filepath.Base(d))
		for _, n := range syncFolderNames {
			if strings.HasPrefix(name, n.prefix) {
				return n.tool, d, true
			}
		}
		if parent := filepath.Dir(d); parent == d {
			return "", "", false
		}
	}
}

// OnOtherVolume reports whether dir is on another filesystem or drive than
// the vault folder (a USB stick, a network share), by volumeOf; both must
// exist. It says why in words for the kit.
func OnOtherVolume(dir, vaultDir string) (bool, string) {
	a, okA := volumeOf(dir)
	b, okB := volumeOf(vaultDir)
	if !okA || !okB || a == b {
		return false, ""
	}
	return true, "on another drive than the vault (a separate filesystem)"
}
