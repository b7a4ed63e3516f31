package cli

import (
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// Every way a restore can be handed the wrong file fails with its own
// message, and the vault (and its backups) stay byte for byte as they were.
func TestCLIRestoreBadFiles(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(3, "Bad")
	good := e.export("good.age")
	data, _ := os.ReadFile(good)
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)*2/3] ^= 0x10
	other := newEnv(t)
	otherRK := other.init()
	e.ok("", "export", e.path("pass.age"), "--passphrase-file", e.write("pp", "right\n"), "--password-file", pw)

	cases := []struct {
		name, file string
		args       []string
		want       string
	}{
		{"bit flip", e.write("flip.age", string(flipped)), nil, "corrupted or was tampered with"},
		{"truncated", e.write("cut.age", string(data[:len(data)/2])), nil, "truncated"},
		{"wrong recovery key", good, []string{"--recovery-key-file", otherRK}, "this key does not open the backup"},
		{"wrong passphrase", e.path("pass.age"), []string{"--passphrase-file", e.write("wrong", "wrong\n")}, "wrong passphrase"},
		{"passphrase backup, no terminal", e.path("pass.age"), nil, "no terminal"},
		{"not a backup", e.write("export.json", `{"version":1,"db":{"entries":[]}}`), nil, "not age-encrypted"},
		{"missing file", e.path("nowhere.age"), nil, "cannot read the backup"},
	}
	vaultBefore := e.snapshot()
	backupsBefore := dirFiles(t, filepath.Join(e.vault, backup.DefaultFolderName))
	seen := map[string]string{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"restore", c.file, "--password-file", pw}, c.args...)
			r := e.fails(1, c.want, args...)
			first := strings.SplitN(r.stderr, "\n", 2)[0]
			if prev, dup := seen[first]; dup {
				t.Errorf("%s and %s print the same message %q", prev, c.name, first)
			}
			seen[first] = c.name
			e.unchanged(vaultBefore)
			if got := dirFiles(t, filepath.Join(e.vault, backup.DefaultFolderName)); got != backupsBefore {
				t.Errorf("the backup folder changed:\n%s\nwas\n%s", got, backupsBefore)
			}
		})
	}
}

func dirFiles(t *testing.T, dir string) string {
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b.WriteString(e.Name() + ":" + strconv.Itoa(len(data)) + "\n")
	}
	return b.String()
}

var snapshotLine = regexp.MustCompile(`saved in (\S+)`)

// Merge keeps everything, tombstones hold, replace asks, and the snapshot
// printed by the restore undoes it.
func TestCLIRestoreMergeReplaceUndo(t *testing.T) {
	e, pw := initEnv(t)
	e.addSome(3, "M") // M:ua, M:ub, M:uc
	b := e.export("b.age")
	e.ok("", "rm", "M:ua", "--yes", "--password-file", pw)
	e.ok("", "edit", "M:ub", "--note", "edited after the backup", "--password-file", pw)
	e.ok("", "add", "otpauth://totp/Later:x?secret=MZXW6YTBOI", "--password-file", pw)

	preview := e.ok("", "restore", b, "--dry-run", "--password-file", pw)
	for _, want := range []string{"deleted here  skip    M:ua", "older         keep    M:ub (note)", "Merge: 1 identical, 1 older, 1 deleted here, 1 only here."} {
		if !strings.Contains(preview, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview)
		}
	}
	r := e.run("", "restore", b, "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "The vault stays as it is: the backup holds an older version of 1 account: kept yours;") {
		t.Fatalf("merge with nothing to do: %d %s", r.code, r.stderr)
	}

	// Replace removes Later:x: it asks, and without a terminal it refuses.
	e.fails(1, "cannot ask for confirmation", "restore", b, "--replace", "--password-file", pw)
	r = e.run("", "restore", b, "--replace", "--yes", "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stdout, "only here     remove  Later:x") {
		t.Fatalf("replace: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	list := e.ok("", "list", "--password-file", pw)
	if strings.Contains(list, "Later") || !strings.Contains(list, "ua") {
		t.Fatalf("after replace:\n%s", list)
	}
	m := snapshotLine.FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("no snapshot named:\n%s", r.stderr)
	}
	e.ok("", "restore", m[1], "--replace", "--yes", "--password-file", pw)
	list = e.ok("", "list", "--password-file", pw)
	if !strings.Contains(list, "Later") || strings.Contains(list, "ua ") {
		t.Fatalf("undo did not bring the vault back:\n%s", list)
	}
}

