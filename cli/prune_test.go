package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// Two vaults backing up to one folder (two laptops, one synced folder)
// each keep their own newest backups: neither prunes the other's.
func TestCLISharedBackupFolder(t *testing.T) {
	shared := testkit.TempDir(t)
	a, pa := initEnv(t)
	b, pb := initEnv(t)
	a.ok("", "backup", "config", "--folder", shared, "--keep", "2", "--password-file", pa)
	b.ok("", "backup", "config", "--folder", shared, "--keep", "2", "--password-file", pb)
	for i := range 4 {
		a.ok("", "add", fmt.Sprintf("otpauth://totp/A:a%d?secret=JBSWY3DPEHPK3PXP", i), "--password-file", pa)
		b.ok("", "add", fmt.Sprintf("otpauth://totp/B:b%d?secret=KRSXG5CTMVRXEZLU", i), "--password-file", pb)
	}
	files, err := backup.List(shared)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, f := range files {
		per[f.Vault]++
	}
	if len(files) != 4 || len(per) != 2 {
		t.Fatalf("%d backups in the shared folder, per vault %v, want 2 each", len(files), per)
	}
	for _, x := range []struct {
		e      *env
		pw     string
		issuer string
	}{{a, pa, "A"}, {b, pb, "B"}} {
		st := x.e.ok("", "backup", "status", "--password-file", x.pw)
		newest := lastVerified(t, st)
		preview := x.e.ok("", "restore", newest, "--dry-run", "--password-file", x.pw)
		if !strings.Contains(preview, "4 identical") {
			t.Fatalf("vault %s: its last verified backup %s does not hold its 4 accounts:\n%s\n%s", x.issuer, newest, st, preview)
		}
	}
}

// Backup names dated in the future (a clock that ran ahead) never make
// Lifeline delete the backup it has just written.
func TestCLIFutureBackupNames(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "backup", "config", "--keep", "2", "--password-file", pw)
	folder := filepath.Join(e.vault, backup.DefaultFolderName)
	files, _ := backup.List(folder)
	data, err := os.ReadFile(files[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		os.WriteFile(filepath.Join(folder, fmt.Sprintf("lifeline-backup-2099010%d-000000.age", i+1)), data, 0o600)
	}
	e.ok("", "add", "otpauth://totp/Now:x?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	st := e.ok("", "backup", "status", "--password-file", pw)
	written := lastVerified(t, st)
	if _, err := os.Stat(written); err != nil || !strings.Contains(st, "all backed up") {
		t.Fatalf("the backup just written is gone (%v):\n%s", err, st)
	}
	if preview := e.ok("", "restore", written, "--dry-run", "--password-file", pw); !strings.Contains(preview, "1 identical") {
		t.Fatalf("the last backup does not hold the change:\n%s", preview)
	}
}

// `backup config` sets the retention by time; old values stay when a flag
// is not given; a save that changes nothing makes no new backup.
func TestCLIBackupRetention(t *testing.T) {
	e, pw := initEnv(t)
	st := e.ok("", "backup", "config", "--keep", "4", "--keep-daily", "2", "--keep-weekly", "0", "--password-file", pw)
	if !strings.Contains(st, "Keep:                  the newest 4, and the newest of each of the last 2 days and 12 months") {
		t.Fatalf("status:\n%s", st)
	}
	if !strings.Contains(st, "Last verified backup:  ") || strings.Contains(st, "none") {
		t.Fatalf("no verified backup after config:\n%s", st)
	}
	folder := filepath.Join(e.vault, backup.DefaultFolderName)
	before, _ := backup.List(folder)
	e.ok("", "backup", "config", "--keep-monthly", "3", "--password-file", pw)
	e.ok("", "backup", "config", "--password-file", pw) // saves an unchanged vault
	after, _ := backup.List(folder)
	if len(after) != len(before)+1 {
		t.Fatalf("%d backups, then %d: want one more for the one change", len(before), len(after))
	}
	if st := e.ok("", "backup", "status", "--password-file", pw); !strings.Contains(st, "the newest 4, and the newest of each of the last 2 days and 3 months") {
		t.Fatalf("status:\n%s", st)
	}
	e.fails(2, `--keep-weekly "-1": want 0 (none) or a positive number`, "backup", "config", "--keep-weekly", "-1", "--password-file", pw)
	e.fails(2, "belong to `backup config`", "backup", "status", "--keep-daily", "2", "--password-file", pw)
}

// lastVerified is the file of the "Last verified backup:" line of `backup
// status`.
func lastVerified(t *testing.T, status string) string {
	t.Helper()
	for _, l := range strings.Split(status, "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "Last verified backup:") && len(f) == 6 {
			return f[5]
		}
	}
	t.Fatalf("no last verified backup in:\n%s", status)
	return ""
}
