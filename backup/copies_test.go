package backup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

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
