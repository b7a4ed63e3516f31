package backup

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
	"github.com/lifelineauth/lifeline/core/vault"
)

func TestMain(m *testing.M) {
	// Cheap scrypt for passwords and passphrase backups (age's own tests
	// lower it the same way).
	vault.SetWorkFactor(10)
	os.Exit(m.Run())
}

var testNow = time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)

const testPassword = "correct horse battery staple"

// newVault creates a vault with n saved accounts.
func newVault(t testing.TB, n int) (*vault.Vault, vault.RecoveryKey) {
	t.Helper()
	v, rk, err := vault.Create(filepath.Join(t.TempDir(), "vault"), testPassword, testNow)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, err := v.Doc.Add(testAccount(i), testNow); err != nil {
			t.Fatal(err)
		}
	}
	if err := v.Save(testNow); err != nil {
		t.Fatal(err)
	}
	return v, rk
}

// testAccount is a realistic account of one of the kinds people have.
func testAccount(i int) core.Account {
	issuers := []string{"GitHub", "Google", "Microsoft", "Amazon Web Services", "Dropbox", "Steam", "Proton", "Bank of Example"}
	secret := make(core.Secret, 20)
	rand.Read(secret)
	a := core.Account{Issuer: issuers[i%len(issuers)], Name: fmt.Sprintf("user%d@example.com", i), Secret: secret}
	switch i % 10 {
	case 1:
		a.Type, a.Counter = core.HOTP, uint64(i)
	case 2:
		a.Type = core.Steam
	case 3:
		a.Algorithm, a.Digits, a.Period = otp.SHA256, 8, 60
	case 4:
		a.Groups, a.Note, a.Favorite = []string{"work", "cloud"}, "admin account; ask IT before changing", true
	case 5:
		a.RecoveryCodes = []core.RecoveryCode{{Code: "a1b2c-d3e4f", Added: testNow}}
	}
	return a
}

func accountsJSON(t testing.TB, a []core.Account) string {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tool finds an external program; missing, it fails the test when
// LIFELINE_REQUIRE_TOOLS=1 (make test) and skips it otherwise.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("LIFELINE_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not found and LIFELINE_REQUIRE_TOOLS=1: %v", name, err)
		}
		t.Skipf("%s not found: %v", name, err)
	}
	return p
}

func run(t *testing.T, stdin, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// dirState reads every regular file in dir, to prove a failure changed
// nothing.
func dirState(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			m[e.Name()] = string(b)
		}
	}
	return m
}

// fakeClock is a Clock whose time moves only when the test says so;
// Advance runs the timers that come due, in order, on the test goroutine.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	ft := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, ft)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !ft.stopped
		ft.stopped = true
		return was
	}
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	end := c.now.Add(d)
	c.mu.Unlock()
	for {
		c.mu.Lock()
		var next *fakeTimer
		for _, ft := range c.timers {
			if !ft.stopped && !ft.at.After(end) && (next == nil || ft.at.Before(next.at)) {
				next = ft
			}
		}
		if next == nil {
			c.now = end
			c.mu.Unlock()
			return
		}
		next.stopped = true
		c.now = next.at
		c.mu.Unlock()
		next.f()
	}
}
