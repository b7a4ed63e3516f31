package vault

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ErrUnknownDevice is a device id the vault does not know.
var ErrUnknownDevice = errors.New("the vault knows no device with this id")

// DeviceView is one device of the vault, for `lifeline devices` and the
// window: its entry, and its replica file as this device last read it.
type DeviceView struct {
	ID, Name string
	Edited   time.Time // when it last saved a change, by its own clock
	This     bool      // this computer
	File     string    // its replica, "" if none is in the folder
	Modified time.Time // the file's time
	Err      error     // why its replica was skipped, if it was
}

// DeviceList lists the devices the vault knows, this one first, then by
// name.
func (v *Vault) DeviceList() []DeviceView {
	if v.Doc == nil {
		return nil
	}
	var out []DeviceView
	for id, e := range v.Doc.Devices {
		d := DeviceView{ID: id, Name: e.Name, Edited: e.Edited, This: id == v.dev.ID}
		if d.This {
			d.File = v.own
			if st, err := os.Stat(filepath.Join(v.Dir, filepath.FromSlash(v.own))); err == nil {
				d.Modified = st.ModTime()
			}
		}
		for _, f := range slices.Sorted(maps.Keys(v.others)) {
			r := v.others[f]
			if d.File == "" && !IsConflictCopy(f) && (f == replicaName(id) || (r.doc != nil && r.doc.Device == id)) {
				d.File, d.Modified, d.Err = f, r.seen, r.err
			}
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b DeviceView) int {
		if a.This != b.This {
			if a.This {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// ForgetDevice removes a device that is gone (a lost or retired computer):
// its entry, so that tombstones no longer wait for it, and its replica
// files, once what they held is merged into this device's replica. If it
// writes again, it is known again. This device cannot forget itself.
func (v *Vault) ForgetDevice(id string, now time.Time) error {
	if v.Doc == nil {
		return ErrDropped
	}
	if id == v.dev.ID {
		return errors.New("this is this computer: a device forgets other devices; delete " + DeviceFile + " in the device folder to make this computer a new device")
	}
	e, ok := v.Doc.Devices[id]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownDevice, id)
	}
	unlock, err := lock(v.Dir)
	if err != nil {
		return err
	}
	defer unlock()
	if v.Doc.Forgotten == nil {
		v.Doc.Forgotten = map[string]uint64{}
	}
	v.Doc.Forgotten[id] = max(v.Doc.Forgotten[id], e.Heard[id])
	delete(v.Doc.Devices, id)
	if err := v.saveLocked(now); err != nil {
		return err
	}
	// Its replicas are merged into ours, which is on disk: remove them.
	var errs []error
	for f, r := range v.others {
		if f == replicaName(id) || (r.doc != nil && r.doc.Device == id) {
			if err := os.Remove(filepath.Join(v.Dir, filepath.FromSlash(f))); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
			delete(v.others, f)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("the device is forgotten, but its replica could not be removed: %w", err)
	}
	return nil
}
