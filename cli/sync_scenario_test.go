package cli

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A synced vault, as two computers use it: each has its own copy of the
// folder (e1.vault, e2.vault) and its own device, and something keeps the
// copies in step.
type syncer interface {
	pause(t *testing.T)
	resume(t *testing.T)
	// tick is called while the test waits for the copies to agree: a
	// folder that is synced by hand copies files then.
	tick(t *testing.T)
}

// syncScenario: a vault made on computer one is opened on two; with the
// sync paused each adds, edits, deletes, marks a recovery code used and
// advances an HOTP counter; once resumed, both list the same accounts with
// every change of both sides within 10 s. leave, if set, runs between the
// edits and the resume (a conflict copy left by the sync engine).
func syncScenario(t *testing.T, e1, e2 *env, s syncer, leave func(t *testing.T)) {
	pw := e1.path("pw")
	e1.init()
	for _, u := range []string{"Keep:k", "Edit1:e1", "Edit2:e2", "Gone1:g1", "Gone2:g2"} {
		e1.ok("", "add", "otpauth://totp/"+u+"?secret=JBSWY3DPEHPK3PX"+string(rune('A'+len(u))), "--password-file", pw)
	}
	e1.ok("", "add", "otpauth://hotp/Counter:c?secret=KRSXG5CTMVRXEZLU&counter=0", "--password-file", pw)
	e1.ok("", "codes", "add", "Keep:k", "CODE-ONE-1111", "CODE-TWO-2222", "CODE-THREE-3333", "--password-file", pw)
	waitAgree(t, s, e1, e2, "the vault reaching computer two", func(l []acct) bool { return len(l) == 6 })
	// Two has written its replica; one must have it before they part.
	waitFor(t, s, "two's replica reaching one", func() bool {
		m, _ := filepath.Glob(filepath.Join(e1.vault, "replicas", "*.age"))
		return len(m) == 1
	}, func() string { return "" })

	s.pause(t)
	e1.ok("", "add", "otpauth://totp/New1:n1?secret=MFRGGZDFMZTWQ2LK", "--password-file", pw)
	e1.ok("", "edit", "Edit1:e1", "--name", "renamed1", "--password-file", pw)
	e1.ok("", "rm", "Gone1:g1", "--yes", "--password-file", pw)
	e1.ok("", "codes", "use", "Keep:k", "CODE-ONE-1111", "--password-file", pw)
	e1.ok("", "code", "Counter:c", "--password-file", pw)
	e2.ok("", "add", "otpauth://totp/New2:n2?secret=NBSWY3DPO5XXE3DE", "--password-file", pw)
	e2.ok("", "edit", "Edit2:e2", "--name", "renamed2", "--password-file", pw)
	e2.ok("", "rm", "Gone2:g2", "--yes", "--password-file", pw)
	e2.ok("", "codes", "use", "Keep:k", "CODE-TWO-2222", "--password-file", pw)
	e2.ok("", "code", "Counter:c", "--password-file", pw)
	e2.ok("", "code", "Counter:c", "--password-file", pw)
	if leave != nil {
		leave(t)
	}
	start := time.Now()
	s.resume(t)
	want := []string{"Counter:c", "Edit1:renamed1", "Edit2:renamed2", "Keep:k", "New1:n1", "New2:n2"}
	got := waitAgree(t, s, e1, e2, "every change of both sides on both computers", func(l []acct) bool {
		return slices.Equal(labels(l), want)
	})
	t.Logf("both computers agreed %v after the resume", time.Since(start).Round(time.Millisecond))
	for _, a := range got {
		if a.Label() == "Counter:c" && a.Counter != 2 {
			t.Errorf("HOTP counter %d, want 2 (the higher of one's 1 and two's 2)", a.Counter)
		}
	}
	for _, e := range []*env{e1, e2} {
		codes := e.ok("", "codes", "list", "Keep:k", "--json", "--password-file", pw)
		var cs []struct {
			Code   string  `json:"code"`
			UsedAt *string `json:"used_at"`
		}
		if err := json.Unmarshal([]byte(codes), &cs); err != nil {
			t.Fatalf("codes list: %v\n%s", err, codes)
		}
		used := map[string]bool{}
		for _, c := range cs {
			used[c.Code] = c.UsedAt != nil
		}
		if len(cs) != 3 || !used["CODE-ONE-1111"] || !used["CODE-TWO-2222"] || used["CODE-THREE-3333"] {
			t.Errorf("recovery codes on %s: %s", e.vault, codes)
		}
	}
}

// acct is what `list --json` prints of an account.
type acct struct {
	Issuer  string `json:"issuer"`
	Name    string `json:"name"`
	Counter uint64 `json:"counter"`
}

func (a acct) Label() string { return a.Issuer + ":" + a.Name }

func labels(l []acct) []string {
	var out []string
	for _, a := range l {
		out = append(out, a.Label())
	}
	slices.Sort(out)
	return out
}

func listOf(t *testing.T, e *env) ([]acct, string) {
	t.Helper()
	r := e.run("", "list", "--json", "--password-file", e.path("pw"))
	if r.code != 0 {
		return nil, r.stderr
	}
	var l []acct
	if err := json.Unmarshal([]byte(r.stdout), &l); err != nil {
		t.Fatalf("list --json: %v", err)
	}
	slices.SortFunc(l, func(a, b acct) int { return strings.Compare(a.Label(), b.Label()) })
	return l, r.stdout
}

