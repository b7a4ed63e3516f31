package vault

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// holdLockChild takes the lock of $LIFELINE_LOCK_DIR, says "locked", and
// holds it until its stdin closes.
func holdLockChild() error {
	unlock, err := lock(os.Getenv("LIFELINE_LOCK_DIR"))
	if err != nil {
		return err
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	unlock()
	return nil
}

func TestLockHeldByAnotherProcess(t *testing.T) {
	v, _ := newTestVault(t)
	cmd := helperCmd(t, "hold-lock", "LIFELINE_LOCK_DIR="+v.Dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("child said %q, %v", line, err)
	}

	before := snapshot(t, v.Dir)
	v.Doc.Add(testkit.Account(1), testNow)
	start := time.Now()
	err = v.Save(testNow)
	took := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Save while another process holds the lock: %v, want ErrLocked", err)
	}
	if took < lockWait-100*time.Millisecond || took > lockWait+time.Second {
		t.Errorf("ErrLocked after %v, want about %v", took, lockWait)
	}
	assertUnchanged(t, v.Dir, before)

	// Once the other process lets go, the same Save goes through.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if err := v.Save(testNow); err != nil {
		t.Fatalf("Save after the lock was released: %v", err)
	}
}

// Two Vaults in one process lock each other out too (flock is per open file).
func TestLockSameProcess(t *testing.T) {
	old := lockWait
	lockWait = 200 * time.Millisecond
	defer func() { lockWait = old }()
	v, _ := newTestVault(t)
	unlock, err := lock(v.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := v.Save(testNow); !errors.Is(err, ErrLocked) {
		t.Fatalf("Save = %v, want ErrLocked", err)
	}
}

func TestChangedOnDisk(t *testing.T) {
	v1, rk := newTestVault(t)
	v2, err := OpenRecoveryKey(v1.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v1.Doc.Add(core.Account{Issuer: "First", Secret: testkit.RandomSecret(20)}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := v1.Save(testNow); err != nil {
		t.Fatalf("first Save: %v", err)
	}

	before := snapshot(t, v1.Dir)
	v2.Doc.Add(core.Account{Issuer: "Second", Secret: testkit.RandomSecret(20)}, testNow)
	if err := v2.Save(testNow); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("stale Save = %v, want ErrChangedOnDisk", err)
	}
	if _, err := v2.RotateRecoveryKey(testNow); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("stale RotateRecoveryKey = %v, want ErrChangedOnDisk", err)
	}
	assertUnchanged(t, v1.Dir, before)

	// The first process keeps saving: its own writes do not count as changes.
	v1.Doc.Add(core.Account{Issuer: "Third", Secret: testkit.RandomSecret(20)}, testNow)
	if err := v1.Save(testNow); err != nil {
		t.Fatalf("second Save by the same Vault: %v", err)
	}
	v3, err := OpenPassword(v1.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(v3.Doc.Accounts); got != 2 {
		t.Errorf("vault holds %d accounts, want 2 (First, Third)", got)
	}
}
