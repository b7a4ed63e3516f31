package backup

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Defaults of a Backuper's timing.
const (
	DefaultDelay = 2 * time.Second // quiet time after a change before a backup
	DefaultRetry = time.Minute     // wait after a failed attempt (a drive may come back)
)

// Backuper writes an automatic backup after each change worth one (not a
// code copied: see fingerprint), once changes have paused for Delay, reads
// it back to check it, prunes the vault's old backups as its Settings say
// (retention.go) and records the outcome in the status file. The window
// keeps one for the open vault: Changed after each save, Prepare for "Back
// up now", Close when locking or quitting (it writes what is pending).
//
// Changed, Prepare and Now read the vault, so they run on the goroutine
// that owns it (the window's UI goroutine). The write that Prepare
// returns, Status, OnStatus, Flush and Close only touch the Backuper's own
// state, under its lock, and are safe from any goroutine. OnStatus's
// callback runs on the goroutine that wrote.
type Backuper struct {
	// Delay is the quiet time before a backup; Retry the wait after a
	// failure before trying again (0: only on the next change).
	Delay, Retry time.Duration

	clock    core.Clock
	writeMu  sync.Mutex // one write at a time
	mu       sync.Mutex // guards the fields below
	dir      string
	pending  *job
	stop     func() bool
	rec      record
	settings Settings
	latest   time.Time // Document.Updated of the newest change seen
	onStatus func(Status)
	closed   bool
}

// NewBackuper returns a Backuper for the vault in vaultDir; clock nil is
// the wall clock. Tests pass a fake one to control the debounce.
func NewBackuper(vaultDir string, clock core.Clock) *Backuper {
	if clock == nil {
		clock = core.SystemClock{}
	}
	return &Backuper{Delay: DefaultDelay, Retry: DefaultRetry, clock: clock, dir: vaultDir,
		rec: loadRecord(vaultDir), settings: DefaultSettings()}
}

// OnStatus sets a function called after every change of status (a change
// waiting, a backup written, a failure). A window wraps it in fyne.Do.
func (b *Backuper) OnStatus(f func(Status)) {
	b.mu.Lock()
	b.onStatus = f
	b.mu.Unlock()
}

// Status is the current state: last backup, pending changes, last failure.
func (b *Backuper) Status() Status {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.statusLocked()
}

func (b *Backuper) statusLocked() Status {
	st := b.rec.status(b.settings, b.dir, b.latest)
	st.Pending = st.Pending || b.pending != nil
	return st
}

// Changed takes a snapshot of the vault just saved and schedules a backup
// of it once no other change has come for Delay. Call it on the goroutine
// that owns the vault, right after Save.
//
// A save that changed nothing worth a backup since the last one (a code
// copied, a usage counter) schedules none; it only marks the vault as
// backed up.
func (b *Backuper) Changed(v *vault.Vault) error {
	j, err := newJob(v, false)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.dir, b.settings, b.latest = v.Dir, j.settings, j.updated
	unchanged := false
	switch {
	case j.settings.Off:
		b.pending = nil
	case b.closed:
	case b.pending == nil && b.unchangedLocked(j):
		unchanged = true
		b.rec.backedUp(j.updated)
	default:
		b.pending = j
		if b.stop != nil {
			b.stop()
		}
		b.stop = b.clock.AfterFunc(b.Delay, func() { b.run() })
	}
	rec, st, f := b.rec, b.statusLocked(), b.onStatus
	b.mu.Unlock()
	if unchanged {
		_ = rec.save(v.Dir) // best effort, as in run
	}
	if f != nil {
		f(st)
	}
	return nil
}

// unchangedLocked reports whether the last verified backup, still in the
// folder, already holds everything of j worth keeping.
func (b *Backuper) unchangedLocked(j *job) bool {
	r := b.rec
	if j.force || j.fp == "" || j.fp != r.Fingerprint || !r.Verified || filepath.Dir(r.LastFile) != j.folder() {
		return false
	}
	_, err := os.Stat(r.LastFile)
	return err == nil
}

// Now writes a backup of the vault at once ("Back up now"), even when
// automatic backups are off, and returns its path.
func (b *Backuper) Now(v *vault.Vault) (string, error) {
	write, err := b.Prepare(v)
	if err != nil {
		return "", err
	}
	return write()
}

// Prepare is Now in two steps for a window: it takes the snapshot of the
// vault, on the goroutine that owns the vault, and returns write, which
// encrypts and writes it (the slow part) on any goroutine.
func (b *Backuper) Prepare(v *vault.Vault) (write func() (string, error), err error) {
	return b.prepare(v, true)
}

// prepare is Prepare; force writes a backup even when nothing worth one
// changed since the last.
func (b *Backuper) prepare(v *vault.Vault, force bool) (write func() (string, error), err error) {
	j, err := newJob(v, force)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.dir, b.settings, b.latest = v.Dir, j.settings, j.updated
	b.pending = j
	if b.stop != nil {
		b.stop()
	}
	b.mu.Unlock()
	return b.run, nil
}

// Flush writes a pending backup now instead of after the delay.
func (b *Backuper) Flush() error {
	b.mu.Lock()
	if b.stop != nil {
		b.stop()
	}
	b.mu.Unlock()
	_, err := b.run()
	return err
}

