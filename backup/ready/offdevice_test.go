package ready_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestOffDeviceSyncFolders(t *testing.T) {
	root := testkit.TempDir(t)
	vaultDir := filepath.Join(root, "vault")
	mk := func(parts ...string) string {
		p := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	touch := func(parts ...string) {
		if err := os.WriteFile(filepath.Join(append([]string{root}, parts...)...), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	mk("vault")
	mk("st", ".stfolder")
	mk("st", "lifeline", "backups")
	mk("db")
	touch("db", ".dropbox")
	mk("nc", "deep")
	touch("nc", ".sync_3f2a9c1b.db")
	mk("OneDrive - Example Ltd", "Backups")
	mk("Library", "Mobile Documents", "com~apple~CloudDocs", "Lifeline")
	mk("plain", "backups")

	for _, c := range []struct {
		folder string
		off    bool
		kind   string
	}{
		{filepath.Join(root, "st", "lifeline", "backups"), true, "a Syncthing folder"},
		{filepath.Join(root, "st", "not-made-yet"), true, "a Syncthing folder"},
		{filepath.Join(root, "db"), true, "a Dropbox folder"},
		{filepath.Join(root, "nc", "deep"), true, "a Nextcloud folder"},
		{filepath.Join(root, "OneDrive - Example Ltd", "Backups"), true, "a OneDrive folder"},
		{filepath.Join(root, "Library", "Mobile Documents", "com~apple~CloudDocs", "Lifeline"), true, "an iCloud Drive folder"},
		{filepath.Join(root, "plain", "backups"), false, "this computer"},
		{filepath.Join(vaultDir, "backups"), false, "this computer"},
	} {
		t.Run(filepath.Base(c.folder), func(t *testing.T) {
			got := ready.OffDevice(c.folder, vaultDir)
			if got.Off != c.off || got.Kind != c.kind {
				t.Errorf("OffDevice(%s) = %+v, want off %v, %q", c.folder, got, c.off, c.kind)
			}
		})
	}
}
