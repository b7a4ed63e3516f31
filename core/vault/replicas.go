package vault

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
)

// Replicas (docs/FORMAT.md, "Replicas and revisions"): every device that
// opens a vault folder writes its own complete copy of the document,
// encrypted like vault.age, and reads everyone else's. The device that made
// the vault (or the first to save one made before replicas) keeps writing
// vault.age; every other device writes replicas/ID.age, ID its device id.
// Whatever else looks like a copy of these (vault.sync-conflict-….age,
// "vault (conflicted copy …).age", vault-HOST.age, replicas/….age) is read
// too: sync engines leave such copies when two devices wrote at once.

// ReplicaDir is the folder of the replicas of devices other than the
// vault's first.
const ReplicaDir = "replicas"

// replica is what this Vault last read of another replica file.
type replica struct {
	sum  [sha256.Size]byte
	doc  *Document // nil when it could not be read or opened
	err  error
	seen time.Time // file's modification time, for people
}

// Replica retries: a sync engine replaces a file by deleting it and renaming
// another in its place, so a file listed a moment ago may be missing.
var (
	replicaTries = 3
	replicaRetry = 100 * time.Millisecond
)

// replicaName is the replica of device id: replicas/ID.age.
func replicaName(id string) string { return ReplicaDir + "/" + id + ".age" }

// isReplicaName reports whether name (slash-separated, relative to the
// vault folder) is vault.age, a replica, or a sync engine's copy of one.
func isReplicaName(name string) bool {
	dir, base := path.Split(name)
	if strings.HasPrefix(base, ".") || !strings.HasSuffix(base, ".age") {
		return false
	}
	switch dir {
	case "":
		return strings.HasPrefix(base, "vault")
	case ReplicaDir + "/":
		return true
	}
	return false
}

// IsConflictCopy reports whether name is a copy a sync engine left, rather
// than vault.age or a device's replica.
func IsConflictCopy(name string) bool {
	if name == VaultFile {
		return false
	}
	dir, base := path.Split(name)
	if dir == ReplicaDir+"/" {
		return !validReplicaBase(base)
	}
	return true
}

func validReplicaBase(base string) bool {
	id, ok := strings.CutSuffix(base, ".age")
	if !ok || id == "" || len(id) > 64 {
		return false
	}
	return strings.Trim(id, "0123456789abcdef") == ""
}