// Close flushes and stops: later changes are not backed up by it.
func (b *Backuper) Close() error {
	err := b.Flush()
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return err
}

// run writes the pending job, if any, and records the outcome.
func (b *Backuper) run() (string, error) {
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	b.mu.Lock()
	j := b.pending
	b.mu.Unlock()
	if j == nil {
		return "", nil
	}
	now := b.clock.Now()
	b.mu.Lock()
	b.rec.merge(loadRecord(j.vaultDir)) // another process may have backed up since
	unchanged, holds := b.unchangedLocked(j), b.rec.holdsFor(j, now)
	b.mu.Unlock()
	var path string
	var warn, err error
	if !unchanged {
		path, warn, err = j.write(now, holds)
	}

	b.mu.Lock()
	switch {
	case unchanged:
		b.rec.backedUp(j.updated)
		b.rec.Failure = nil // the last backup, in the folder, holds it all
	case err == nil:
		b.rec.succeeded(path, j, now, warn)
		b.rec.Holds = holds
	}
	if err == nil {
		if b.pending == j {
			b.pending = nil
		}
		clear(j.pt)
	} else {
		b.rec.Failure = newFailure(err, j.folder(), now)
		if b.pending == j && !b.closed && b.Retry > 0 {
			b.stop = b.clock.AfterFunc(b.Retry, func() { b.run() })
		}
		err = b.rec.Failure
	}
	rec, dir, st, f := b.rec, j.vaultDir, b.statusLocked(), b.onStatus
	b.mu.Unlock()
	// Best effort: the vault directory is where the vault itself was just
	// saved, so it is writable; a failure here only loses history.
	_ = rec.save(dir)
	if f != nil {
		f(st)
	}
	return path, err
}

// AfterSave is the CLI's automatic backup: written at once (a command does
// not live for the debounce), with the outcome recorded for `backup
// status`. It returns the new file's path, "" when backups are off or
// nothing worth a backup changed, or a *Failure.
func AfterSave(v *vault.Vault) (string, error) {
	if v.Doc == nil {
		return "", vault.ErrDropped
	}
	if s, _ := LoadSettings(v.Doc); s.Off {
		return "", nil
	}
	b := NewBackuper(v.Dir, nil)
	b.Retry = 0 // the process ends; the next command tries again
	write, err := b.prepare(v, false)
	if err != nil {
		return "", err
	}
	return write()
}

// job is one backup to write: the plaintext of the vault as it was saved.
type job struct {
	pt        []byte
	updated   time.Time
	fp        string // fingerprint of the document
	removed   string // fingerprint of its tombstones: which accounts it lost
	force     bool   // written even when unchanged ("Back up now")
	recipient string
	opts      Options
	settings  Settings
	vaultDir  string
	vaultID   string
	check     age.Identity // reads the backup back (verifier)
	owner     Key          // opens older-named backups of this vault (ownsBackup)
}

func newJob(v *vault.Vault, force bool) (*job, error) {
	if v.Doc == nil {
		return nil, vault.ErrDropped
	}
	s, _ := LoadSettings(v.Doc) // unreadable settings: back up with the defaults
	o, err := s.options()
	if err != nil {
		return nil, err
	}
	o = o.fromVault(v)
	rr, err := v.RecoveryRecipient()
	if err != nil {
		return nil, err
	}
	j := &job{updated: v.Doc.Updated, force: force, recipient: rr, opts: o, settings: s,
		vaultDir: v.Dir, vaultID: v.Doc.VaultID, check: verifier(v)}
	j.owner.DefaultToVault(v)
	if j.check != nil {
		if j.fp, j.removed, err = fingerprint(v.Doc, j.check); err != nil {
			return nil, err
		}
	}
	if j.pt, err = plaintext(v.Doc, o.KeepsKeys()); err != nil {
		return nil, err
	}
	return j, nil
}

func (j *job) folder() string { return j.settings.FolderFor(j.vaultDir) }

// write puts the backup in the folder, reads it back to check it and
// prunes old ones; a pruning problem is returned as warn, not as a
// failure. A backup that does not read back as written is removed and is
// a failure: nothing is pruned after it.
func (j *job) write(now time.Time, holds []Hold) (path string, warn, err error) {
	if j.check == nil {
		return "", nil, fmt.Errorf("%w: no key of the vault in hand to read it with", errNotVerified)
	}
	folder, err := prepareFolder(j.settings, j.vaultDir)
	if err != nil {
		return "", nil, err
	}
	tag := vaultTag(j.vaultID)
	path, err = createNumbered(folder, autoPrefix+tag+"-", now, func(w io.Writer) error {
		return encrypt(w, j.pt, j.recipient, j.opts)
	})
	if err != nil {
		return "", nil, err
	}
	if afterWrite != nil {
		afterWrite(path)
	}
	if err := verify(path, j.pt, j.check); err != nil {
		os.Remove(path)
		return "", nil, err
	}
	_, warn = pruning{folder: folder, tag: tag, policy: j.settings.retention(), now: now,
		written: path, holds: holds, owns: ownsBackup(j.owner, j.vaultID)}.run()
	return path, warn, nil
}
