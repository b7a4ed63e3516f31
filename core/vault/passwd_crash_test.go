package vault

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// passwdChildEnv names the vault of the "passwd" helper role. init runs the
// role, before TestMain would refuse a role main_test.go does not list.
const passwdChildEnv = "LIFELINE_PASSWD_CHILD_DIR"

var crashPasswords = [2]string{"first password", "second password"}

func init() {
	dir := os.Getenv(passwdChildEnv)
	if os.Getenv(helperEnv) != "passwd" || dir == "" {
		return
	}
	SetWorkFactor(10)
	if err := passwdChild(dir); err != nil {
		fmt.Fprintln(os.Stderr, "passwd child:", err)
		os.Exit(helperFailed)
	}
	os.Exit(0)
}

// passwdChild opens the vault with whichever of the two passwords works,
// then changes it to the other, over and over, printing "ack <i>" (the
// index of the password now in force) after each ChangePassword returned.
func passwdChild(dir string) error {
	cur := 0
	v, err := OpenPassword(dir, crashPasswords[0])
	if errors.Is(err, ErrWrongPassword) {
		cur = 1
		v, err = OpenPassword(dir, crashPasswords[1])
	}
	if err != nil {
		return err
	}
	out := bufio.NewWriter(os.Stdout)
	for {
		cur = 1 - cur
		if err := v.ChangePassword(crashPasswords[cur]); err != nil {
			return err
		}
		fmt.Fprintf(out, "ack %d\n", cur)
		if err := out.Flush(); err != nil {
			return err
		}
	}
}

// x25519Stanzas counts vault.age's X25519 recipients.
func x25519Stanzas(t *testing.T, dir string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, VaultFile))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(data, []byte("\n-> X25519 "))
}

// firstChange is how long the passwd child takes from its start to its
// first acknowledged change of the vault in dir.
func firstChange(t *testing.T, dir string) time.Duration {
	t.Helper()
	cmd := helperCmd(t, "passwd", passwdChildEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "ack ") {
		t.Fatalf("passwd child: %q, %v", line, err)
	}
	return time.Since(start)
}

// TestPasswdCrash kills a process changing the password at random instants.
// After every kill the vault must open with the recovery key and with
// exactly one of the two passwords (the old or the new one), which shows
// the right recovery key; a copy of the password file from before a change
// that went through must no longer open it; and the password unlock
// finishes or rolls back the interrupted change, leaving vault.age
// encrypted to one vault identity and the recovery key.
func TestPasswdCrash(t *testing.T) {
	iterations := map[bool]int{false: 200, true: 30}[testing.Short()]
	// The same seed variable as TestDurability repeats a run of either.
	seed, err := strconv.ParseUint(os.Getenv("LIFELINE_DURABILITY_SEED"), 10, 64)
	if err != nil {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (set LIFELINE_DURABILITY_SEED to repeat)", seed)
	rnd := rand.New(rand.NewPCG(seed, seed))

	v, rk, err := Create(filepath.Join(testkit.TempDir(t), "vault"), crashPasswords[0], testNow)
	if err != nil {
		t.Fatal(err)
	}
	addAccounts(t, v, 20)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	dir := v.Dir
	// Kills land up to 40 ms after the start, or twice as long as the
	// child takes to finish its first change where it starts slower (a
	// busy machine, the race detector): else no kill would fall after one.
	window := max(40*time.Millisecond, 2*firstChange(t, copyDir(t, dir)))
	t.Logf("kills within %v of the start", window)
	acks, pending, cur := 0, 0, 0
	for it := range iterations {
		// The password file in force now: once a change commits, this copy
		// must stop opening the vault.
		prevPW, err := os.ReadFile(filepath.Join(dir, PasswordFile))
		if err != nil {
			t.Fatal(err)
		}
		prevAcks := acks
		var out bytes.Buffer
		cmd := startHelper(t, func(cmd *exec.Cmd) error {
			out.Reset()
			cmd.Stdout = &out
			return nil
		}, "passwd", passwdChildEnv+"="+dir)
		time.Sleep(time.Duration(rnd.Int64N(int64(window))))
		cmd.Process.Kill() // SIGKILL on unix: no deferred code runs
		if err := cmd.Wait(); failedOnItsOwn(err) {
			t.Fatalf("iteration %d: child failed on its own (%v)", it, err)
		}
		acks += strings.Count(out.String(), "ack ")

		// Before any unlock settles it: the recovery key opens whatever
		// state the kill left.
		r, err := OpenRecoveryKey(dir, rk)
		if err != nil {
			t.Fatalf("iteration %d: recovery key after kill: %v", it, err)
		}
		if r.Doc.Keys.Next != nil {
			pending++
		}
		var opened []int
		for i, pw := range crashPasswords {
			w, err := OpenPassword(dir, pw)
			if errors.Is(err, ErrWrongPassword) {
				continue
			}
			if err != nil {
				t.Fatalf("iteration %d: password %d: %v", it, i, err)
			}
			opened = append(opened, i)
			if got, err := w.RecoveryKey(); err != nil || got != rk {
				t.Fatalf("iteration %d: password %d shows no or the wrong recovery key: %v", it, i, err)
			}
			if len(w.Doc.Accounts) != 20 {
				t.Fatalf("iteration %d: %d accounts", it, len(w.Doc.Accounts))
			}
		}
		if len(opened) != 1 {
			t.Fatalf("iteration %d: %d passwords open the vault, want exactly one (old or new)", it, len(opened))
		}
		if acks > prevAcks || opened[0] != cur {
			old := copyDir(t, dir)
			if err := os.WriteFile(filepath.Join(old, PasswordFile), prevPW, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := OpenPassword(old, crashPasswords[cur]); err == nil {
				t.Fatalf("iteration %d: the password changed, but the old password.age still opens the vault", it)
			}
		}
		cur = opened[0]
		if n := x25519Stanzas(t, dir); n != 2 {
			t.Fatalf("iteration %d: after a password unlock vault.age has %d X25519 recipients, want 2", it, n)
		}
		if r, err := OpenRecoveryKey(dir, rk); err != nil || r.Doc.Keys.Next != nil {
			t.Fatalf("iteration %d: the password unlock left the change unfinished: %v", it, err)
		}
	}
	if acks == 0 {
		t.Fatal("no password change was ever acknowledged: the test exercised nothing")
	}
	t.Logf("%d kills, %d acknowledged changes, %d kills inside a change (finished or rolled back by the next unlock)", iterations, acks, pending)
}
