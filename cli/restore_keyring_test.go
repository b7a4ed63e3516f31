package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// After a keyring unlock the vault does not know its recovery key (the
// keyring never yields it), yet it must still restore its own automatic
// backups and undo a restore from the snapshot without the printed key:
// both are encrypted to the vault's own key as well.
func TestCLIRestoreOwnBackupWithKeyringOnly(t *testing.T) {
	require := os.Getenv("LIFELINE_REQUIRE_KEYRING") == "1"
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" && !require {
		t.Skip("no D-Bus session")
	}
	e := newEnv(t)
	r := e.run("", "init", "--password-file", e.path("pw"), "--recovery-key-out", e.path("rk"))
	remembered := !strings.Contains(r.stderr, "could not remember")
	if r.code != 0 || (require && !remembered) {
		t.Fatalf("init with the keyring: exit %d\n%s", r.code, r.stderr)
	}
	if !remembered {
		t.Skip("no Secret Service: " + r.stderr)
	}
	var meta struct {
		VaultID string `json:"vault_id"`
	}
	if err := json.Unmarshal(e.vaultBytes("lifeline.json"), &meta); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { keyring.Delete("Lifeline", "vault "+meta.VaultID) })

	// Every command below unlocks with the keyring alone.
	e.ok("", "add", "otpauth://totp/Keep:a?secret=JBSWY3DPEHPK3PXP", "otpauth://totp/Gone:b?secret=MZXW6YTBOI")
	backup := strings.TrimSpace(e.ok("", "backup", "now"))
	e.ok("", "rm", "Gone:b", "--yes")

	r = e.run("", "restore", backup, "--replace", "--yes")
	if r.code != 0 || !strings.Contains(e.ok("", "list"), "Gone") {
		t.Fatalf("restoring its own backup after a keyring unlock: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	m := snapshotLine.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no snapshot named:\n%s", r.stderr)
	}
	if r := e.run("", "restore", m[1], "--replace", "--yes"); r.code != 0 {
		t.Fatalf("undo from the snapshot after a keyring unlock: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(e.ok("", "list"), "Gone") {
		t.Fatal("undo did not take the vault back to before the restore")
	}
}
