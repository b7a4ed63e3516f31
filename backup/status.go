package backup

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// StatusFile is where the state of automatic backups is kept, in the vault
// directory: plain JSON, no secrets. It is shared by the window and the
// CLI, so `backup status` reports a failure another process met.
const StatusFile = "backup-status.json"

// Reason is why an automatic backup failed, worded for a banner.
type Reason string

const (
	FolderGone   Reason = "the backup folder is missing"
	NotWritable  Reason = "the backup folder cannot be written to"
	DiskFull     Reason = "the disk is full"
	NotVerified  Reason = "the backup did not read back as written"
	OtherFailure Reason = "the backup could not be written"
)

// Failure is a failed automatic backup. Detail is the underlying error.
type Failure struct {
	At     time.Time `json:"at"`
	Reason Reason    `json:"reason"`
	Folder string    `json:"folder"`
	Detail string    `json:"detail"`
	err    error
}

func (f *Failure) Error() string { return fmt.Sprintf("%s (%s): %s", f.Reason, f.Folder, f.Detail) }
func (f *Failure) Unwrap() error { return f.err }

func newFailure(err error, folder string, at time.Time) *Failure {
	return &Failure{At: at, Reason: classify(err), Folder: folder, Detail: err.Error(), err: err}
}

// classify sorts a write error into the reasons a person can act on.
func classify(err error) Reason {
	var errno syscall.Errno
	switch {
	case errors.Is(err, errNotVerified):
		return NotVerified
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT),
		runtime.GOOS == "windows" && errors.As(err, &errno) && (errno == 112 || errno == 39): // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
		return DiskFull
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errNotFolder), errors.Is(err, syscall.ENOTDIR):
		return FolderGone
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return NotWritable
	}
	return OtherFailure
}

// Status is the state of automatic backups, for a banner or `backup status`.
type Status struct {
	Enabled   bool
	Folder    string
	Keep      int
	Retention Retention
	// LastBackup is when the newest verified automatic backup (read back
	// and found to decrypt to what was written) was written; zero if none.
	LastBackup time.Time
	LastFile   string // its path
	// BackedUp is the Document.Updated of the newest vault state that
	// verified backup holds (or that needed none): an account updated
	// after it is not in a backup yet. Zero without a verified backup.
	BackedUp time.Time
	// Pending is true when the vault holds changes that no backup has yet:
	// one is waiting for the debounce, or the last attempt failed.
	Pending bool
	Failure *Failure // the last attempt's failure; nil if it worked
	Warning string   // a problem that did not stop the backup (pruning)
}

// Summary is the status in one sentence.
func (s Status) Summary() string {
	switch {
	case !s.Enabled:
		return "Automatic backups are off."
	case s.Failure != nil:
		return fmt.Sprintf("Changes not backed up: %s (%s).", s.Failure.Reason, s.Failure.Folder)
	case s.LastBackup.IsZero():
		return "No verified backup yet."
	case s.Pending:
		return "Changes not backed up yet; last verified backup " + s.LastBackup.Local().Format("2006-01-02 15:04:05") + "."
	}
	return "Backed up and verified " + s.LastBackup.Local().Format("2006-01-02 15:04:05") + "."
}

// record is the status file's content.
type record struct {
	LastBackup time.Time `json:"last_backup"`
	LastFile   string    `json:"last_file,omitempty"`
	// BackedUp is the Document.Updated of the newest state in a backup.
	BackedUp time.Time `json:"backed_up"`
	// Verified says LastFile was read back and decrypted to what was
	// written (status files of older versions lack it).
	Verified bool `json:"verified,omitempty"`
	// Fingerprint is that of the document in LastFile (verify.go), and
	// Removed that of its tombstones.
	Fingerprint string   `json:"fingerprint,omitempty"`
	Removed     string   `json:"removed,omitempty"`
	Holds       []Hold   `json:"holds,omitempty"`
	Failure     *Failure `json:"failure,omitempty"`
	Warning     string   `json:"warning,omitempty"`
}

func loadRecord(vaultDir string) record {
	var r record
	data, err := StatusInput.ReadFile(statusPath(vaultDir))
	if err == nil {
		// A damaged status file only loses history; it is rewritten next time.
		_ = json.Unmarshal(data, &r)
	}
	return r
}

func (r record) save(vaultDir string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return WriteFile(statusPath(vaultDir), append(data, '\n'))
}

// statusPath is this device's record: StatusFile, or for a device other
// than vault.age's, backup-status-ID.json.
func statusPath(vaultDir string) string {
	if sub := vault.DeviceSubdir(vaultDir); sub != "" {
		return filepath.Join(vaultDir, strings.TrimSuffix(StatusFile, ".json")+"-"+sub+".json")
	}
	return filepath.Join(vaultDir, StatusFile)
}

func (r *record) succeeded(path string, j *job, at time.Time, warning error) {
	r.LastBackup, r.LastFile, r.Failure, r.Warning = at, path, nil, ""
	r.Verified, r.Fingerprint, r.Removed = true, j.fp, j.removed
	r.backedUp(j.updated)
	if warning != nil {
		r.Warning = "old backups could not be removed: " + warning.Error()
	}
}

// backedUp notes that the vault as saved at updated is in a backup.
func (r *record) backedUp(updated time.Time) {
	if updated.After(r.BackedUp) {
		r.BackedUp = updated
	}
}

// merge takes the record another process wrote since, keeping the holds of
// both: each process reads the file when it starts and writes it after
// each backup.
func (r *record) merge(disk record) {
	if !disk.LastBackup.After(r.LastBackup) {
		return
	}
	holds := append(disk.Holds, r.Holds...)
	*r = disk
	r.Holds = holds
}

// holdsFor are the holds for a backup of j at now: those still running,
// and a new one on the last backup when accounts were deleted since it
// (by hand, or by a restore: the tombstones changed), so that they stay in
// a kept backup for HoldRemoved.
func (r record) holdsFor(j *job, now time.Time) []Hold {
	hs := slices.Clone(r.Holds)
	if r.Verified && r.LastFile != "" && j.removed != r.Removed {
		hs = append(hs, Hold{File: r.LastFile, Until: now.Add(HoldRemoved)})
	}
	return liveHolds(hs, now)
}

func (r record) status(s Settings, vaultDir string, latest time.Time) Status {
	st := Status{
		Enabled: !s.Off, Folder: s.FolderFor(vaultDir), Keep: s.Keep, Retention: s.retention(),
		Pending: !s.Off && latest.After(r.BackedUp), Failure: r.Failure, Warning: r.Warning,
	}
	if r.Verified {
		st.LastBackup, st.LastFile, st.BackedUp = r.LastBackup, r.LastFile, r.BackedUp
	}
	return st
}

// ReadStatus is the backup status of an open vault, as recorded by every
// Lifeline process that backed it up.
func ReadStatus(v *vault.Vault) (Status, error) {
	if v.Doc == nil {
		return Status{}, vault.ErrDropped
	}
	s, err := LoadSettings(v.Doc)
	return loadRecord(v.Dir).status(s, v.Dir, v.Doc.Updated), err
}