// waitAgree waits (10 s at most) until both computers list the same
// accounts and ok holds for them.
func waitAgree(t *testing.T, s syncer, e1, e2 *env, what string, ok func([]acct) bool) []acct {
	t.Helper()
	var l1, l2 []acct
	var err1, err2 string
	waitFor(t, s, what, func() bool {
		l1, err1 = listOf(t, e1)
		l2, err2 = listOf(t, e2)
		return l1 != nil && slices.Equal(l1, l2) && ok(l1)
	}, func() string {
		return fmt.Sprintf("one lists %v %s\ntwo lists %v %s", l1, err1, l2, err2)
	})
	return l1
}

// waitFor waits 10 s at most for ok, ticking the syncer; explain says
// what was found instead.
func waitFor(t *testing.T, s syncer, what string, ok func() bool, explain func() string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.tick(t)
		if ok() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %s never happened\n%s", what, explain())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// dumbSync keeps two folders in step the way the simplest sync engines
// (a copy tool on a timer, a network drive's offline cache) do: whole
// files, both ways, the newer modification time wins, nothing is deleted.
type dumbSync struct {
	a, b   string
	paused bool
}

func (d *dumbSync) pause(*testing.T)  { d.paused = true }
func (d *dumbSync) resume(*testing.T) { d.paused = false }

func (d *dumbSync) tick(t *testing.T) {
	if d.paused {
		return
	}
	files := map[string]bool{}
	for _, root := range []string{d.a, d.b} {
		filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel] = true
			}
			return nil
		})
	}
	for rel := range files {
		if base := filepath.Base(rel); base == ".lock" || strings.Contains(base, ".tmp-") {
			continue
		}
		pa, pb := filepath.Join(d.a, rel), filepath.Join(d.b, rel)
		sa, ea := os.Stat(pa)
		sb, eb := os.Stat(pb)
		switch {
		case ea != nil && eb == nil:
			copyWhole(t, pb, pa)
		case eb != nil && ea == nil:
			copyWhole(t, pa, pb)
		case ea == nil && eb == nil && sa.ModTime().After(sb.ModTime()):
			copyWhole(t, pa, pb)
		case ea == nil && eb == nil && sb.ModTime().After(sa.ModTime()):
			copyWhole(t, pb, pa)
		}
	}
}

// copyWhole copies src over dst as a sync engine does: a temporary file,
// then a rename, with src's modification time.
func copyWhole(t *testing.T, src, dst string) {
	data, err := os.ReadFile(src)
	if err != nil {
		return // replaced meanwhile: the next tick copies it
	}
	st, err := os.Stat(src)
	if err != nil {
		return
	}
	os.MkdirAll(filepath.Dir(dst), 0o700)
	tmp := filepath.Join(filepath.Dir(dst), "~sync-"+filepath.Base(dst))
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(tmp, st.ModTime(), st.ModTime())
	if err := os.Rename(tmp, dst); err != nil {
		t.Fatal(err)
	}
}

// twoComputers are two envs, each with its own folder and device.
func twoComputers(t *testing.T) (*env, *env) {
	e1 := newEnv(t)
	e1.vault = e1.path("Sync-one/lifeline")
	e1.extra = append(e1.extra, "LIFELINE_DEVICE_DIR="+e1.path("device-one"))
	e2 := newEnv(t)
	e2.vault = e2.path("Sync-two/lifeline")
	e2.extra = append(e2.extra, "LIFELINE_DEVICE_DIR="+e2.path("device-two"))
	for _, e := range []*env{e1, e2} {
		if err := os.MkdirAll(e.vault, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return e1, e2
}

// The scenario over a folder copied whole both ways, newer wins.
func TestSyncScenarioDumbFolder(t *testing.T) {
	e1, e2 := twoComputers(t)
	syncScenario(t, e1, e2, &dumbSync{a: e1.vault, b: e2.vault}, nil)
}

// The scenario with a conflict copy left: the engine kept computer one's
// vault.age from before the pause on two and moved one's newest aside as
// a conflict copy; nothing is lost.
func TestSyncScenarioConflictCopy(t *testing.T) {
	e1, e2 := twoComputers(t)
	var before []byte
	s := &dumbSync{a: e1.vault, b: e2.vault}
	leave := func(t *testing.T) {
		newest, err := os.ReadFile(filepath.Join(e1.vault, "vault.age"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(e2.vault, "vault.sync-conflict-20260101-120000-ONECOMP.age"), newest, 0o600)
		os.WriteFile(filepath.Join(e2.vault, "vault.age"), before, 0o600)
		// Both copies on two now look newer than one's: two's wins.
		future := time.Now().Add(time.Hour)
		os.Chtimes(filepath.Join(e2.vault, "vault.age"), future, future)
	}
	hooked := &hookSync{dumbSync: s, onPause: func() {
		before, _ = os.ReadFile(filepath.Join(e1.vault, "vault.age"))
	}}
	syncScenario(t, e1, e2, hooked, leave)
}

// hookSync runs onPause when the sync pauses.
type hookSync struct {
	*dumbSync
	onPause func()
}

func (h *hookSync) pause(t *testing.T) {
	h.dumbSync.pause(t)
	h.onPause()
}
