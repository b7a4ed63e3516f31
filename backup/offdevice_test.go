package backup

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func mkdir(t *testing.T, parts ...string) string {
	t.Helper()
	d := filepath.Join(parts...)
	if err := os.MkdirAll(d, 0o700); err != nil {
		t.Fatal(err)
	}
	return d
}

// OffDevice says a folder survives the computer when a sync tool copies
// it (a marker in it or a parent, or the tool's folder name) or when it
// is on another drive, and says why; a plain folder next to the vault, a
// missing one or a file is not off the device.
func TestOffDevice(t *testing.T) {
	root := testkit.TempDir(t)
	vaultDir := mkdir(t, root, "config", "lifeline")
	marker := func(dir, name string) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	sync := mkdir(t, root, "Sync")
	marker(sync, ".stfolder")
	dropbox := mkdir(t, root, "home-dropbox")
	if err := os.Mkdir(filepath.Join(dropbox, ".dropbox.cache"), 0o700); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "a-file")
	marker(root, "a-file")
	cases := []struct {
		name, folder string
		off          bool
		reason       string
	}{
		{"the default folder in the vault folder", mkdir(t, vaultDir, "backups"), false, "same drive"},
		{"a plain folder beside it", mkdir(t, root, "Documents", "backups"), false, "same drive"},
		{"Syncthing marker in a parent", mkdir(t, sync, "lifeline", "backups"), true, "Syncthing"},
		{"Syncthing marker in the folder", sync, true, "Syncthing"},
		{"Dropbox cache folder", mkdir(t, dropbox, "Lifeline"), true, "Dropbox"},
		{"OneDrive of a work account", mkdir(t, root, "OneDrive - Contoso", "Lifeline"), true, "OneDrive"},
		{"Nextcloud folder", mkdir(t, root, "Nextcloud", "Backups"), true, "Nextcloud"},
		{"iCloud Drive", mkdir(t, root, "Library", "Mobile Documents", "com~apple~CloudDocs", "Lifeline"), true, "iCloud Drive"},
		{"a missing folder", filepath.Join(root, "unplugged", "backups"), false, "cannot be read"},
		{"a file", file, false, "not a folder"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			off, reason := OffDevice(c.folder, vaultDir)
			if off != c.off || !strings.Contains(reason, c.reason) {
				t.Errorf("OffDevice(%s) = %v, %q; want %v, a reason with %q", c.folder, off, reason, c.off, c.reason)
			}
		})
	}
}

// A folder on another filesystem than the vault (a USB stick, a network
// mount) is off the device: /dev/shm is a tmpfs of its own on Linux.
func TestOffDeviceOtherFilesystem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs a second filesystem at a known place: /dev/shm on Linux")
	}
	vaultDir := testkit.TempDir(t)
	other, err := os.MkdirTemp("/dev/shm", "lifeline-offdevice-")
	if err != nil {
		t.Skipf("no /dev/shm here: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(other) })
	va, _ := volumeOf(vaultDir)
	vo, _ := volumeOf(other)
	if va == vo {
		t.Skip("/dev/shm is on the same filesystem as the temporary folder here")
	}
	if off, reason := OffDevice(other, vaultDir); !off || !strings.Contains(reason, "another drive") {
		t.Errorf("OffDevice(%s) = %v, %q; want off, on another drive", other, off, reason)
	}
}

// The kit's "Where your backups are" lists the backup folder only when it
// is off this computer, and the last export's file when its folder is;
// a vault with the default folder and no export has none.
func TestOffDeviceCopies(t *testing.T) {
	v, _ := newVault(t, 1)
	if got := OffDeviceCopies(v.Doc, v.Dir); len(got) != 0 {
		t.Fatalf("default settings, no export: copies %v, want none", got)
	}

	synced := filepath.Join(testkit.TempDir(t), "Sync")
	if err := os.MkdirAll(filepath.Join(synced, "lifeline"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(synced, ".stfolder"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := DefaultSettings()
	s.Folder = filepath.Join(synced, "lifeline")
	if err := s.Store(v.Doc); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(v.Dir, "..", "export.age")
	if err := RecordExport(v.Doc, local, testNow); err != nil {
		t.Fatal(err)
	}
	got := OffDeviceCopies(v.Doc, v.Dir)
	if len(got) != 1 || got[0].Path != s.Folder || !strings.Contains(got[0].What, "Syncthing") {
		t.Fatalf("copies %+v, want the Syncthing folder only (the export is beside the vault)", got)
	}

	exported := filepath.Join(synced, "by hand.age")
	if err := RecordExport(v.Doc, exported, testNow); err != nil {
		t.Fatal(err)
	}
	if e, ok := LastExported(v.Doc); !ok || e.Path != exported || !e.At.Equal(testNow) {
		t.Fatalf("LastExported = %+v, %v", e, ok)
	}
	got = OffDeviceCopies(v.Doc, v.Dir)
	if len(got) != 2 || got[1].Path != exported || !strings.Contains(got[1].What, testNow.Format("2006-01-02")) {
		t.Fatalf("copies %+v, want the folder and the export", got)
	}

	s.Off = true // automatic backups off: the folder holds none to count on
	if err := s.Store(v.Doc); err != nil {
		t.Fatal(err)
	}
	if got = OffDeviceCopies(v.Doc, v.Dir); len(got) != 1 || got[0].Path != exported {
		t.Fatalf("backups off: copies %+v, want the export only", got)
	}
}
