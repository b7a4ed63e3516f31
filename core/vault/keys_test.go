package vault

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestChangePassword(t *testing.T) {
	v, rk := newTestVault(t)
	if err := v.ChangePassword(""); !errors.Is(err, ErrEmptyPassword) {
		t.Errorf("ChangePassword(\"\") = %v, want ErrEmptyPassword", err)
	}
	if err := v.ChangePassword("second"); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPassword(v.Dir, testPassword); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("old password: %v, want ErrWrongPassword", err)
	}
	if _, err := OpenPassword(v.Dir, "second"); err != nil {
		t.Errorf("new password: %v", err)
	}
	// Forgotten password: in with the recovery key, set a new one.
	w, err := OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ChangePassword("third"); err != nil {
		t.Fatalf("ChangePassword after a recovery-key unlock: %v", err)
	}
	if _, err := OpenPassword(v.Dir, "third"); err != nil {
		t.Errorf("password set after recovery: %v", err)
	}
}

func TestRotateRecoveryKey(t *testing.T) {
	v, old := savedVault(t, 3)
	later := testNow.Add(time.Hour)
	k, err := v.RotateRecoveryKey(later)
	if err != nil {
		t.Fatal(err)
	}
	if k == old {
		t.Fatal("rotation returned the old key")
	}
	if _, err := OpenRecoveryKey(v.Dir, old); !errors.Is(err, ErrWrongRecoveryKey) {
		t.Errorf("old key after rotation: %v, want ErrWrongRecoveryKey", err)
	}
	w, err := OpenRecoveryKey(v.Dir, k)
	if err != nil {
		t.Fatalf("new key: %v", err)
	}
	if len(w.Doc.Accounts) != 3 {
		t.Errorf("%d accounts after rotation, want 3", len(w.Doc.Accounts))
	}
	if got, _ := w.RecoveryKey(); got != k || !w.Doc.Keys.RecoveryKeyCreated.Equal(later) {
		t.Error("the document does not hold the new key and its date")
	}
	if m, _ := readMeta(v.Dir); m.RecoveryRecipient != k.Recipient() {
		t.Error("lifeline.json still names the old recovery key")
	}
	if _, err := OpenPassword(v.Dir, testPassword); err != nil {
		t.Errorf("password after rotation: %v", err)
	}
	// The same Vault keeps saving after its own rotation.
	if err := v.Save(later); err != nil {
		t.Errorf("Save after rotation: %v", err)
	}
}

// A crash between writing vault.age and lifeline.json during a rotation
// leaves lifeline.json naming the old key. The next Save repairs it from the
// key inside the document.
func TestSaveRepairsStaleMeta(t *testing.T) {
	v, old := newTestVault(t)
	staleMeta, _ := os.ReadFile(filepath.Join(v.Dir, MetaFile))
	k, err := v.RotateRecoveryKey(testNow)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(v.Dir, MetaFile), staleMeta, 0o600)

	w, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if w.Meta.RecoveryRecipient != old.Recipient() {
		t.Fatal("test setup: lifeline.json is not stale")
	}
	if err := w.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if m, _ := readMeta(v.Dir); m.RecoveryRecipient != k.Recipient() {
		t.Error("Save did not repair lifeline.json")
	}
	if _, err := OpenRecoveryKey(v.Dir, k); err != nil {
		t.Errorf("new key after repair: %v", err)
	}
}

func TestDrop(t *testing.T) {
	v, _ := newTestVault(t)
	addAccounts(t, v, 4)
	secrets := make([][]byte, len(v.Doc.Accounts))
	for i, a := range v.Doc.Accounts {
		secrets[i] = a.Secret
	}
	v.Drop()
	for i, s := range secrets {
		for _, b := range s {
			if b != 0 {
				t.Fatalf("account %d secret not zeroed", i)
			}
		}
	}
	if v.Doc != nil || v.identity != "" {
		t.Error("Drop kept the document or the identity")
	}
	for name, err := range map[string]error{
		"Save":           v.Save(testNow),
		"ChangePassword": v.ChangePassword("x"),
		"EnableKeyring":  v.EnableKeyring(),
	} {
		if !errors.Is(err, ErrDropped) {
			t.Errorf("%s after Drop = %v, want ErrDropped", name, err)
		}
	}
	if _, err := v.RecoveryKey(); !errors.Is(err, ErrDropped) {
		t.Errorf("RecoveryKey after Drop = %v", err)
	}
	if _, err := v.RotateRecoveryKey(testNow); !errors.Is(err, ErrDropped) {
		t.Errorf("RotateRecoveryKey after Drop = %v", err)
	}
}

// Temp files a killed writer left behind are removed by the next Save;
// nothing else in the directory is touched.
func TestSaveRemovesStaleTemps(t *testing.T) {
	v, _ := newTestVault(t)
	stale := []string{".vault.age.tmp-123", ".password.age.tmp-9", ".lifeline.json.tmp-77"}
	keep := []string{"notes.txt", ".vault.age.bak", "vault.age.tmp-1"}
	for _, n := range append(stale, keep...) {
		os.WriteFile(filepath.Join(v.Dir, n), []byte("x"), 0o600)
	}
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if fileExists(filepath.Join(v.Dir, n)) {
			t.Errorf("%s not removed", n)
		}
	}
	for _, n := range keep {
		if !fileExists(filepath.Join(v.Dir, n)) {
			t.Errorf("%s removed", n)
		}
	}
}

