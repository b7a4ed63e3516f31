package backup

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Backup file names: lifeline-backup-VVVVVVVVVVVVVVVV-YYYYMMDD-HHMMSS.age,
// V the first 16 hex digits of the vault id (vaultTag: each vault prunes
// only its own), the time in UTC (sortable, and unambiguous when clocks
// change for summer time), with -2, -3… when one second holds several.
// Names without the vault part were written before it existed. Snapshots
// taken before a restore are named lifeline-before-restore-… and are never
// pruned: they are the undo.
const (
	autoPrefix     = "lifeline-backup-"
	snapshotPrefix = "lifeline-before-restore-"
	fileExt        = ".age"
	timeLayout     = "20060102-150405"
	tempPrefix     = ".lifeline-tmp-"
)

var namePattern = regexp.MustCompile(`^(lifeline-backup-|lifeline-before-restore-)(?:([0-9a-f]{16})-)?(\d{8}-\d{6})(?:-([2-9]|[1-9]\d+))?\.age$`)

// File is one backup in a backup folder.
type File struct {
	Name     string
	Path     string
	Time     time.Time // from the name, UTC
	Seq      int       // 1, or the -N suffix
	Size     int64
	Snapshot bool   // taken before a restore; never pruned
	Vault    string // the vault part of the name (vaultTag); "" in older names
}

// parseName reads a backup file name; ok is false for any other file.
func parseName(name string) (f File, ok bool) {
	m := namePattern.FindStringSubmatch(name)
	if m == nil {
		return File{}, false
	}
	t, err := time.ParseInLocation(timeLayout, m[3], time.UTC)
	if err != nil {
		return File{}, false
	}
	seq := 1
	if m[4] != "" {
		if seq, err = strconv.Atoi(m[4]); err != nil {
			return File{}, false
		}
	}
	return File{Name: name, Time: t, Seq: seq, Snapshot: m[1] == snapshotPrefix, Vault: m[2]}, true
}

// List returns the backups in folder, newest first. Other files are
// ignored: the folder may be shared (a Syncthing or Dropbox folder).
func List(folder string) ([]File, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, fmt.Errorf("listing backups: %w", err)
	}
	var files []File
	for _, e := range entries {
		f, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			f.Size = info.Size()
		}
		f.Path = filepath.Join(folder, f.Name)
		files = append(files, f)
	}
	slices.SortFunc(files, func(a, b File) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return b.Seq - a.Seq
	})
	return files, nil
}

// createNumbered writes a new file prefix+time[-N].age in dir and returns
// its path; it never replaces a file.
func createNumbered(dir, prefix string, t time.Time, write func(io.Writer) error) (string, error) {
	tmp, err := writeTemp(dir, write)
	if err != nil {
		return "", err
	}
	base := prefix + t.UTC().Format(timeLayout)
	// Start after the highest number this second already has: pruning may
	// have removed base.age while base-3.age lives, and a reused lower
	// number would sort as older than it and be pruned at once.
	start := 1
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if f, ok := parseName(e.Name()); ok && strings.HasPrefix(e.Name(), base) && f.Seq >= start {
				start = f.Seq + 1
			}
		}
	}
	for seq := start; seq < start+10000; seq++ {
		name := base + fileExt
		if seq > 1 {
			name = base + "-" + strconv.Itoa(seq) + fileExt
		}
		p := filepath.Join(dir, name)
		err := place(tmp, p)
		if errors.Is(err, ErrExists) {
			continue
		}
		if err != nil {
			os.Remove(tmp)
			return "", err
		}
		return p, nil
	}
	os.Remove(tmp)
	return "", fmt.Errorf("writing backup: too many backups named %s*", base)
}

// WriteNewFile writes data to a new file at path (0600, fsynced, never
// over an existing file: ErrExists), for exports to other apps' formats.
func WriteNewFile(path string, data []byte) error {
	return createExclusive(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// createExclusive writes a new file at path, which must not exist.
func createExclusive(path string, write func(io.Writer) error) error {
	tmp, err := writeTemp(filepath.Dir(path), write)
	if err != nil {
		return err
	}
	if err := place(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp writes a complete, fsynced temporary file in dir (0600). Stale
// temporaries of a process that died mid-write are cleared first.
func writeTemp(dir string, write func(io.Writer) error) (path string, err error) {
	removeStaleTemps(dir, time.Hour)
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", fmt.Errorf("writing backup: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return "", fmt.Errorf("writing backup: %w", err)
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return "", err
	}
	if err := bw.Flush(); err != nil {
		return "", fmt.Errorf("writing backup: %w", err)
	}
	if err := f.Sync(); err != nil {
		return "", fmt.Errorf("writing backup: flushing to disk: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("writing backup: %w", err)
	}
	return f.Name(), nil
}

// place moves a finished temporary file to path without ever replacing a
// file there (ErrExists). A hard link is atomic and refuses to replace;
// where the filesystem has no links (FAT on a USB stick), it falls back
// to a check and a rename, which only two writers in the same second race.
func place(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%w: %s", ErrExists, path)
	default:
		if _, serr := os.Lstat(path); serr == nil {
			return fmt.Errorf("%w: %s", ErrExists, path)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("writing backup: %w", err)
		}
	}
	if err := vault.SyncDir(filepath.Dir(path)); err != nil {
		return fmt.Errorf("writing backup: flushing directory: %w", err)
	}
	return nil
}

// removeStaleTemps deletes our temporary files older than age: younger
// ones may belong to another Lifeline writing right now.
func removeStaleTemps(dir string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
