package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/zalando/go-keyring"
)

func (e *env) vaultBytes(name string) []byte {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.vault, name))
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// passwd gives the vault a new key: a copy of the old password.age, with the
// old password, no longer opens it, while the recovery key still does and
// still shows itself after a recovery-key passwd.
func TestPasswdRetiresOldPasswordFile(t *testing.T) {
	e := newEnv(t)
	rk := e.init()
	e.ok("", "add", "--password-file", e.path("pw"), "otpauth://totp/Bank:me?secret=JBSWY3DPEHPK3PXP")
	oldPW := e.vaultBytes("password.age")

	r := e.run("", "passwd", "--password-file", e.path("pw"), "--new-password-file", e.write("pw2", "a much better passphrase\n"))
	if r.code != 0 || !strings.Contains(r.stderr, "Old backups still open with your recovery key") || !strings.Contains(r.stderr, "old password file no longer opens") {
		t.Fatalf("passwd: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	newPW := e.vaultBytes("password.age")
	if err := os.WriteFile(filepath.Join(e.vault, "password.age"), oldPW, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := e.run("", "list", "--password-file", e.path("pw")); r.code == 0 {
		t.Fatalf("an old password.age with the old password still opens the vault:\n%s", r.stdout)
	}
	if err := os.WriteFile(filepath.Join(e.vault, "password.age"), newPW, 0o600); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.ok("", "list", "--password-file", e.path("pw2")), "Bank") {
		t.Fatal("the new password does not list the account")
	}

	// Forgot it: the recovery key sets a new password and the new password
	// shows the same recovery key.
	e.ok("", "passwd", "--recovery-key-file", rk, "--new-password-file", e.write("pw3", "set from the recovery key\n"))
	want, _ := os.ReadFile(rk)
	if got := e.ok("", "recovery-key", "--password-file", e.path("pw3")); strings.TrimSpace(got) != strings.TrimSpace(string(want)) {
		t.Fatalf("recovery-key after a recovery-key passwd = %q, want %q", got, want)
	}
	e.fails(1, "wrong password", "list", "--password-file", e.path("pw2"))
}

// With the keyring on, the entry (read as Lifeline reads it) opens
// vault.age, but the document holds no recovery key, and the commands that
// show or replace it, or change the password, refuse without the password.
// After passwd the keyring holds the new key and still unlocks.
func TestKeyringEntryGivesNoRecoveryKey(t *testing.T) {
	require := os.Getenv("LIFELINE_REQUIRE_KEYRING") == "1"
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" && !require {
		t.Skip("no D-Bus session")
	}
	e := newEnv(t)
	rkFile := e.path("rk")
	r := e.run("", "init", "--password-file", e.path("pw"), "--recovery-key-out", rkFile)
	remembered := !strings.Contains(r.stderr, "could not remember")
	if r.code != 0 || (require && !remembered) {
		t.Fatalf("init with the keyring: exit %d\n%s", r.code, r.stderr)
	}
	if !remembered {
		t.Skip("no Secret Service: " + r.stderr)
	}
	e.ok("", "add", "otpauth://totp/K:k?secret=JBSWY3DPEHPK3PXP")
	rk, _ := os.ReadFile(rkFile)
	key := strings.TrimSpace(string(rk))

	var meta struct {
		VaultID string `json:"vault_id"`
	}
	if err := json.Unmarshal(e.vaultBytes("lifeline.json"), &meta); err != nil {
		t.Fatal(err)
	}
	user := "vault " + meta.VaultID
	t.Cleanup(func() { keyring.Delete("Lifeline", user) })
	entry := keyringDocument(t, e, user)
	for _, form := range []string{key, strings.ReplaceAll(key, "-", "")} {
		if bytes.Contains(entry, []byte(form)) {
			t.Fatal("the document the keyring entry opens holds the recovery key")
		}
	}

	for _, args := range [][]string{{"recovery-key"}, {"recovery-key", "--rotate"}, {"passwd", "--new-password-file", e.write("pw2", "taken over\n")}} {
		r := e.run("", args...)
		if r.code == 0 || strings.Contains(r.stdout, key) {
			t.Fatalf("lifeline %v with only the keyring: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}

	e.ok("", "passwd", "--password-file", e.path("pw"), "--new-password-file", e.path("pw2"))
	e.ok("", "list") // the keyring took the new vault key
	keyringDocument(t, e, user)
}

// keyringDocument reads the keyring entry and decrypts vault.age with it.
func keyringDocument(t *testing.T, e *env, user string) []byte {
	t.Helper()
	secret, err := keyring.Get("Lifeline", user)
	if err != nil {
		t.Fatalf("reading the keyring entry: %v", err)
	}
	id, err := age.ParseX25519Identity(secret)
	if err != nil {
		t.Fatal(err)
	}
	d, err := age.Decrypt(bytes.NewReader(e.vaultBytes("vault.age")), id)
	if err != nil {
		t.Fatalf("the keyring entry does not open vault.age: %v", err)
	}
	pt, err := io.ReadAll(d)
	if err != nil {
		t.Fatal(err)
	}
	return pt
}