// replicaFiles lists the replica files in dir, sorted, slash-separated.
func replicaFiles(dir string) ([]string, error) {
	var out []string
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	for _, e := range top {
		if !e.IsDir() && isReplicaName(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sub, err := os.ReadDir(filepath.Join(dir, ReplicaDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("listing %s: %w", ReplicaDir, err)
	}
	for _, e := range sub {
		if n := ReplicaDir + "/" + e.Name(); !e.IsDir() && isReplicaName(n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out, nil
}

// chooseOwn names this device's replica in dir and the file to open first
// (primary): its own replica if it has one, else vault.age, else any
// device's replica. Which of vault.age and replicas/ID.age is this
// device's is settled once vault.age is decrypted (ownAfterOpen).
func chooseOwn(dir, dev string) (own, primary string) {
	mine := replicaName(dev)
	switch {
	case fileExists(filepath.Join(dir, filepath.FromSlash(mine))):
		return mine, mine
	case fileExists(filepath.Join(dir, VaultFile)):
		return VaultFile, VaultFile
	}
	if files, err := replicaFiles(dir); err == nil {
		for _, f := range files {
			if strings.HasPrefix(f, ReplicaDir+"/") && !IsConflictCopy(f) {
				return mine, f
			}
		}
	}
	return VaultFile, VaultFile
}

// ownAfterOpen is this device's replica once vault.age's document is
// known: vault.age stays its own when this device wrote it, or when nobody
// has written a replica yet and vault.age predates devices.
func ownAfterOpen(dir, dev string, doc *Document) string {
	if doc.Device == dev {
		return VaultFile
	}
	if doc.Device == "" {
		files, _ := replicaFiles(dir)
		if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, ReplicaDir+"/") }) {
			return VaultFile
		}
	}
	return replicaName(dev)
}

// readReplica reads a replica file, trying again when it is missing or
// cannot be read (a sync engine replacing it).
func readReplica(dir, name string) ([]byte, time.Time, error) {
	var err error
	for try := 0; try < replicaTries; try++ {
		if try > 0 {
			time.Sleep(replicaRetry)
		}
		var data []byte
		data, err = readBounded(dir, filepath.FromSlash(name))
		if err == nil {
			var mod time.Time
			if st, serr := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); serr == nil {
				mod = st.ModTime()
			}
			return data, mod, nil
		}
		var big *tooLargeError
		if errors.As(err, &big) {
			break
		}
	}
	return nil, time.Time{}, err
}

// refreshOthers reads every replica other than this device's whose content
// changed since the last call, decrypting it with the keys this Vault
// holds. A replica that cannot be read or opened is kept as a warning
// (SyncStatus), never an error: it never blocks an open or a save. It
// reports whether any replica's document changed.
func (v *Vault) refreshOthers(extra ...age.Identity) bool {
	files, err := replicaFiles(v.Dir)
	if err != nil {
		return false
	}
	if v.others == nil {
		v.others = map[string]*replica{}
	}
	changed := false
	present := map[string]bool{}
	for _, f := range files {
		if f == v.own {
			continue
		}
		present[f] = true
		data, mod, err := readReplica(v.Dir, f)
		if err != nil {
			v.others[f] = &replica{err: &ReplicaError{File: f, Err: err}, seen: mod}
			continue
		}
		sum := sha256.Sum256(data)
		if r := v.others[f]; r != nil && r.sum == sum {
			continue
		}
		r := &replica{sum: sum, seen: mod}
		if r.doc, r.err = v.decryptDiskChecked(data, v.checkReplica, extra...); r.err == nil {
			changed = true
		} else {
			r.err = &ReplicaError{File: f, Err: r.err}
		}
		v.others[f] = r
	}
	for f := range v.others {
		if !present[f] {
			delete(v.others, f)
		}
	}
	return changed
}

// otherDocs are the documents of the other replicas as last read.
func (v *Vault) otherDocs() []*Document {
	var docs []*Document
	for _, f := range slices.Sorted(maps.Keys(v.others)) {
		if d := v.others[f].doc; d != nil {
			docs = append(docs, d)
		}
	}
	return docs
}

// mergeOthers merges the other replicas into Doc: local changes are given
// their revisions first (higher than anything read), then Merge decides.
// The result is the new base.
func (v *Vault) mergeOthers() {
	others := v.otherDocs()
	if len(others) == 0 {
		return
	}
	var seen uint64
	for _, d := range others {
		seen = max(seen, d.Clock)
	}
	tick, changed := v.stamp(seen)
	m := Merge(append([]*Document{v.Doc}, others...)...)
	keepOrder(m.Accounts, v.Doc.Accounts)
	if changed {
		m.Clock = max(m.Clock, tick)
	}
	m.Authenticator = ""
	v.Doc = m
	v.adoptMergedKeys()
	v.base = baseOf(m)
	v.sign(changed)
}

// keepOrder puts merged in the order of local, the accounts local lacks
// after them as Merge placed them: this device's order stays as the
// person left it (and the faces' indexes into it stay valid), whatever
// another replica's order.
func keepOrder(merged, local []core.Account) {
	at := make(map[string]int, len(local))
	for i := range local {
		at[local[i].ID] = i
	}
	slices.SortStableFunc(merged, func(a, b core.Account) int {
		i, iok := at[a.ID]
		j, jok := at[b.ID]
		switch {
		case iok && jok:
			return i - j
		case iok:
			return -1
		case jok:
			return 1
		}
		return 0
	})
}

// adoptMergedKeys follows keys a merge took from another replica: its
// vault identity, and forgets a recovery key rotated away elsewhere.
func (v *Vault) adoptMergedKeys() {
	k := v.Doc.Keys
	if k == nil {
		return
	}
	if old := v.identity; k.VaultIdentity != "" && old != k.VaultIdentity && !slices.Contains(v.vaultIdentities(), old) {
		// A password change elsewhere: follow it, and keep this device's
		// keyring entry (if it holds the old key) opening the vault.
		v.identity = k.VaultIdentity
		user := keyringUser(v.Doc.VaultID)
		if got, err := keyringGet(user); err == nil && got == old && old != "" {
			keyringSet(user, k.VaultIdentity)
		}
	}
	if !v.rk.IsZero() && k.RecoveryRecipient != "" && k.RecoveryRecipient != v.rk.Recipient() {
		v.rk = RecoveryKey{} // rotated on another device: RecoveryKey needs the password
	}
}

// ReplicaError is a replica that was skipped: it could not be read, or not
// opened with the keys this device holds (NeedsUnlock: the password was
// changed on another device). It is a warning, never damage: the other
// replicas, and this device's, hold the vault.
type ReplicaError struct {
	File string
	Err  error
}

func (e *ReplicaError) Error() string {
	var d *DamagedError
	why := e.Err.Error()
	switch {
	case errors.Is(e.Err, ErrNeedsUnlock):
		why = "it is encrypted to a key this device does not hold yet (the password was changed on another device): unlock again"
	case errors.As(e.Err, &d):
		why = d.Reason
	}
	return "replica " + e.File + " skipped: " + why
}

func (e *ReplicaError) Unwrap() error { return e.Err }

// NeedsUnlock reports whether the replica needs keys this device lacks.
func (e *ReplicaError) NeedsUnlock() bool { return errors.Is(e.Err, ErrNeedsUnlock) }
