package vault

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/lifelineauth/lifeline/core/internal/owneronly"
)

// LocationFile, in the device folder, names the vault folder this
// computer opens by default once a vault was moved (MoveVault). It is
// this computer's alone, like the device id.
const LocationFile = "vault-location"

// movedLocation is where DefaultDir finds a moved vault, "" if none.
func movedLocation() string {
	dir, err := DeviceDir()
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, LocationFile))
	if err != nil {
		return ""
	}
	p := strings.TrimSpace(string(b))
	if !filepath.IsAbs(p) {
		return ""
	}
	return p
}

// SetDefaultDir makes dir the vault folder this computer opens by default
// (the window's "Open a vault from a synced folder"). "" forgets it.
func SetDefaultDir(dir string) error {
	dev, err := DeviceDir()
	if err != nil {
		return err
	}
	if dir == "" {
		if err := os.Remove(filepath.Join(dev, LocationFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dev, 0o700); err != nil {
		return fmt.Errorf("creating the device folder: %w", err)
	}
	return writeFileAtomic(dev, LocationFile, []byte(abs+"\n"))
}

// MoveVault moves the vault in src to dst (a new folder, typically inside
// a synced one) and makes dst this computer's default vault. Every file is
// copied and read back before anything changes at src; src is then renamed
// to src.moved-YYYYMMDD-HHMMSS (kept: delete it once the vault opens from
// dst), so no second copy of the vault goes on being used by mistake. It
// returns the name src was given.
func MoveVault(src, dst string, now time.Time) (string, error) {
	if !Exists(src) {
		return "", fmt.Errorf("%w in %s", ErrNoVault, src)
	}
	if Exists(dst) {
		return "", fmt.Errorf("%w in %s: choose another folder", ErrExists, dst)
	}
	held, err := lock(src)
	if err != nil {
		return "", err
	}
	unlock := sync.OnceFunc(held)
	defer unlock()
	_, statErr := os.Stat(dst)
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return "", fmt.Errorf("creating %s: %w", dst, err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		if err := owneronly.Dir(dst); err != nil {
			return "", err
		}
	}
	if err := copyTree(src, dst); err != nil {
		return "", fmt.Errorf("copying the vault (nothing was moved; %s holds a partial copy you can delete): %w", dst, err)
	}
	if err := SetDefaultDir(dst); err != nil {
		return "", fmt.Errorf("the vault is copied to %s, but this computer could not be told to open it there (%w); %s is unchanged", dst, err, src)
	}
	old := src + ".moved-" + now.UTC().Format("20060102-150405")
	unlock()
	if err := os.Rename(src, old); err != nil {
		return "", fmt.Errorf("the vault is in %s and opens from there; the old folder %s could not be renamed (%w): do not use it any more", dst, src, err)
	}
	return old, nil
}

// copyTree copies every file of the vault folder src into dst (atomic
// writes, 0600) and reads each back; the lock and temporary files stay.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "." {
			return nil
		}
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		if e.Name() == LockFile || strings.Contains(e.Name(), tempInfix) || !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := writeFileAtomic(filepath.Dir(to), filepath.Base(to), data); err != nil {
			return err
		}
		back, err := os.ReadFile(to)
		if err != nil || !bytes.Equal(back, data) {
			return fmt.Errorf("%s does not read back as written: %v", to, err)
		}
		return nil
	})
}
