package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// docBlock is a ```sh block of docs/BACKUPS.md and what the test types at
// its prompts.
type docBlock struct {
	stdin, script string
}

func docBlocks(t *testing.T) []docBlock {
	doc, err := os.ReadFile("../docs/BACKUPS.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- test-stdin: ([a-z ]+) -->\n```sh\n(.*?)```")
	var blocks []docBlock
	for _, m := range re.FindAllStringSubmatch(string(doc), -1) {
		blocks = append(blocks, docBlock{m[1], m[2]})
	}
	if n := strings.Count(string(doc), "```sh"); n != len(blocks) || n == 0 {
		t.Fatalf("%d sh blocks, %d with a test-stdin comment", n, len(blocks))
	}
	return blocks
}

// typist answers prompts like a person at the terminal: it types the
// answer each time a new prompt appears in the output (typed earlier, the
// terminal would echo it, and script would wait for unread input).
type typist struct {
	mu       sync.Mutex
	out      bytes.Buffer
	answer   string
	answered int
	in, w    *os.File // a real pipe: exec waits on nothing for it
}

var promptRe = regexp.MustCompile(`(?i)(password|repeat it|passphrase[^:\n]*): `)

func newTypist(t *testing.T, answer string) *typist {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	return &typist{answer: answer, in: r, w: w}
}

func (t *typist) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.out.Write(p)
	for n := len(promptRe.FindAllIndex(t.out.Bytes(), -1)); t.answered < n; t.answered++ {
		t.w.Write([]byte(t.answer + "\n")) // a pipe holds far more than one line
	}
	return len(p), nil
}

func (t *typist) output() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out.String()
}

// TestBackupsDoc runs every command block of docs/BACKUPS.md as written, in
// order, in one folder, with a terminal (script) on which the test types the
// vault password or the backup passphrase when asked. Each vault.json the
// age tool writes must be this vault's document, with the vault's keys
// exactly when the doc's table says so.
func TestBackupsDoc(t *testing.T) {
	testkit.NeedTools(t, "age", "age-keygen", "script", "ssh-keygen")
	e := newEnv(t)
	rk := e.init()
	e.addSome(4, "Doc")
	work, home := testkit.TempDir(t), testkit.TempDir(t)
	key, _ := os.ReadFile(rk)
	os.WriteFile(filepath.Join(work, "key.txt"), key, 0o600)
	os.WriteFile(filepath.Join(work, "pass.txt"), []byte("a long backup passphrase\n"), 0o600)
	os.MkdirAll(filepath.Join(home, ".ssh"), 0o700)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(home, ".ssh", "id_ed25519")).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	answers := map[string]string{"vault password": testkit.Password, "backup passphrase": "a long backup passphrase"}
	// Which backups hold the vault's keys, per the doc's table.
	wantKeys := map[string]bool{"backup.age": true, "backup.txt": true, "backup-pass.age": false, "backup-ssh.age": false, "backup-friend.age": false}
	decrypted := 0
	for i, b := range docBlocks(t) {
		os.WriteFile(filepath.Join(work, "block.sh"), []byte(b.script), 0o600)
		cmd := exec.Command("script", "-qec", "sh -e block.sh", "/dev/null")
		cmd.Dir = work
		ty := newTypist(t, answers[b.stdin])
		cmd.Stdin = ty.in
		cmd.Env = append(append(os.Environ(), testkit.HomeEnv(home)...), "LIFELINE_VAULT="+e.vault, "LANG=C.UTF-8",
			"PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"))
		cmd.Stdout, cmd.Stderr = ty, ty
		err := cmd.Run()
		ty.in.Close()
		ty.w.Close()
		out := ty.output()
		if err != nil {
			t.Fatalf("block %d failed: %v\n%s\n--- output:\n%s", i+1, err, b.script, out)
		}
		data, err := os.ReadFile(filepath.Join(work, "vault.json"))
		if err != nil {
			if strings.Contains(b.script, "age -d") {
				t.Fatalf("block %d wrote no vault.json:\n%s", i+1, out)
			}
			continue
		}
		os.Remove(filepath.Join(work, "vault.json"))
		decrypted++
		var d vault.Document
		if err := json.Unmarshal(data, &d); err != nil || len(d.Accounts) != 4 || d.Accounts[0].Issuer != "Doc" {
			t.Fatalf("block %d: vault.json is not the vault: %v", i+1, err)
		}
		file := regexp.MustCompile(`(backup[-a-z]*\.(age|txt))\n*$`).FindStringSubmatch(b.script)
		if file == nil {
			t.Fatalf("block %d: which backup did it open?", i+1)
		}
		if want, ok := wantKeys[file[1]]; !ok || (d.Keys != nil) != want {
			t.Errorf("%s: keys present = %v, the doc says %v", file[1], d.Keys != nil, want)
		}
	}
	if decrypted != len(wantKeys) {
		t.Errorf("the age tool opened %d backups, want %d", decrypted, len(wantKeys))
	}
	// The fresh-device block restored into new-laptop with the same key.
	if _, err := vault.OpenPassword(filepath.Join(work, "new-laptop"), testkit.Password); err != nil {
		t.Errorf("the new-laptop vault: %v", err)
	}
	checkDocMessages(t)
}

