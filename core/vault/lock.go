package vault

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// LockFile is the file writers lock. It is never removed: deleting a lock
// file while another process waits on it would let two writers in.
const LockFile = ".lock"

// lockWait is how long a writer waits for another process to finish a write
// before giving up with ErrLocked. Writes take milliseconds, so two seconds
// only runs out when another process holds the lock for long.
var (
	lockWait  = 2 * time.Second
	lockRetry = 25 * time.Millisecond
)

// lock takes the vault's exclusive writer lock. The operating system drops
// it when the process dies (flock, LockFileEx), so a crash never leaves the
// vault locked. It is per open file, so two Vaults in one process exclude
// each other too.
func lock(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening lock file: %w", err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		busy, err := tryLockFile(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		if !busy {
			return func() {
				unlockFile(f)
				f.Close()
			}, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, ErrLocked
		}
		time.Sleep(lockRetry)
	}
}

// whileLocked runs write under the vault's writer lock, after clearing the
// temporary files an interrupted writer may have left.
func whileLocked(dir string, write func() error) error {
	unlock, err := lock(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := removeStaleTemps(dir); err != nil {
		return err
	}
	return write()
}
