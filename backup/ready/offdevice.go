package ready

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/lifelineauth/lifeline/backup"
)

// Place says where a backup folder keeps its copies, for a sentence of the
// check: Off when they survive the loss of this computer, and Kind in
// words ("a Syncthing folder", "another drive or volume", "this computer").
type Place struct {
	Off  bool   `json:"off"`
	Kind string `json:"kind"`
}

// OffDevice is backup's decision (backup.SyncedBy, backup.OnOtherVolume:
// the one the Recovery Kit prints) worded for the check. A folder that is
// not made yet counts where its nearest existing parent is: the backup
// will be written there.
func OffDevice(folder, vaultDir string) Place {
	folder = existing(folder)
	if tool, _, ok := backup.SyncedBy(folder); ok {
		return Place{Off: true, Kind: article(tool) + " " + tool + " folder"}
	}
	if other, _ := backup.OnOtherVolume(folder, existing(vaultDir)); other {
		return Place{Off: true, Kind: "another drive or volume"}
	}
	return Place{Kind: "this computer"}
}

// existing is dir, absolute, or its nearest parent that exists.
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

// article is "a" or "an" before a tool's name.
func article(word string) string {
	if strings.HasPrefix(word, "iCloud") || strings.HasPrefix(word, "ownCloud") {
		return "an"
	}
	return "a"
}
