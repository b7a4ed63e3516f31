package vault

import (
	"os"
	"path/filepath"
	"strings"
)

// SyncEngine names the sync engine that keeps dir in step with other
// computers, from the marks each leaves in the folder it syncs (or in its
// path), or "" when none is found. It reads only names, never contents.
func SyncEngine(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if strings.Contains(filepath.ToSlash(abs), "Mobile Documents/com~apple~CloudDocs") {
		return "iCloud Drive"
	}
	for p := abs; ; p = filepath.Dir(p) {
		if e := engineAt(p); e != "" {
			return e
		}
		if filepath.Dir(p) == p {
			return ""
		}
	}
}

// engineAt is the engine whose root p is.
func engineAt(p string) string {
	switch {
	case fileExists(filepath.Join(p, ".stfolder")):
		return "Syncthing"
	case fileExists(filepath.Join(p, ".dropbox")), fileExists(filepath.Join(p, ".dropbox.cache")):
		return "Dropbox"
	case fileExists(filepath.Join(p, ".owncloudsync.log")), fileExists(filepath.Join(p, ".nextcloudsync.log")):
		return "Nextcloud"
	}
	if m, _ := filepath.Glob(filepath.Join(p, ".sync_*.db")); len(m) > 0 {
		return "Nextcloud"
	}
	if b := filepath.Base(p); b == "OneDrive" || strings.HasPrefix(b, "OneDrive - ") {
		return "OneDrive"
	}
	return ""
}

// SyncedFolder is a folder a sync engine keeps, where a vault can go.
type SyncedFolder struct {
	Engine, Path string
}

// SyncedFolders lists the usual folders of the sync engines that exist in
// home: Syncthing's default ~/Sync, ~/Dropbox, ~/OneDrive, ~/Nextcloud and
// iCloud Drive.
func SyncedFolders(home string) []SyncedFolder {
	var out []SyncedFolder
	for _, c := range []string{"Sync", "Dropbox", "OneDrive", "Nextcloud", filepath.Join("Library", "Mobile Documents", "com~apple~CloudDocs")} {
		p := filepath.Join(home, c)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			if e := SyncEngine(p); e != "" {
				out = append(out, SyncedFolder{Engine: e, Path: p})
			}
		}
	}
	return out
}

// Stignore is what Syncthing should leave alone in a vault folder: what is
// one computer's own (the lock, temporary files, the backup record).
// Replicas, conflict copies, password.age, lifeline.json and backups are
// synced.
const Stignore = `// Lifeline: what is each computer's own (docs/SYNC.md)
.lock
.*.tmp-*
/replicas/.*.tmp-*
/backup-status*.json
`

// WriteStignore adds to dir's .stignore the lines of Stignore it lacks,
// keeping the person's own, and reports how many it added.
func WriteStignore(dir string) (int, error) {
	path := filepath.Join(dir, ".stignore")
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return 0, err
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	out := string(old)
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	added := 0
	for _, l := range strings.SplitAfter(Stignore, "\n") {
		if t := strings.TrimSpace(l); t != "" && !have[t] {
			out += l
			added++
		}
	}
	if added == 0 {
		return 0, nil
	}
	return added, writeFileAtomic(dir, ".stignore", []byte(out))
}
