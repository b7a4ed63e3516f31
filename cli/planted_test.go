package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// attacker is someone who read the victim's lifeline.json (no secret in
// it) and holds keys of their own.
type attacker struct {
	identity, recipient string // an age key pair: vault identity and backup recipient
	rk                  vault.RecoveryKey
	folder              string // a backup folder they can read
}

// plant writes, as the age CLI would, a document holding the attacker's
// keys and backup settings, encrypted to the recovery recipient in e's
// lifeline.json, and returns the file and the attacker.
func plant(t *testing.T, e *env) (string, attacker) {
	t.Helper()
	var meta vault.Meta
	data, err := os.ReadFile(filepath.Join(e.vault, vault.MetaFile))
	if err != nil || json.Unmarshal(data, &meta) != nil {
		t.Fatalf("lifeline.json: %v", err)
	}
	idFile := e.path("attacker-id.txt")
	testkit.Run(t, "", testkit.NeedTool(t, "age-keygen"), "-o", idFile)
	a := attacker{identity: idFile, folder: e.path("attacker-folder")}
	a.recipient = strings.TrimSpace(string(testkit.Run(t, "", "age-keygen", "-y", idFile)))
	secret, _ := os.ReadFile(idFile)
	var key string
	for _, l := range strings.Split(string(secret), "\n") {
		if strings.HasPrefix(l, "AGE-SECRET-KEY-") {
			key = l
		}
	}
	a.rk, _ = vault.NewRecoveryKey()
	if err := os.Mkdir(a.folder, 0o700); err != nil {
		t.Fatal(err)
	}
	doc := fmt.Sprintf(`{"format":2,"vault_id":%q,"created":"2025-01-01T00:00:00Z","updated":"2099-01-01T00:00:00Z",
"accounts":[{"id":"0123456789abcdef0123456789abcdef","type":"totp","issuer":"Planted","name":"evil","secret":"JBSWY3DPEHPK3PXP","algorithm":"SHA1","digits":6,"period":30,"created":"2025-01-01T00:00:00Z","updated":"2025-01-01T00:00:00Z"}],
"keys":{"vault_identity":%q,"recovery_key":%q,"recovery_key_created":"2025-01-01T00:00:00Z","recovery_recipient":%q,"password_recipient":%q,"recovery_key_sealed":"AAAA"},
"settings":{"backup":{"folder":%q,"keep":10,"recipients":[%q]}}}`,
		meta.VaultID, key, a.rk.Reveal(), a.rk.Recipient(), a.recipient, a.folder, a.recipient)
	out := e.path("planted.age")
	testkit.Run(t, doc, testkit.NeedTool(t, "age"), "-r", meta.RecoveryRecipient, "-o", out)
	return out, a
}

// opens reports whether the age identity file opens the age file.
func opens(t *testing.T, identity, file string) bool {
	t.Helper()
	return exec.Command(testkit.NeedTool(t, "age"), "-d", "-i", identity, "-o", os.DevNull, file).Run() == nil
}

func readMeta(t *testing.T, dir string) vault.Meta {
	t.Helper()
	var m vault.Meta
	data, err := os.ReadFile(filepath.Join(dir, vault.MetaFile))
	if err != nil || json.Unmarshal(data, &m) != nil {
		t.Fatalf("lifeline.json: %v", err)
	}
	return m
}

