package vault

import (
	"crypto/sha256"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"time"
)

// SyncStatus is what this Vault knows of the vault's replicas.
type SyncStatus struct {
	Device   Device // this computer
	Own      string // its replica's file, slash-separated
	Replicas []ReplicaInfo
	Devices  map[string]DeviceInfo // every device the document knows
}

// ReplicaInfo is one replica file other than this device's.
type ReplicaInfo struct {
	File     string    // slash-separated, relative to the vault folder
	Device   string    // the device that wrote it, "" if unknown
	Conflict bool      // a copy a sync engine left
	Modified time.Time // the file's time
	Err      error     // why it could not be read or opened; nil if merged
}

// SyncStatus lists the replicas as last read: by Open, Save, Changed or
// Reload.
func (v *Vault) SyncStatus() SyncStatus {
	st := SyncStatus{Device: v.dev, Own: v.own}
	if v.Doc != nil {
		st.Devices = v.Doc.Devices
	}
	for _, f := range slices.Sorted(maps.Keys(v.others)) {
		r := v.others[f]
		ri := ReplicaInfo{File: f, Conflict: IsConflictCopy(f), Modified: r.seen, Err: r.err}
		if r.doc != nil {
			ri.Device = r.doc.Device
		}
		st.Replicas = append(st.Replicas, ri)
	}
	return st
}

// FolderSum is a hash of every replica file in dir (names and contents):
// it changes whenever any device's replica, or a conflict copy, does. For
// watchers, which must not touch an open Vault; zero if dir cannot be
// listed.
func FolderSum(dir string) [sha256.Size]byte {
	files, err := replicaFiles(dir)
	if err != nil {
		return [sha256.Size]byte{}
	}
	h := sha256.New()
	for _, f := range files {
		sum, err := FileSum(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		h.Write([]byte(f + "\x00"))
		h.Write(sum[:])
	}
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// IsReplicaPath reports whether path, a file in the vault folder dir or in
// its replicas folder, is a replica or a conflict copy of one.
func IsReplicaPath(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && isReplicaName(filepath.ToSlash(rel))
}

// NeedsNewKey reports whether another computer's replica is encrypted to a
// key this Vault does not hold (a password change there, seen by a device
// that unlocked with the keyring): the faces ask for the new password.
func (v *Vault) NeedsNewKey() bool {
	for _, r := range v.others {
		var re *ReplicaError
		if errors.As(r.err, &re) && re.NeedsUnlock() && !IsConflictCopy(re.File) {
			return true
		}
	}
	return false
}
