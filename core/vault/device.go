package vault

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// Device is this computer as the vaults it opens know it. It lives outside
// every vault folder (DeviceDir), so copying or syncing a vault folder never
// clones a device: each computer writes its own replica.
type Device struct {
	ID   string `json:"id"`   // 16 lower-case hex digits, random
	Name string `json:"name"` // for people: the host name at first, renamed with `lifeline devices rename`
}

// DeviceFile is the device's file in DeviceDir.
const DeviceFile = "device.json"

// DeviceDir is where this computer's device state lives:
// $LIFELINE_DEVICE_DIR if set (tests, portable installs), else
// "lifeline-device" in the user's configuration directory
// ($XDG_CONFIG_HOME or ~/.config on Linux, %AppData% on Windows,
// ~/Library/Application Support on macOS), beside the default vault
// folder, never inside it.
func DeviceDir() (string, error) {
	if d := os.Getenv("LIFELINE_DEVICE_DIR"); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the device folder: %w", err)
	}
	return filepath.Join(cfg, "lifeline-device"), nil
}

// ThisDevice reads this computer's device, making it (a new random id,
// named after the host) the first time. Two processes making it at once
// agree: the file is created with O_EXCL and the loser reads the winner's.
func ThisDevice() (Device, error) {
	dir, err := DeviceDir()
	if err != nil {
		return Device{}, err
	}
	if d, err := readDevice(dir); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return d, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Device{}, fmt.Errorf("creating the device folder: %w", err)
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Device{}, fmt.Errorf("making a device id: %w", err)
	}
	d := Device{ID: hex.EncodeToString(b[:]), Name: hostName()}
	data, _ := json.MarshalIndent(d, "", "  ")
	f, err := os.OpenFile(filepath.Join(dir, DeviceFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readDevice(dir)
	}
	if err != nil {
		return Device{}, fmt.Errorf("creating %s: %w", DeviceFile, err)
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return Device{}, fmt.Errorf("writing %s: %w", DeviceFile, err)
	}
	return d, nil
}

// RenameDevice gives this computer a new name; vaults show it from their
// next save.
func RenameDevice(name string) (Device, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 || strings.ContainsAny(name, "\r\n\t") {
		return Device{}, errors.New("a device name is 1 to 100 characters on one line")
	}
	d, err := ThisDevice()
	if err != nil {
		return Device{}, err
	}
	dir, _ := DeviceDir()
	d.Name = name
	data, _ := json.MarshalIndent(d, "", "  ")
	if err := writeFileAtomic(dir, DeviceFile, append(data, '\n')); err != nil {
		return Device{}, err
	}
	return d, nil
}

func readDevice(dir string) (Device, error) {
	data, err := os.ReadFile(filepath.Join(dir, DeviceFile))
	if err != nil {
		return Device{}, err
	}
	var d Device
	if err := json.Unmarshal(data, &d); err != nil || !core.ValidDeviceID(d.ID) {
		return Device{}, fmt.Errorf("%s in %s is damaged (delete it and this computer becomes a new device of its vaults): %v", DeviceFile, dir, err)
	}
	return d, nil
}

func hostName() string {
	h, err := os.Hostname()
	if err != nil || strings.TrimSpace(h) == "" {
		return "this computer"
	}
	if len(h) > 100 {
		h = h[:100]
	}
	return h
}

// DeviceSubdir names, in the vault folder dir, what is this computer's
// alone (its automatic backups and their record): "" for the device that
// writes vault.age, so a vault used on one computer looks as it always
// did, else this device's id. Each device prunes only its own backups.
func DeviceSubdir(dir string) string {
	d, err := ThisDevice()
	if err != nil || !fileExists(filepath.Join(dir, ReplicaDir, d.ID+".age")) {
		return ""
	}
	return d.ID
}

// KeyringFile, in the device folder, records per vault folder whether this
// computer keeps the vault key in its keyring: lifeline.json's "keyring" is
// shared by every computer of a synced folder, so it only speaks for a
// computer that has no record of its own (a vault from before this file,
// or a folder that moved). The record is keyed by the vault id and the
// folder: a fresh-device restore keeps the id in another folder.
const KeyringFile = "keyring.json"

// keyringRecord names the record of the vault id in folder dir.
func keyringRecord(id, dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return id + " " + filepath.Clean(dir)
}

// localKeyring is this computer's record for id, if it has one.
func localKeyring(id string) (on, known bool) {
	dir, err := DeviceDir()
	if err != nil {
		return false, false
	}
	data, err := os.ReadFile(filepath.Join(dir, KeyringFile))
	if err != nil {
		return false, false
	}
	var m map[string]bool
	if json.Unmarshal(data, &m) != nil {
		return false, false
	}
	on, known = m[id]
	return on, known
}

// setLocalKeyring records this computer's keyring choice for id.
func setLocalKeyring(id string, on bool) error {
	dir, err := DeviceDir()
	if err != nil {
		return err
	}
	m := map[string]bool{}
	if data, err := os.ReadFile(filepath.Join(dir, KeyringFile)); err == nil {
		json.Unmarshal(data, &m)
	}
	if cur, ok := m[id]; ok && cur == on {
		return nil
	}
	m[id] = on
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return writeFileAtomic(dir, KeyringFile, append(data, '\n'))
}
