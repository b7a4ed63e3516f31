package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// The CLI is tested as a person uses it: the real binary, built once with
// the lifelinetest tag (which only lowers the scrypt work factor), run in
// its own session without a terminal.

var binary string

// buildFlags go to go build; race_test.go adds -race.
var buildFlags []string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lifeline-cli-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "lifeline")
	if runtime.GOOS == "windows" {
		// Under Wine there is no Go to build with: .ci/wine/gotest builds a
		// lifeline.exe (cgo, mingw-w64) with the same tags and names it here.
		if binary = os.Getenv("LIFELINE_TEST_BINARY"); binary == "" {
			fmt.Println("skip: on Windows the CLI tests run the lifeline.exe named by LIFELINE_TEST_BINARY (.ci/wine/gotest builds one)")
			os.Exit(0)
		}
	} else if out, err := testkit.BuildLifeline(binary, buildFlags...); err != nil {
		os.RemoveAll(dir)
		panic("cannot build lifeline: " + err.Error() + "\n" + string(out))
	}
	// The binary's children get a home each (HomeEnv); this is for the
	// vaults the tests prepare in-process.
	remove := testkit.IsolateHome()
	code := m.Run()
	remove()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
	cpu            time.Duration // user and system time the command took
	maxRSS         int64         // its peak resident memory, in bytes
}

// env is a scratch home for one test: a vault dir and files for secrets.
type env struct {
	t     *testing.T
	dir   string
	vault string
	extra []string // environment additions, e.g. a dead D-Bus
}

func newEnv(t *testing.T) *env {
	d := testkit.TempDir(t)
	e := &env{t: t, dir: d, vault: filepath.Join(d, "vault")}
	e.write("pw", testkit.Password+"\n")
	return e
}

func (e *env) path(name string) string { return filepath.Join(e.dir, name) }

func (e *env) write(name, content string) string {
	e.t.Helper()
	p := e.path(name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// run executes lifeline with --vault set (after the command, to exercise
// flags anywhere) and the given stdin.
func (e *env) run(stdin string, args ...string) result {
	e.t.Helper()
	var cmd *exec.Cmd
	var out, errb bytes.Buffer
	var err error
	for try := 1; ; try++ {
		cmd = exec.Command(binary, append(args, "--vault", e.vault)...)
		cmd.Stdin = strings.NewReader(stdin)
		out.Reset()
		errb.Reset()
		cmd.Stdout, cmd.Stderr = &out, &errb
		cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
		// Whatever the binary keeps for the person (config, cache) stays in the test's folder.
		cmd.Env = append(cmd.Env, testkit.HomeEnv(e.dir)...)
		cmd.Env = append(cmd.Env, e.extra...)
		// A new session has no controlling terminal: prompts must fail cleanly.
		detach(cmd)
		err = cmd.Run()
		// Under Wine, CreateProcess now and then fails with "Internal
		// error" on a loaded machine: the program never started, so it
		// is started again (at most three times, logged).
		if cmd.ProcessState != nil || !testkit.UnderWine() || try == 3 {
			break
		}
		e.t.Logf("under Wine, starting lifeline %v failed (%v): again", args, err)
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	if ps := cmd.ProcessState; ps != nil {
		r.cpu = ps.UserTime() + ps.SystemTime()
		r.maxRSS = peakRSS(ps)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatalf("running lifeline %v: %v", args, err)
	}
	return r
}

// ok runs a command that must succeed and returns its stdout.
func (e *env) ok(stdin string, args ...string) string {
	e.t.Helper()
	r := e.run(stdin, args...)
	if r.code != 0 {
		e.t.Fatalf("lifeline %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// fails runs a command that must exit with code and print want on stderr
// as one "lifeline: " line (plus an optional hint line).
func (e *env) fails(code int, want string, args ...string) result {
	e.t.Helper()
	r := e.run("", args...)
	if r.code != code {
		e.t.Fatalf("lifeline %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "lifeline: ") || !strings.Contains(r.stderr, want) {
		e.t.Fatalf("lifeline %s: stderr %q, want a 'lifeline: ' line containing %q", strings.Join(args, " "), r.stderr, want)
	}
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(l, "lifeline: ") && !strings.HasPrefix(l, "  hint: ") {
			e.t.Fatalf("stray stderr line %q", l)
		}
	}
	return r
}

// init creates a vault with the password file and no keyring and returns
// the recovery key file.
func (e *env) init() string {
	e.t.Helper()
	rk := e.recoveryKeyFile()
	e.ok("", "init", "--no-keyring", "--password-file", e.path("pw"), "--recovery-key-out", rk)
	return rk
}

// recoveryKeyFile is where init writes the recovery key.
func (e *env) recoveryKeyFile() string { return e.path("rk.txt") }

// initEnv is a new env with a vault made by init; it returns the env and
// the password file.
func initEnv(t *testing.T) (*env, string) {
	t.Helper()
	e := newEnv(t)
	e.init()
	return e, e.path("pw")
}

func (e *env) snapshot() map[string][]byte {
	e.t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(e.vault)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ent := range entries {
		if !ent.Type().IsRegular() {
			continue // the backups folder
		}
		b, err := os.ReadFile(filepath.Join(e.vault, ent.Name()))
		if err != nil {
			e.t.Fatal(err)
		}
		files[ent.Name()] = b
	}
	return files
}

func (e *env) unchanged(before map[string][]byte) {
	e.t.Helper()
	after := e.snapshot()
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			e.t.Fatalf("%s changed", name)
		}
	}
}

const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // ASCII "12345678901234567890"

// addSome adds n accounts with distinct secrets.
func (e *env) addSome(n int, prefix string) {
	e.t.Helper()
	secrets := []string{"JBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLU", "MFRGGZDFMZTWQ2LK", "NBSWY3DPO5XXE3DE", "ONSWG4TFORSXG5DJ", "GEZDGNBVGY3TQOJQ", "MZXW6YTBOI", "KNSWG4TFOQ", "IFBEGRCFIZDUQSKK", "JJFEKRKNKRHE6TKP"}
	for i := range n {
		e.ok("", "add", "otpauth://totp/"+prefix+":u"+string(rune('a'+i))+"?secret="+secrets[i%len(secrets)], "--password-file", e.path("pw"))
	}
}

// export writes a backup of the vault (to its recovery key) to the file
// name in the env and returns its path.
func (e *env) export(name string) string {
	e.t.Helper()
	p := e.path(name)
	e.ok("", "export", p, "--password-file", e.path("pw"))
	return p
}

func peer(name string) string { return "../testdata/peers/" + name }

func listJSON(t *testing.T, e *env, pw string) []map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(e.ok("", "list", "--json", "--password-file", pw)), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

func (e *env) qrencode(name, text string) string {
	e.t.Helper()
	p := e.path(name)
	if out, err := exec.Command(testkit.NeedTool(e.t, "qrencode"), "-s", "5", "-o", p, text).CombinedOutput(); err != nil {
		e.t.Fatalf("qrencode: %v\n%s", err, out)
	}
	return p
}

func (e *env) listLabels() []string {
	e.t.Helper()
	var labels []string
	for _, l := range strings.Split(strings.TrimSpace(e.ok("", "list", "--password-file", e.path("pw"))), "\n")[1:] {
		f := strings.Fields(l)
		labels = append(labels, f[0]+":"+f[1])
	}
	slices.Sort(labels)
	return labels
}
