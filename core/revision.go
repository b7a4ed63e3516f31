package core

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Revision orders the versions of an account, a tombstone or a vault's keys
// and settings across the devices that share a vault, without reading a
// clock: N is a Lamport counter (an edit takes the highest counter its
// device has seen, plus one) and Device the id of the device that made the
// edit. The higher revision wins a merge; Device breaks a tie of N. The
// zero Revision is "before revisions existed" and loses to any other.
type Revision struct {
	N      uint64
	Device string
}

// IsZero reports whether r is the zero Revision.
func (r Revision) IsZero() bool { return r.N == 0 && r.Device == "" }

// Compare is -1, 0 or +1 as r is lower than, equal to or higher than o.
func (r Revision) Compare(o Revision) int {
	switch {
	case r.N < o.N:
		return -1
	case r.N > o.N:
		return 1
	}
	return strings.Compare(r.Device, o.Device)
}

// String is "N@device", as the JSON holds it.
func (r Revision) String() string { return strconv.FormatUint(r.N, 10) + "@" + r.Device }

// MarshalText writes "N@device".
func (r Revision) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads "N@device": N a decimal counter, device the
// writer's id (lower-case hex).
func (r *Revision) UnmarshalText(b []byte) error {
	n, dev, ok := strings.Cut(string(b), "@")
	if !ok {
		return errors.New("revision: want COUNTER@DEVICE")
	}
	c, err := strconv.ParseUint(n, 10, 64)
	if err != nil {
		return fmt.Errorf("revision: counter: %w", err)
	}
	if !ValidDeviceID(dev) {
		return errors.New("revision: device id is not 1 to 64 lower-case hex digits")
	}
	r.N, r.Device = c, dev
	return nil
}

// ValidDeviceID reports whether s is a device id: 1 to 64 lower-case hex
// digits, so it is safe as a file name on every system.
func ValidDeviceID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
