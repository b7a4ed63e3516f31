package vault

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// deviceFolders are the device folders of the computers of a test: use
// makes the rest of the test (until the next use) run as that computer.
type deviceFolders map[string]string

func (f deviceFolders) use(t *testing.T, name string) Device {
	t.Helper()
	if f[name] == "" {
		f[name] = filepath.Join(testkit.TempDir(t), "device-"+name)
	}
	t.Setenv("LIFELINE_DEVICE_DIR", f[name])
	d, err := ThisDevice()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func names(d *Document) []string {
	var n []string
	for _, a := range d.Accounts {
		n = append(n, a.Name)
	}
	slices.Sort(n)
	return n
}

func addNamed(t *testing.T, v *Vault, name string) string {
	t.Helper()
	a := testkit.Account(0)
	a.Name, a.Secret = name, core.Secret(name+"-secret-bytes")
	p, err := v.Doc.Add(a, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// savedOn is a new vault, saved, holding an account named name, made as
// device (unless "": as the device in use).
func savedOn(t *testing.T, devs deviceFolders, device, name string) (*Vault, RecoveryKey, string) {
	t.Helper()
	if device != "" {
		devs.use(t, device)
	}
	v, rk := newTestVault(t)
	id := addNamed(t, v, name)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	return v, rk, id
}

func decryptFile(t *testing.T, v *Vault, name string) *Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(v.Dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := v.decryptDisk(data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Two computers on one folder: the first keeps vault.age, the second
// writes replicas/ID.age on open, and each save of either carries the
// other's changes.
func TestTwoDevicesOneFolder(t *testing.T) {
	devs := deviceFolders{}
	v1, rk, _ := savedOn(t, devs, "one", "from one")
	two := devs.use(t, "two")
	v2, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(v1.Dir, ReplicaDir, two.ID+".age")
	if _, err := os.Stat(mine); err != nil {
		t.Fatalf("the second device wrote no replica on open: %v", err)
	}
	testkit.WantMode(t, mine, 0o600)
	addNamed(t, v2, "from two")
	if err := v2.Save(testNow); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "one")
	addNamed(t, v1, "one again")
	if err := v1.Save(testNow.Add(time.Minute)); err != nil {
		t.Fatalf("save on one after two wrote: %v", err)
	}
	want := []string{"from one", "from two", "one again"}
	if got := names(v1.Doc); !slices.Equal(got, want) {
		t.Errorf("device one holds %v, want %v", got, want)
	}
	devs.use(t, "two")
	w, err := OpenPassword(v1.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(w.Doc); !slices.Equal(got, want) {
		t.Errorf("device two opens %v, want %v", got, want)
	}
	if got := len(w.Doc.Devices); got != 2 {
		t.Errorf("%d devices known, want 2", got)
	}
	if doc := decryptFile(t, w, VaultFile); doc.Device == two.ID {
		t.Error("device two wrote vault.age")
	}
}

// What a sync engine leaves when two devices wrote at once — a conflict
// copy beside the file — is merged like a replica, whatever its name.
func TestConflictCopiesAreMerged(t *testing.T) {
	for _, name := range []string{
		"vault.sync-conflict-20260101-120000-ABCDEFG.age",        // Syncthing
		"vault (conflicted copy 2026-01-01).age",                 // Dropbox
		"vault (Alice's conflicted copy 2026-01-01 120000).age",  // Dropbox, Nextcloud
		"vault-DESKTOP-1234.age",                                 // OneDrive
		ReplicaDir + "/0123456789abcdef.sync-conflict-x-y-Z.age", // a replica's
	} {
		t.Run(name, func(t *testing.T) {
			devs := deviceFolders{}
			devs.use(t, "one")
			v, rk := newTestVault(t)
			addNamed(t, v, "kept")
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
			addNamed(t, v, "only in the copy")
			if err := v.Save(testNow); err != nil {
				t.Fatal(err)
			}
			after, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
			// The engine kept the older file and moved the newer aside.
			os.MkdirAll(filepath.Join(v.Dir, ReplicaDir), 0o700)
			if err := os.WriteFile(filepath.Join(v.Dir, filepath.FromSlash(name)), after, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(v.Dir, VaultFile), before, 0o600); err != nil {
				t.Fatal(err)
			}
			w, err := OpenRecoveryKey(v.Dir, rk)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(w.Doc); !slices.Equal(got, []string{"kept", "only in the copy"}) {
				t.Errorf("opened %v, want the conflict copy's account too", got)
			}
			if got := names(decryptFile(t, w, VaultFile)); len(got) != 2 {
				t.Errorf("the open wrote vault.age with %v, want both accounts", got)
			}
		})
	}
}

// A replica that cannot be read or opened — gone mid-replacement,
// truncated, not age — is skipped with a warning: the vault opens and
// saves, and nothing calls it damaged.
func TestBadReplicaIsSkipped(t *testing.T) {
	devs := deviceFolders{}
	v, rk, _ := savedOn(t, devs, "one", "kept")
	good, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
	os.MkdirAll(filepath.Join(v.Dir, ReplicaDir), 0o700)
	want := 2
	// Windows: symbolic links need a privilege tests do not have; Wine
	// makes the host's Unix link, which its folder listing leaves out.
	if !testkit.UnderWine() && os.Symlink("gone", filepath.Join(v.Dir, ReplicaDir, "aaaaaaaaaaaaaaaa.age")) == nil {
		want++
	}
	os.WriteFile(filepath.Join(v.Dir, ReplicaDir, "bbbbbbbbbbbbbbbb.age"), good[:len(good)/2], 0o600)
	os.WriteFile(filepath.Join(v.Dir, ReplicaDir, "cccccccccccccccc.age"), []byte("not age at all"), 0o600)
	defer func(n int) { replicaTries = n }(replicaTries)
	replicaTries = 2
	start := time.Now()
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatalf("open with bad replicas beside: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("bad replicas held the open up")
	}
	bad := 0
	for _, r := range w.SyncStatus().Replicas {
		if r.Err != nil {
			bad++
		}
	}
	if bad != want {
		t.Errorf("%d replicas reported unreadable, want %d: %+v", bad, want, w.SyncStatus().Replicas)
	}
	addNamed(t, w, "added")
	if err := w.Save(testNow); err != nil {
		t.Fatalf("save with bad replicas beside: %v", err)
	}
	if got := names(decryptFile(t, w, VaultFile)); !slices.Equal(got, []string{"added", "kept"}) {
		t.Errorf("saved %v", got)
	}
}

// A vault from before replicas (format 2, no device) opens as it was,
// and its first save makes it this device's, in place.
func TestFormat2VaultMigrates(t *testing.T) {
	devs := deviceFolders{}
	one := devs.use(t, "one")
	v, rk := newTestVault(t)
	addNamed(t, v, "old")
	// Write it as a format 2 Lifeline did: no device, no revisions.
	v.Doc.Format, v.Doc.Device, v.Doc.Devices, v.Doc.Clock = 2, "", nil, 0
	v.Doc.KeysRev, v.Doc.SettingsRev = core.Revision{}, core.Revision{}
	for i := range v.Doc.Accounts {
		v.Doc.Accounts[i].Rev = core.Revision{}
	}
	ct, err := v.encrypt()
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(v.Dir, VaultFile, ct); err != nil {
		t.Fatal(err)
	}
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatalf("format 2 vault: %v", err)
	}
	if w.own != VaultFile || w.Doc.Format != 2 {
		t.Fatalf("opened as %s, format %d", w.own, w.Doc.Format)
	}
	if err := w.Save(testNow); err != nil {
		t.Fatal(err)
	}
	d := decryptFile(t, w, VaultFile)
	if d.Format != FormatVersion || d.Device != one.ID || d.Accounts[0].Rev.IsZero() {
		t.Errorf("after the save: format %d, device %q, revision %v", d.Format, d.Device, d.Accounts[0].Rev)
	}
	if _, err := os.Stat(filepath.Join(v.Dir, ReplicaDir)); err == nil {
		t.Error("a one-device vault grew a replicas folder")
	}
}

// A copy of the folder opened on the same computer is the same device; on
// another computer it is another: the device lives outside the folder.
func TestCopiedFolderIsNotAClone(t *testing.T) {
	devs := deviceFolders{}
	devs.use(t, "one")
	v, rk := newTestVault(t)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	dst := copyDir(t, v.Dir)
	two := devs.use(t, "two")
	w, err := OpenRecoveryKey(dst, rk)
	if err != nil {
		t.Fatal(err)
	}
	if w.own != replicaName(two.ID) {
		t.Errorf("the copy on another computer writes %s, want its own replica", w.own)
	}
	for _, e := range []string{DeviceFile} {
		if _, err := os.Stat(filepath.Join(dst, e)); err == nil {
			t.Errorf("%s is inside the vault folder", e)
		}
	}
}

// A password change on one computer reaches the other: until it types the
// new password it goes on with the key it holds, and once it does, what it
// saved meanwhile is merged, not lost.
func TestPasswordChangeReachesOtherDevice(t *testing.T) {
	devs := deviceFolders{}
	v1, _, _ := savedOn(t, devs, "one", "before")
	devs.use(t, "two")
	// As the keyring opens it: the vault key, not the recovery key (with
	// the recovery key in hand a device follows a password change at once,
	// since every replica is encrypted to it too).
	v2, err := openVaultIdentity(v1.Dir, v1.Meta, v1.identity)
	if err != nil {
		t.Fatal(err)
	}
	devs.use(t, "one")
	if err := v1.ChangePassword("the new password"); err != nil {
		t.Fatal(err)
	}
	addNamed(t, v1, "after the change, on one")
	if err := v1.Save(testNow); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "two")
	// Two still holds the old key: it saves, to its own replica.
	addNamed(t, v2, "meanwhile, on two")
	if err := v2.Save(testNow); err != nil {
		t.Fatalf("save with the old key: %v", err)
	}
	if st := v2.SyncStatus(); !slices.ContainsFunc(st.Replicas, func(r ReplicaInfo) bool {
		re, ok := r.Err.(*ReplicaError)
		return ok && re.NeedsUnlock()
	}) {
		t.Errorf("two was not told that one's replica needs the new password: %+v", st.Replicas)
	}
	if !v2.NeedsNewKey() {
		t.Error("NeedsNewKey is false on two")
	}
	if _, err := OpenPassword(v1.Dir, testPassword); err == nil {
		t.Error("the old password still opens the vault")
	}
	w, err := OpenPassword(v1.Dir, "the new password")
	if err != nil {
		t.Fatalf("the new password on two: %v", err)
	}
	want := []string{"after the change, on one", "before", "meanwhile, on two"}
	if got := names(w.Doc); !slices.Equal(got, want) {
		t.Errorf("two holds %v after the new password, want %v", got, want)
	}
	devs.use(t, "one")
	if err := v1.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if got := names(v1.Doc); !slices.Equal(got, want) {
		t.Errorf("one holds %v, want %v", got, want)
	}
}

// A recovery-key rotation on one computer reaches the other with the next
// merge: its replica is encrypted to the new key from then on.
func TestRotationReachesOtherDevice(t *testing.T) {
	devs := deviceFolders{}
	devs.use(t, "one")
	v1, _ := newTestVault(t)
	two := devs.use(t, "two")
	v2, err := OpenPassword(v1.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	devs.use(t, "one")
	nk, err := v1.RotateRecoveryKey(testNow)
	if err != nil {
		t.Fatal(err)
	}
	devs.use(t, "two")
	addNamed(t, v2, "after the rotation")
	if err := v2.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenRecoveryKey(v1.Dir, nk); err != nil {
		t.Fatalf("the new recovery key: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(v1.Dir, ReplicaDir, two.ID+".age"))
	if _, err := decryptDocument(data, nk.Identity()); err != nil {
		t.Errorf("two's replica does not open with the new recovery key: %v", err)
	}
}

// Forgetting a gone computer removes its replica and entry, keeps what it
// wrote, and lets tombstones go that only it had not heard.
func TestForgetDevice(t *testing.T) {
	devs := deviceFolders{}
	one := devs.use(t, "one")
	v1, rk, id := savedOn(t, devs, "", "doomed")
	two := devs.use(t, "two")
	v2, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	addNamed(t, v2, "written by two")
	if err := v2.Save(testNow); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "one")
	if err := v1.Doc.Remove(id, testNow); err != nil {
		t.Fatal(err)
	}
	if err := v1.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if len(v1.Doc.Tombstones) != 1 {
		t.Fatalf("%d tombstones before two heard the deletion, want 1", len(v1.Doc.Tombstones))
	}
	if err := v1.ForgetDevice(one.ID, testNow); err == nil {
		t.Error("a device forgot itself")
	}
	if err := v1.ForgetDevice("ffffffffffffffff", testNow); !errors.Is(err, ErrUnknownDevice) {
		t.Errorf("unknown device: %v", err)
	}
	if err := v1.ForgetDevice(two.ID, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(v1.Dir, ReplicaDir, two.ID+".age")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("two's replica is still there: %v", err)
	}
	w, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(w.Doc); !slices.Equal(got, []string{"written by two"}) {
		t.Errorf("after forgetting two: %v", got)
	}
	if got := w.DeviceList(); len(got) != 1 || !got[0].This {
		t.Errorf("devices after forgetting two: %+v", got)
	}
	// The next merge drops the tombstone: no known device lacks it. (A
	// vault with one device merges nothing, and keeps its tombstones for
	// restores of older backups, as before.)
	if m := Merge(w.Doc); len(m.Tombstones) != 0 {
		t.Errorf("%d tombstones kept for a forgotten device", len(m.Tombstones))
	}
}

// Moving a vault into a synced folder copies every file, makes the new
// folder this computer's default, and keeps the old folder under a new
// name; a folder that already holds a vault is refused.
func TestMoveVault(t *testing.T) {
	deviceFolders{}.use(t, "one")
	t.Setenv("LIFELINE_VAULT", "")
	v, rk := newTestVault(t)
	addNamed(t, v, "moved")
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(testkit.TempDir(t), "Sync", "lifeline")
	if _, err := MoveVault(v.Dir, v.Dir, testNow); !errors.Is(err, ErrExists) {
		t.Errorf("moving onto a vault: %v", err)
	}
	old, err := MoveVault(v.Dir, dst, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := DefaultDir(); d != dst {
		t.Errorf("default folder %s, want %s", d, dst)
	}
	if Exists(v.Dir) || !Exists(old) {
		t.Errorf("old folder: still a vault %v, kept as %s %v", Exists(v.Dir), old, Exists(old))
	}
	w, err := OpenRecoveryKey(dst, rk)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(w.Doc); !slices.Equal(got, []string{"moved"}) {
		t.Errorf("moved vault holds %v", got)
	}
	testkit.WantMode(t, filepath.Join(dst, VaultFile), 0o600)
}

// Whether the keyring holds the vault key is each computer's own: turning
// it off on one computer of a synced folder leaves the other's as it was.
func TestKeyringFlagIsPerDevice(t *testing.T) {
	devs := deviceFolders{}
	v1, rk, _ := savedOn(t, devs, "one", "a")
	if err := v1.setKeyringFlag(true); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "two")
	v2, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if err := v2.setKeyringFlag(false); err != nil {
		t.Fatal(err)
	}
	if m, _ := readMeta(v1.Dir); m.Keyring {
		t.Error("computer two reads the keyring as on after turning it off")
	}
	devs.use(t, "one")
	if m, _ := readMeta(v1.Dir); !m.Keyring {
		t.Error("computer two turned computer one's keyring off")
	}
}

// A replica planted in the folder by someone who knows only the public
// recipients (lifeline.json) — with accounts and keys of their own — is
// skipped: it is not authenticated by this vault, and its keys never
// decide whom the vault is encrypted to.
func TestPlantedReplicaIsSkipped(t *testing.T) {
	devs := deviceFolders{}
	v, rk, _ := savedOn(t, devs, "one", "mine")
	evil, _ := age.GenerateX25519Identity()
	planted := *v.Doc
	planted.Accounts = nil
	planted.Clock, planted.Device = 1000, "eeeeeeeeeeeeeeee"
	keys := *v.Doc.Keys
	keys.VaultIdentity, keys.BackupAuthKey = evil.String(), ""
	planted.Keys, planted.KeysRev = &keys, core.Revision{N: 1000, Device: "eeeeeeeeeeeeeeee"}
	pt, _ := encodeDocument(&planted)
	vr, _ := age.ParseX25519Recipient(v.Meta.VaultRecipient)
	rr, _ := age.ParseX25519Recipient(v.Meta.RecoveryRecipient)
	ct, err := seal(pt, len(pt)+1024, vr, rr)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(v.Dir, ReplicaDir), 0o700)
	os.WriteFile(filepath.Join(v.Dir, ReplicaDir, "eeeeeeeeeeeeeeee.age"), ct, 0o600)
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if w.Doc.Keys.VaultIdentity == evil.String() {
		t.Fatal("the planted replica's vault key was taken")
	}
	if !slices.ContainsFunc(w.SyncStatus().Replicas, func(r ReplicaInfo) bool { return errors.Is(r.Err, ErrNotThisVault) }) {
		t.Errorf("the planted replica was not reported: %+v", w.SyncStatus().Replicas)
	}
	if err := w.Save(testNow); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
	if _, err := decryptDocument(data, evil); err == nil {
		t.Error("the vault is now encrypted to the planted key")
	}
}

// deleted is the state deletedOnOneSeenByTwo leaves.
type deleted struct {
	one, two *Vault
	rk       RecoveryKey
	old      core.Account // the account as it was before the delete
}

// deletedOnOneSeenByTwo is a vault of two computers, one account named
// name: computer one deletes it and saves, then two saves, merging the
// delete. Device "two" is in use when it returns.
func deletedOnOneSeenByTwo(t *testing.T, devs deviceFolders, name string) deleted {
	t.Helper()
	v1, rk, id := savedOn(t, devs, "one", name)
	devs.use(t, "two")
	v2, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	old := v2.Doc.Accounts[v2.Doc.Index(id)].Clone()
	devs.use(t, "one")
	if err := v1.Doc.Remove(id, testNow); err != nil {
		t.Fatal(err)
	}
	if err := v1.Save(testNow); err != nil {
		t.Fatal(err)
	}
	devs.use(t, "two")
	if err := v2.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names(v2.Doc), name) {
		t.Fatal("device two did not see the delete")
	}
	return deleted{one: v1, two: v2, rk: rk, old: old}
}

// An account deleted on one computer, whose tombstone both have since
// dropped, that an unsaved copy on the other brings back (the window's
// merge of unsaved changes keeps what it had) stays deleted: it keeps its
// old revision, which the first computer has heard of.
func TestDeletedAccountStaysDeletedAfterTombstoneIsGone(t *testing.T) {
	devs := deviceFolders{}
	d := deletedOnOneSeenByTwo(t, devs, "doomed")
	v1, v2, stale := d.one, d.two, d.old
	devs.use(t, "one")
	if err := v1.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if len(v1.Doc.Tombstones) != 0 {
		t.Fatalf("tombstone kept after both heard it: %+v", v1.Doc.Tombstones)
	}
	devs.use(t, "two")
	v2.Doc.Accounts = append(v2.Doc.Accounts, stale)
	if err := v2.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if v2.Doc.Index(stale.ID) >= 0 {
		t.Error("the deleted account came back")
	}
}
