package ready

// This file decides whether a backup folder is "off this computer". It is
// self-contained on purpose (wt-kit writes the same decision for the kit in
// backup/; the two are to become one): it depends only on the standard
// library and on sameVolume (offdevice_unix.go, offdevice_windows.go).

import (
	"os"
	"path/filepath"
	"strings"
)

// Place says where a folder keeps its files, as far as surviving the loss of
// this computer goes.
type Place struct {
	// Off is true when the folder outlives this computer: it is on another
	// filesystem or volume (a USB or network drive), or a sync tool copies
	// it to other devices.
	Off bool `json:"off"`
	// Kind names it for a sentence: "a Syncthing folder", "another drive or
	// volume", "this computer".
	Kind string `json:"kind"`
}

// syncMarkers are the files or folders a sync tool keeps at the top of the
// folder it syncs, and the tool's name.
var syncMarkers = []struct{ name, tool string }{
	{".stfolder", "Syncthing"},
	{".dropbox", "Dropbox"},
	{".dropbox.cache", "Dropbox"},
	{".nextcloudsync.log", "Nextcloud"},
	{".owncloudsync.log", "Nextcloud"},
}

// syncNames are folder names sync tools give the folder they sync (macOS
// keeps them under ~/Library/CloudStorage as "Dropbox-Name", "OneDrive-Name").
var syncNames = []struct{ prefix, tool string }{
	{"OneDrive", "OneDrive"},
	{"iCloud Drive", "iCloud Drive"},
	{"iCloudDrive", "iCloud Drive"},
	{"com~apple~CloudDocs", "iCloud Drive"},
	{"Dropbox", "Dropbox"},
	{"Nextcloud", "Nextcloud"},
}

// OffDevice says whether folder, where the backups of the vault in vaultDir
// go, is off this computer. A folder that does not exist yet is judged by
// the nearest folder above it that does.
func OffDevice(folder, vaultDir string) Place {
	folder = existing(folder)
	if tool := syncTool(folder); tool != "" {
		return Place{Off: true, Kind: article(tool) + " " + tool + " folder"}
	}
	if same, err := sameVolume(folder, existing(vaultDir)); err == nil && !same {
		return Place{Off: true, Kind: "another drive or volume"}
	}
	return Place{Kind: "this computer"}
}

// existing is dir, or the nearest folder above it that exists.
func existing(dir string) string {
	dir = filepath.Clean(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return dir
		}
		dir = up
	}
}

// syncTool is the sync tool that keeps dir or a folder above it, or "".
func syncTool(dir string) string {
	for {
		for _, m := range syncMarkers {
			if _, err := os.Lstat(filepath.Join(dir, m.name)); err == nil {
				return m.tool
			}
		}
		if hasSyncDB(dir) {
			return "Nextcloud"
		}
		base := filepath.Base(dir)
		for _, n := range syncNames {
			if strings.HasPrefix(base, n.prefix) {
				return n.tool
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// hasSyncDB reports the journal Nextcloud's and ownCloud's desktop clients
// keep at the top of a synced folder (.sync_0123abcd.db, older ._sync_….db).
func hasSyncDB(dir string) bool {
	for _, pattern := range []string{".sync_*.db", "._sync_*.db"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pattern)); len(m) > 0 {
			return true
		}
	}
	return false
}

func article(word string) string {
	if strings.HasPrefix(word, "iCloud") {
		return "an"
	}
	return "a"
}
