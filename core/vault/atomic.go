package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// tempInfix marks our temporary files: ".vault.age.tmp-123456". The leading
// dot keeps them out of casual listings.
const tempInfix = ".tmp-"

// writeFileAtomic replaces dir/name with data so that a crash at any instant
// leaves either the old file or the new one, never a mix (restic's local
// backend): temp file in the same directory, write, fsync, close, rename,
// fsync the directory. The temp file is 0600 from the start (os.CreateTemp)
// and removed on any failure. The caller holds the vault lock.
func writeFileAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, "."+name+tempInfix+"*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// CreateTemp already uses 0600; Chmod guards against an odd umask-less
	// platform and documents the intent.
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: flushing to disk: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := SyncDir(dir); err != nil {
		// The new file is in place; only its durability across a power cut
		// is in doubt. Report it: the caller must not claim success.
		return fmt.Errorf("writing %s: flushing directory: %w", name, err)
	}
	return nil
}

// SyncDir makes a rename in dir durable (backup/ writes its files the same
// way). Windows cannot open a directory for syncing and its rename is
// journaled by NTFS, so it is skipped there.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// removeStaleTemps deletes temp files left by a Lifeline process that died
// mid-write. Every writer holds the lock while its temp file exists, so
// under the lock any temp file is stale. The caller holds the lock.
func removeStaleTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cleaning up %s: %w", dir, err)
	}
	var errs []error
	for _, e := range entries {
		if isTempName(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

func isTempName(n string) bool {
	for _, f := range []string{VaultFile, PasswordFile, MetaFile} {
		if strings.HasPrefix(n, "."+f+tempInfix) {
			return true
		}
	}
	return false
}

// removeOwnTemps deletes the temp files this device left in the replica
// folder. Other devices' are left alone: deleting one a sync engine copied
// here would delete it on the device still writing it.
func (v *Vault) removeOwnTemps() {
	if v.own == VaultFile {
		return
	}
	dir, name := filepath.Split(filepath.Join(v.Dir, filepath.FromSlash(v.own)))
	if m, err := filepath.Glob(filepath.Join(dir, "."+name+tempInfix+"*")); err == nil {
		for _, f := range m {
			os.Remove(f)
		}
	}
}