// makeReadOnly makes dir refuse new files, even for root (chattr +i), and
// undoes it when the test ends.
func makeReadOnly(t *testing.T, dir string) (undo func()) {
	if runtime.GOOS == "windows" {
		t.Skip("no read-only directories on windows")
	}
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o500)
		undo = func() { os.Chmod(dir, 0o700) }
	} else {
		if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
			t.Skipf("chattr +i: %v %s", err, out)
		}
		undo = func() { exec.Command("chattr", "-i", dir).Run() }
	}
	t.Cleanup(undo)
	return undo
}

// A failed write (here: the directory refuses new files) leaves the old
// vault and no temp file, and the Vault can save once the cause is gone.
func TestSaveFailureLeavesOldVault(t *testing.T) {
	v, _ := newTestVault(t)
	before := snapshot(t, v.Dir)
	undo := makeReadOnly(t, v.Dir)
	v.Doc.Add(testkit.Account(1), testNow)
	if err := v.Save(testNow.Add(time.Minute)); err == nil {
		t.Fatal("Save into a read-only directory succeeded")
	}
	if !v.Doc.Updated.Equal(testNow) {
		t.Error("a failed Save changed Doc.Updated")
	}
	undo()
	assertUnchanged(t, v.Dir, before)
	if err := v.Save(testNow); err != nil {
		t.Fatalf("Save after the directory is writable again: %v", err)
	}
	if w, err := OpenPassword(v.Dir, testPassword); err != nil || len(w.Doc.Accounts) != 1 {
		t.Fatalf("reopen: %v", err)
	}
}

// SetWorkFactor reaches the scrypt stanza of new password wraps, and opening
// accepts whatever cost a file was written with.
func TestSetWorkFactor(t *testing.T) {
	defer SetWorkFactor(workFactor)
	v, _ := newTestVault(t)
	for _, logN := range []int{11, 12} {
		SetWorkFactor(logN)
		if err := v.ChangePassword("pw"); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(v.Dir, PasswordFile))
		line := strings.SplitN(string(b), "\n", 3)[1]
		if f := strings.Fields(line); len(f) != 4 || f[1] != "scrypt" || f[3] != strconv.Itoa(logN) {
			t.Errorf("stanza %q, want scrypt with work factor %d", line, logN)
		}
		if _, err := OpenPassword(v.Dir, "pw"); err != nil {
			t.Errorf("open with work factor %d: %v", logN, err)
		}
	}
}

// When vault.age was rewritten for a new recovery key but lifeline.json
// could not be updated, the new key is still returned: it is the one the
// vault is encrypted to now.
func TestRotateRecoveryKeyMetaFails(t *testing.T) {
	v, _ := newTestVault(t)
	metaPath := filepath.Join(v.Dir, MetaFile)
	oldMeta, _ := os.ReadFile(metaPath)
	os.Remove(metaPath)
	os.Mkdir(metaPath, 0o700) // unreadable as a file
	k, err := v.RotateRecoveryKey(testNow)
	if err == nil || k.IsZero() {
		t.Fatalf("RotateRecoveryKey = zero key %v, %v; want the new key and an error", k.IsZero(), err)
	}
	data, _ := os.ReadFile(filepath.Join(v.Dir, VaultFile))
	if _, err := decryptDocument(data, k.Identity()); err != nil {
		t.Fatalf("vault.age does not open with the returned key: %v", err)
	}
	os.Remove(metaPath)
	os.WriteFile(metaPath, oldMeta, 0o600)
	w, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Save(testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenRecoveryKey(v.Dir, k); err != nil {
		t.Errorf("new key after the next save: %v", err)
	}
}

// TestPasswordWorkFactorLimit: a password.age that asks for more scrypt
// work than Lifeline writes is refused at once, before scrypt runs, as a
// damaged password.age that says what it asked for; the file is left as
// it was. Within the limit it opens as ever.
func TestPasswordWorkFactorLimit(t *testing.T) {
	dir := filepath.Join(testkit.TempDir(t), "vault")
	if _, _, err := Create(dir, "pw", testNow); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, PasswordFile)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, logN := range []int{MaxWorkFactor + 1, 22, 30} {
		hostile := testkit.ScryptWorkFactor(t, orig, logN)
		if err := os.WriteFile(path, hostile, 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := OpenPassword(dir, "pw")
		took := time.Since(start)
		var wf *WorkFactorError
		var dmg *DamagedError
		if !errors.As(err, &wf) || !errors.As(err, &dmg) || dmg.File != PasswordFile || wf.Asks != logN || wf.Limit != MaxWorkFactor {
			t.Fatalf("work factor %d: err %v, want a damaged password.age with a WorkFactorError", logN, err)
		}
		for _, want := range []string{"asks for scrypt work factor", "opens at most 19", "Lifeline did not write it"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not say %q", err, want)
			}
		}
		if took > 500*time.Millisecond {
			t.Errorf("work factor %d refused in %v: scrypt ran", logN, took)
		}
		if now, _ := os.ReadFile(path); !bytes.Equal(now, hostile) {
			t.Errorf("work factor %d: password.age was changed", logN)
		}
	}
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPassword(dir, "pw"); err != nil {
		t.Fatalf("the file as written: %v", err)
	}
}

func TestWorkFactorErrorMemory(t *testing.T) {
	for logN, want := range map[int]string{18: "256 MiB", 20: "1 GiB", 22: "4 GiB"} {
		if got := scryptMemory(logN); got != want {
			t.Errorf("scryptMemory(%d) = %q, want %q", logN, got, want)
		}
	}
}
