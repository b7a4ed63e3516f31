package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// helperEnv selects a child-process role (durability, lock holder, keyring
// without a bus). The test binary re-executes itself with it set; TestMain
// then runs the role instead of the tests.
const helperEnv = "LIFELINE_VAULT_TEST_HELPER"

func TestMain(m *testing.M) {
	// Cheap scrypt for every password wrap in tests (age cmd/age/age_test.go
	// does the same through a test hook).
	SetWorkFactor(10)
	if role := os.Getenv(helperEnv); role != "" {
		os.Exit(runHelper(role))
	}
	testkit.Main(m)
}

func runHelper(role string) int {
	var err error
	switch role {
	case "durability":
		err = durabilityChild()
	case "hold-lock":
		err = holdLockChild()
	case "keyring-no-bus":
		err = keyringNoBusChild()
	default:
		err = fmt.Errorf("unknown helper role %q", role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return helperFailed
	}
	return 0
}

// startHelper starts a helper in role, set up by setup (its pipes) before
// it starts. Under Wine, CreateProcess now and then fails with "Internal
// error" on a loaded machine, hundreds of starts into a crash test: there
// the start is tried again, up to three times, each with a fresh command.
func startHelper(t testing.TB, setup func(*exec.Cmd) error, role string, env ...string) *exec.Cmd {
	t.Helper()
	for try := 1; ; try++ {
		cmd := helperCmd(t, role, env...)
		if err := setup(cmd); err != nil {
			t.Fatal(err)
		}
		err := cmd.Start()
		if err == nil {
			return cmd
		}
		if !testkit.UnderWine() || try == 3 {
			t.Fatal(err)
		}
		t.Logf("under Wine, starting the helper failed (%v): again", err)
	}
}

// helperFailed is a helper's exit status when its role failed. Killing a
// helper is no failure: on Unix it dies of SIGKILL (no exit status), on
// Windows TerminateProcess gives it status 1, so that one cannot be used.
const helperFailed = 3

// failedOnItsOwn says whether the error from a killed helper's Wait means
// the helper failed before the kill.
func failedOnItsOwn(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == helperFailed
}

// helperCmd re-executes the test binary in a role, with extra environment.
func helperCmd(t testing.TB, role string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + role}, env...)...)
	cmd.Stderr = os.Stderr
	return cmd
}

var testNow = testkit.Now

const testPassword = testkit.Password

// newTestVault creates a vault in a fresh temp dir.
func newTestVault(t testing.TB) (*Vault, RecoveryKey) {
	t.Helper()
	v, rk, err := Create(filepath.Join(testkit.TempDir(t), "vault"), testPassword, testNow)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	return v, rk
}

// savedVault is a vault in a fresh temp dir with n test accounts, saved.
func savedVault(t testing.TB, n int) (*Vault, RecoveryKey) {
	t.Helper()
	v, rk := newTestVault(t)
	addAccounts(t, v, n)
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	return v, rk
}

// addAccounts adds n test accounts to v's document.
func addAccounts(t testing.TB, v *Vault, n int) {
	t.Helper()
	for i := range n {
		if _, err := v.Doc.Add(testkit.Account(i), testNow); err != nil {
			t.Fatalf("Add %d: %v", i, err)
		}
	}
}

// snapshot reads every file in dir, to check that a failed open changed
// nothing.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func assertUnchanged(t testing.TB, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	for name, b := range before {
		if a, ok := after[name]; !ok {
			t.Errorf("%s disappeared", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s appeared", name)
		}
	}
}

// copyDir copies a vault directory (files only), so a test can damage a
// copy of one prepared vault.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := filepath.Join(testkit.TempDir(t), "copy")
	if err := os.Mkdir(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, b := range snapshot(t, src) {
		if err := os.WriteFile(filepath.Join(dst, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