// A new device: the vault folder does not exist; the backup, the printed
// key and a new password make the vault again, with the same recovery key.
// A passphrase backup gives a new key, printed once.
func TestCLIRestoreFreshDevice(t *testing.T) {
	e, pw := initEnv(t)
	rk := e.recoveryKeyFile()
	e.addSome(4, "Fresh")
	b := e.export("b.age")
	e.ok("", "export", e.path("p.age"), "--passphrase-file", e.write("pp", "pass\n"), "--password-file", pw)

	n := newEnv(t)
	n.fails(1, "none was given", "restore", b, "--password-file", n.path("pw"), "--no-keyring")
	n.fails(2, "needs a vault to replace", "restore", b, "--replace", "--recovery-key-file", rk, "--password-file", n.path("pw"))
	if _, err := os.Stat(n.vault); err == nil {
		t.Fatal("a failed restore created the vault folder")
	}
	r := n.run("", "restore", b, "--recovery-key-file", rk, "--password-file", n.path("pw"), "--no-keyring")
	if r.code != 0 || !strings.Contains(r.stderr, "recovery key is unchanged") || !strings.Contains(r.stdout, "4 new") {
		t.Fatalf("fresh restore: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, unlock := range []string{"--recovery-key-file", "--password-file"} {
		f := map[string]string{"--recovery-key-file": rk, "--password-file": n.path("pw")}[unlock]
		if got := n.ok("", "list", unlock, f); strings.Count(got, "Fresh") != 4 {
			t.Fatalf("list with %s:\n%s", unlock, got)
		}
	}
	if files, _ := backup.List(filepath.Join(n.vault, backup.DefaultFolderName)); len(files) != 1 {
		t.Errorf("the new vault has %d backups, want its first", len(files))
	}

	p := newEnv(t)
	out := p.path("new-rk.txt")
	r = p.run("", "restore", e.path("p.age"), "--passphrase-file", e.path("pp"), "--password-file", p.path("pw"), "--no-keyring", "--recovery-key-out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "NEW recovery key") {
		t.Fatalf("passphrase fresh restore: %d %s", r.code, r.stderr)
	}
	p.ok("", "list", "--recovery-key-file", out)
	p.fails(1, "does not belong to this vault", "list", "--recovery-key-file", rk)
}

// Backups made before a rotation open with the old key, given alongside a
// vault that now has a new one; a file the age CLI wrote to the recovery
// key restores like our own.
func TestCLIRestoreOldKeyAndAgeWritten(t *testing.T) {
	ageBin := testkit.NeedTool(t, "age")
	e, pw := initEnv(t)
	oldRK := e.recoveryKeyFile()
	e.addSome(2, "Rot")
	old := e.export("old.age")
	id := e.write("id.txt", e.ok("", "recovery-key", "--age", "--password-file", pw))
	plain, err := exec.Command(ageBin, "-d", "-i", id, old).Output()
	if err != nil {
		t.Fatal(err)
	}
	e.ok("", "rm", "Rot:ua", "--yes", "--password-file", pw)
	recipient, _ := exec.Command(testkit.NeedTool(t, "age-keygen"), "-y", id).Output()
	byAge := e.path("by-age.age")
	cmd := exec.Command(ageBin, "-r", strings.TrimSpace(string(recipient)), "-o", byAge)
	cmd.Stdin = strings.NewReader(string(plain))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("age -r: %v %s", err, out)
	}
	r := e.run("", "restore", byAge, "--replace", "--yes", "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stdout, "Rot:ua") {
		t.Fatalf("restore of age's file: %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	e.ok("", "recovery-key", "--rotate", "--out", e.path("new-rk.txt"), "--password-file", pw)
	r = e.fails(1, "this key does not open the backup", "restore", old, "--password-file", pw)
	if !strings.Contains(r.stderr, "rotate") {
		t.Errorf("no hint about rotation: %s", r.stderr)
	}
	// The old key opens the old backup; the vault opens with the password.
	preview := e.ok("", "restore", old, "--dry-run", "--recovery-key-file", oldRK, "--password-file", pw)
	if !strings.Contains(preview, "2 identical") {
		t.Fatalf("old backup with the old key:\n%s", preview)
	}
}

// A restore killed at any moment leaves the old vault or the new one,
// never a mix: the vault always opens, with one of the two account sets.
func TestCLIRestoreKilled(t *testing.T) {
	e, pw := initEnv(t)
	var uris strings.Builder
	for i := range 3000 {
		sum := sha256.Sum256([]byte(strconv.Itoa(i)))
		fmt.Fprintf(&uris, "otpauth://totp/Kill:u%d?secret=%s\n", i, base32.StdEncoding.EncodeToString(sum[:20]))
	}
	e.ok(uris.String(), "add", "-", "--password-file", pw)
	b := e.export("b.age")
	e.ok("", "add", "otpauth://totp/Only:here?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	// Before: 3001 accounts. After a completed replace: 3000.

	for i := range 12 {
		cmd := exec.Command(binary, "restore", b, "--replace", "--yes", "--password-file", pw, "--vault", e.vault)
		detach(cmd)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i*8) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		out := e.ok("", "list", "--json", "--password-file", pw)
		var accounts []json.RawMessage
		if err := json.Unmarshal([]byte(out), &accounts); err != nil {
			t.Fatalf("kill after %d ms: list: %v", i*8, err)
		}
		t.Logf("kill after %d ms: %d accounts", i*8, len(accounts))
		switch len(accounts) {
		case 3000:
			// Completed: put the extra account back for the next round.
			e.ok("", "add", "otpauth://totp/Only:here?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
		case 3001:
		default:
			t.Fatalf("kill after %d ms: %d accounts, want 3001 (old) or 3000 (new)", i*8, len(accounts))
		}
	}
}
