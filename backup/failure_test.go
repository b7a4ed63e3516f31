package backup

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// makeReadOnly makes dir refuse new files. Tests run as root, which
// ignores permission bits, so root sets the immutable attribute instead
// (chattr +i, honoured by ext4, XFS, btrfs even for root).
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no read-only folder by mode: its read-only attribute does not stop new files")
	}
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o500)
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		return
	}
	chattr := testkit.NeedTool(t, "chattr")
	if out, err := exec.Command(chattr, "+i", dir).CombinedOutput(); err != nil {
		testkit.Missing(t, "this filesystem has no immutable attribute: chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command(chattr, "-i", dir).Run() })
}

// A backup folder that cannot be written: the change is saved in the vault
// all the same, the status shows the failure and why, and the backup is
// written once the folder works again.
func TestBackuperFailureIsVisible(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, v *vault.Vault) (folder string, repair func())
		want  Reason
	}{
		{"read-only folder", func(t *testing.T, v *vault.Vault) (string, func()) {
			f := filepath.Join(testkit.TempDir(t), "ro")
			os.Mkdir(f, 0o700)
			makeReadOnly(t, f)
			return f, func() { exec.Command("chattr", "-i", f).Run(); os.Chmod(f, 0o700) }
		}, NotWritable},
		{"folder gone", func(t *testing.T, v *vault.Vault) (string, func()) {
			f := filepath.Join(testkit.TempDir(t), "usb-stick")
			return f, func() { os.Mkdir(f, 0o700) }
		}, FolderGone},
		{"a file where the folder's parent should be", func(t *testing.T, v *vault.Vault) (string, func()) {
			parent := writeFile(t, testkit.TempDir(t), "parent", []byte("a file"))
			f := filepath.Join(parent, "backups")
			return f, func() { os.Remove(parent); os.MkdirAll(f, 0o700) }
		}, FolderGone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, rk := newVault(t, 1)
			folder, repair := c.setup(t, v)
			s := DefaultSettings()
			s.Folder = folder
			if err := s.Store(v.Doc); err != nil {
				t.Fatal(err)
			}
			clock := testkit.NewClock(testNow)
			b := NewBackuper(v.Dir, clock)
			change(t, v, 1, clock.Now())
			b.Changed(v)
			clock.Advance(DefaultDelay)

			st := b.Status()
			if st.Failure == nil || st.Failure.Reason != c.want || !st.Pending {
				t.Fatalf("status = %+v, failure %v; want %q and pending", st, st.Failure, c.want)
			}
			var f *Failure
			if rs, _ := ReadStatus(v); rs.Failure == nil || rs.Failure.Reason != c.want || !rs.Pending {
				t.Errorf("another process sees %+v", rs)
			} else if !errors.As(error(rs.Failure), &f) || rs.Summary() == "" {
				t.Error("no summary")
			}
			// No change is lost: the vault itself has it.
			w, err := vault.OpenRecoveryKey(v.Dir, rk)
			if err != nil || len(w.Doc.Accounts) != 2 {
				t.Fatalf("the change is not in the vault: %v", err)
			}
			// The folder comes back; the retry writes the backup.
			repair()
			clock.Advance(DefaultRetry)
			st = b.Status()
			if st.Failure != nil || st.Pending || len(autoFiles(t, folder)) != 1 {
				t.Fatalf("after repair: %+v", st)
			}
		})
	}
}

// Errors from real system calls sort into the reasons a person acts on.
func TestClassify(t *testing.T) {
	_, notExist := os.Open(filepath.Join(testkit.TempDir(t), "none"))
	f := writeFile(t, testkit.TempDir(t), "f", nil)
	_, notDir := os.Create(filepath.Join(f, "x"))
	full := os.WriteFile("/dev/full", []byte("x"), 0o600)
	if runtime.GOOS == "windows" {
		// No /dev/full: what WriteFile returns when the disk is full.
		full = &os.PathError{Op: "write", Path: `D:\backups\x.age`, Err: syscall.Errno(112)} // ERROR_DISK_FULL
	}
	cases := []struct {
		name string
		err  error
		want Reason
	}{
		{"missing", notExist, FolderGone},
		{"not a directory", notDir, FolderGone},
		{"disk full (/dev/full)", full, DiskFull},
		{"other", errors.New("boom"), OtherFailure},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.err == nil {
				t.Skip("no such error on this system")
			}
			if got := classify(c.err); got != c.want {
				t.Errorf("classify(%v) = %q, want %q", c.err, got, c.want)
			}
		})
	}
}