// checkDocMessages: every message in the doc's "does not open" table is one
// Lifeline really gives.
func checkDocMessages(t *testing.T) {
	doc, _ := os.ReadFile("../docs/BACKUPS.md")
	section := string(doc)[strings.Index(string(doc), "## When a backup does not open"):]
	errs := []error{backup.ErrNotBackup, backup.ErrTruncated, backup.ErrCorrupted, backup.ErrWrongKey,
		backup.ErrWrongPassphrase, &backup.NeedKeyError{Needs: []backup.Need{backup.NeedPassphrase}}, backup.ErrNotVault}
	rows := regexp.MustCompile(`(?m)^\| ([^|]+) \| [^|]+ \|$`).FindAllStringSubmatch(section, -1)
	if len(rows) != len(errs)+1 { // +1: the header row
		t.Fatalf("%d message rows, want %d", len(rows)-1, len(errs))
	}
	for _, r := range rows[1:] {
		found := false
		for _, err := range errs {
			parts := strings.Split(r[1], "…")
			ok := true
			for _, p := range parts {
				ok = ok && strings.Contains(err.Error(), strings.TrimSpace(p))
			}
			found = found || ok
		}
		if !found {
			t.Errorf("the doc lists %q, which no error says", r[1])
		}
	}
}

// Automatic backups from the CLI: N+3 changes leave N, the newest holding
// every change; a folder that cannot be written fails visibly without
// losing the change, and the next backup after the repair catches up.
func TestCLIAutomaticBackups(t *testing.T) {
	e, pw := initEnv(t)
	e.ok("", "backup", "config", "--keep", "3", "--password-file", pw)
	e.addSome(6, "Auto")
	files, err := backup.List(filepath.Join(e.vault, backup.DefaultFolderName))
	if err != nil || len(files) != 3 {
		t.Fatalf("%d backups (%v), want 3", len(files), err)
	}
	listed := e.ok("", "backup", "list", "--password-file", pw)
	if strings.Count(listed, "lifeline-backup-") != 3 || !strings.Contains(listed, files[0].Path) {
		t.Fatalf("backup list:\n%s", listed)
	}
	preview := e.ok("", "restore", files[0].Path, "--dry-run", "--password-file", pw)
	if !strings.Contains(preview, "6 identical") {
		t.Fatalf("the newest backup does not hold every change:\n%s", preview)
	}
	if st := e.ok("", "backup", "status", "--password-file", pw); !strings.Contains(st, "all backed up") {
		t.Fatalf("status:\n%s", st)
	}

	if runtime.GOOS == "windows" {
		return // no read-only folder by mode there (backup's TestBackuperFailureIsVisible says so)
	}
	ro := filepath.Join(testkit.TempDir(t), "sync")
	os.Mkdir(ro, 0o700)
	e.ok("", "backup", "config", "--folder", ro, "--password-file", pw)
	if os.Geteuid() == 0 {
		chattr := testkit.NeedTool(t, "chattr")
		if out, err := exec.Command(chattr, "+i", ro).CombinedOutput(); err != nil {
			t.Skipf("no immutable attribute here: %s", out)
		}
		defer exec.Command(chattr, "-i", ro).Run()
	} else {
		os.Chmod(ro, 0o500)
	}
	r := e.run("", "add", "otpauth://totp/Late:one?secret=GEZDGNBVGY3TQOJQ", "--password-file", pw)
	if r.code != 0 || !strings.Contains(r.stderr, "the change is saved, but the automatic backup failed") ||
		!strings.Contains(r.stderr, string(backup.NotWritable)) {
		t.Fatalf("add with an unwritable folder: %d %s", r.code, r.stderr)
	}
	if !strings.Contains(e.ok("", "list", "--password-file", pw), "Late") {
		t.Fatal("the change was lost")
	}
	st := e.fails(1, string(backup.NotWritable), "backup", "status", "--password-file", pw)
	if !strings.Contains(st.stdout, "NOT backed up") || !strings.Contains(st.stderr, "hint:") {
		t.Fatalf("status:\n%s%s", st.stdout, st.stderr)
	}
	exec.Command("chattr", "-i", ro).Run()
	os.Chmod(ro, 0o700)
	if p := strings.TrimSpace(e.ok("", "backup", "now", "--password-file", pw)); filepath.Dir(p) != ro {
		t.Fatalf("backup now wrote %q", p)
	}
	if st := e.ok("", "backup", "status", "--password-file", pw); !strings.Contains(st, "all backed up") || strings.Contains(st, "failure") {
		t.Fatalf("status after repair:\n%s", st)
	}
	e.fails(2, "belong to `backup config`", "backup", "now", "--keep", "2", "--password-file", pw)
	e.fails(2, "usage", "backup", "sideways", "--password-file", pw)
}

// TestCLIBackupListOwnOnly: two vaults backing up into one folder each list
// their own backups only, with the accounts each holds and that it was
// verified, as the window's Backups page lists them.
func TestCLIBackupListOwnOnly(t *testing.T) {
	a, pwA := initEnv(t)
	b, pwB := initEnv(t)
	shared := a.path("shared")
	if err := os.Mkdir(shared, 0o700); err != nil {
		t.Fatal(err)
	}
	a.ok("", "backup", "config", "--folder", shared, "--password-file", pwA)
	b.ok("", "backup", "config", "--folder", shared, "--password-file", pwB)
	a.addSome(2, "A")
	b.addSome(3, "B")
	files, err := backup.List(shared)
	if err != nil || len(files) < 4 {
		t.Fatalf("%d backups in the shared folder (%v)", len(files), err)
	}
	newest := map[*env]string{a: "2 accounts", b: "3 accounts"}
	for e, pw := range map[*env]string{a: pwA, b: pwB} {
		listed := e.ok("", "backup", "list", "--password-file", pw)
		lines := strings.Split(strings.TrimSpace(listed), "\n")
		if n := strings.Count(listed, "lifeline-backup-"); n != len(lines) || n >= len(files) {
			t.Errorf("lists %d of the folder's %d backups:\n%s", n, len(files), listed)
		}
		if !strings.Contains(lines[0], newest[e]) || !strings.Contains(lines[0], "verified") {
			t.Errorf("newest line %q, want %s, verified", lines[0], newest[e])
		}
	}
}
