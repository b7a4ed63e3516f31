package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

func TestCLIPasswdAndRecoveryKey(t *testing.T) {
	e, pw := initEnv(t)
	rk := e.recoveryKeyFile()
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
	// --age --out says the file holds the age form, not the recovery key.
	ageOut := e.path("age-id.txt")
	r := e.run("", "recovery-key", "--age", "--out", ageOut, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "age identity (AGE-SECRET-KEY-1…) is in "+ageOut) || strings.Contains(r.stderr, "The recovery key is in") {
		t.Fatalf("recovery-key --age --out: %d %s", r.code, r.stderr)
	}
	if b, err := os.ReadFile(ageOut); err != nil || !strings.HasPrefix(string(b), "AGE-SECRET-KEY-1") {
		t.Fatalf("--age --out wrote %q (%v)", b, err)
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
	r = e.run("", "recovery-key", "--rotate", "--password-file", e.path("pw2"))
	if r.code != 0 || !strings.Contains(r.stderr, "OLD key") || !strings.Contains(r.stderr, "lifeline kit") {
		t.Fatalf("rotate: %d %s", r.code, r.stderr)
	}
	e.fails(1, "recovery key", "list", "--recovery-key-file", rk)
	e.ok("", "list", "--recovery-key-file", e.write("rk2", r.stdout))
	// Showing the key needs the password even where the keyring would do.
	e.fails(1, "no terminal", "recovery-key")
}