// A document anyone can encrypt to the public recovery recipient, holding
// their own keys and backup settings, restored on a new laptop with the
// printed key: the new vault is the owner's, not theirs.
func TestCLIPlantedBackupFreshDevice(t *testing.T) {
	e, _ := initEnv(t)
	rk := e.recoveryKeyFile()
	planted, a := plant(t, e)
	victim := readMeta(t, e.vault)

	n := newEnv(t)
	r := n.run("", "restore", planted, "--recovery-key-file", rk, "--password-file", n.path("pw"), "--no-keyring")
	if r.code != 0 {
		t.Fatalf("restore: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"Not made by this vault: review every change", "from another vault",
		"The backup holds its own backup settings:", "backups also encrypted to " + a.recipient,
		"backup folder " + a.folder, "They are not taken", "--adopt-backup-settings"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("preview lacks %q:\n%s", want, r.stdout)
		}
	}
	m := readMeta(t, n.vault)
	if m.RecoveryRecipient != victim.RecoveryRecipient {
		t.Error("the new vault's recovery key is not the one typed")
	}
	if got := strings.TrimSpace(n.ok("", "recovery-key", "--password-file", n.path("pw"))); got != strings.TrimSpace(readFile(t, rk)) {
		t.Error("the password does not unseal the typed recovery key")
	}
	if m.VaultRecipient == a.recipient || m.VaultRecipient == victim.VaultRecipient || m.VaultID == victim.VaultID {
		t.Errorf("vault identity or id not new: %+v", m)
	}
	if opens(t, a.identity, filepath.Join(n.vault, vault.VaultFile)) {
		t.Fatal("the attacker's key opens the new vault")
	}
	n.write("arko.txt", a.rk.Reveal()+"\n")
	n.fails(1, "does not belong to this vault", "list", "--recovery-key-file", n.path("arko.txt"))

	// The next automatic backup is not theirs to open, nor in their folder.
	n.ok("", "add", "otpauth://totp/Later:me?secret=KRSXG5CTMVRXEZLU", "--password-file", n.path("pw"))
	files, err := backup.List(filepath.Join(n.vault, backup.DefaultFolderName))
	if err != nil || len(files) == 0 {
		t.Fatalf("no automatic backup: %v", err)
	}
	for _, f := range files {
		if opens(t, a.identity, f.Path) {
			t.Fatalf("the attacker's key opens the automatic backup %s", f.Path)
		}
	}
	if ents, _ := os.ReadDir(a.folder); len(ents) > 0 {
		t.Fatalf("backups went to the attacker's folder: %v", ents)
	}
}

// A restore into the vault says who made the file; the genuine backup is
// this vault's, the planted one is not, whatever vault id it names. The
// backup settings of a file are taken only on request, into a new vault.
func TestCLIBackupAuthenticator(t *testing.T) {
	e, pw := initEnv(t)
	planted, a := plant(t, e)
	rk := e.recoveryKeyFile()
	e.addSome(2, "Mine")
	genuine := e.export("genuine.age")

	out := e.ok("", "restore", genuine, "--dry-run", "--password-file", pw)
	if !strings.Contains(out, "from this vault") || !strings.Contains(out, "\nMade by this vault.\n") {
		t.Errorf("genuine backup, merge preview:\n%s", out)
	}
	out = e.ok("", "restore", planted, "--dry-run", "--password-file", pw)
	if !strings.Contains(out, "Not made by this vault: review every change") || strings.Contains(out, "from this vault") ||
		!strings.Contains(out, "this vault keeps its own backup settings") {
		t.Errorf("planted backup, merge preview:\n%s", out)
	}
	e.fails(2, "--adopt-backup-settings is for a new vault only", "restore", planted, "--adopt-backup-settings", "--password-file", pw)

	g := newEnv(t)
	r := g.run("", "restore", genuine, "--recovery-key-file", rk, "--password-file", g.path("pw"), "--no-keyring")
	if r.code != 0 || !strings.Contains(r.stdout, "\nMade by this vault.\n") || !strings.Contains(r.stderr, "recovery key is unchanged") {
		t.Fatalf("genuine fresh restore: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if readMeta(t, g.vault).VaultID != readMeta(t, e.vault).VaultID {
		t.Error("a genuine backup restored fresh lost its vault id")
	}

	// Opting in takes the file's settings: the next backup is encrypted to
	// the recipient the preview listed.
	o := newEnv(t)
	r = o.run("", "restore", planted, "--adopt-backup-settings", "--recovery-key-file", rk, "--password-file", o.path("pw"), "--no-keyring")
	if r.code != 0 || !strings.Contains(r.stdout, "They are taken (--adopt-backup-settings)") {
		t.Fatalf("restore --adopt-backup-settings: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	ents, _ := os.ReadDir(a.folder)
	if len(ents) == 0 || !opens(t, a.identity, filepath.Join(a.folder, ents[len(ents)-1].Name())) {
		t.Fatalf("adopted settings were not used: %v", ents)
	}

	// Opened another way, the new vault's recovery key is new, and said so.
	e.ok("", "export", e.path("p.age"), "--passphrase-file", e.write("pp", "pass\n"), "--password-file", pw)
	p := newEnv(t)
	r = p.run("", "restore", e.path("p.age"), "--passphrase-file", e.path("pp"), "--password-file", p.path("pw"), "--no-keyring", "--recovery-key-out", p.path("new.txt"))
	if r.code != 0 || !strings.Contains(r.stdout, "cannot be checked without the recovery key") ||
		!strings.Contains(r.stderr, "opened with the passphrase, not with the recovery key, so this vault has a NEW recovery key") {
		t.Fatalf("passphrase fresh restore: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if slices.Contains([]string{readMeta(t, e.vault).RecoveryRecipient}, readMeta(t, p.vault).RecoveryRecipient) {
		t.Error("the passphrase restore kept the old recovery key")
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
