//go:build !windows

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIInit(t *testing.T) {
	e := newEnv(t)
	rk := e.init()
	st, err := os.Stat(rk)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("recovery key file: %v, %v", st, err)
	}
	if st, _ := os.Stat(e.vault); st.Mode().Perm() != 0o700 {
		t.Fatalf("vault dir mode %v", st.Mode().Perm())
	}
	e.fails(1, "already exists", "init", "--no-keyring", "--password-file", e.path("pw"))
	// Printed to stdout when no file is given, with the warning on stderr.
	e2 := newEnv(t)
	r := e2.run("", "init", "--no-keyring", "--password-file", e2.path("pw"))
	if r.code != 0 || !strings.Contains(r.stderr, "recovery key") || len(strings.TrimSpace(r.stdout)) != 39 {
		t.Fatalf("init: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// No password and no terminal: a clear error, no vault.
	e3 := newEnv(t)
	e3.fails(1, "no terminal", "init", "--no-keyring")
	if _, err := os.Stat(filepath.Join(e3.vault, "vault.age")); err == nil {
		t.Fatal("a vault was created without a password")
	}
	// A command on a missing vault says how to make one.
	r = e3.fails(1, "no vault in", "list")
	if !strings.Contains(r.stderr, "lifeline init") {
		t.Fatalf("no hint: %s", r.stderr)
	}
}

func TestCLIPasswdAndRecoveryKey(t *testing.T) {
	e := newEnv(t)
	rk := e.init()
	pw := e.path("pw")
	e.ok("", "add", "otpauth://totp/Bank:me?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)

	// The recovery key file unlocks, and the key printed later is the same.
	e.ok("", "list", "--recovery-key-file", rk)
	key, _ := os.ReadFile(rk)
	if got := e.ok("", "recovery-key", "--password-file", pw); got != string(key) {
		t.Fatalf("recovery-key printed %q, created %q", got, key)
	}
	// A typo in one group is caught by the checksum.
	typo := []byte(strings.TrimSpace(string(key)))
	typo[0] = map[bool]byte{true: 'A', false: 'B'}[typo[0] != 'A']
	e.fails(1, "typo", "list", "--recovery-key-file", e.write("typo", string(typo)))

	// --age gives an identity the standard age tool opens the vault with.
	id := e.write("id.txt", e.ok("", "recovery-key", "--age", "--password-file", pw))
	if !strings.HasPrefix(e.ok("", "recovery-key", "--age", "--password-file", pw), "AGE-SECRET-KEY-1") {
		t.Fatal("--age did not print an age identity")
	}
	age := testkit.NeedTool(t, "age")
	plain, err := exec.Command(age, "-d", "-i", id, filepath.Join(e.vault, "vault.age")).Output()
	if err != nil || !strings.Contains(string(plain), `"issuer":"Bank"`) {
		t.Fatalf("age -d: %v\n%s", err, plain)
	}

	// passwd: the old password stops working, the new one works.
	e.ok("", "passwd", "--new-password-file", e.write("pw2", "a much better passphrase\n"), "--password-file", pw)
	e.fails(1, "wrong password", "list", "--password-file", pw)
	e.ok("", "list", "--password-file", e.path("pw2"))

	// Rotation: the old key no longer opens the vault, the new one does,
	// and the person is told about old backups.
	r := e.run("", "recovery-key", "--rotate", "--password-file", e.path("pw2"))
	if r.code != 0 || !strings.Contains(r.stderr, "OLD key") || !strings.Contains(r.stderr, "lifeline kit") {
		t.Fatalf("rotate: %d %s", r.code, r.stderr)
	}
	e.fails(1, "recovery key", "list", "--recovery-key-file", rk)
	e.ok("", "list", "--recovery-key-file", e.write("rk2", r.stdout))
	// Showing the key needs the password even where the keyring would do.
	e.fails(1, "no terminal", "recovery-key")
}

// TestCLIKeyring runs against the real Secret Service that `make test`
// starts (gnome-keyring under dbus-run-session).
func TestCLIKeyring(t *testing.T) {
	testkit.NeedSession(t)
	e := newEnv(t)
	r := e.run("", "init", "--password-file", e.path("pw"), "--recovery-key-out", e.path("rk"))
	if r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	if strings.Contains(r.stderr, "could not remember") {
		testkit.MissingKeyring(t, "no Secret Service: %s", r.stderr)
	}
	// Unlocks with nothing but the keyring.
	e.ok("", "add", "otpauth://totp/K:k?secret=JBSWY3DPEHPK3PXP")
	e.ok("", "list")
	// A dead keyring falls back to the password, saying why.
	dead := *e
	dead.extra = []string{"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus"}
	r = dead.fails(1, "no terminal", "list")
	if !strings.Contains(r.stderr, "keyring did not answer") {
		t.Fatalf("no keyring message: %s", r.stderr)
	}
	dead.ok("", "list", "--password-file", e.path("pw"))
	// Disabled: the password is needed again.
	e.ok("", "keyring", "disable")
	e.fails(1, "no terminal", "list")
	e.ok("", "keyring", "enable", "--password-file", e.path("pw"))
	e.ok("", "list")
}
