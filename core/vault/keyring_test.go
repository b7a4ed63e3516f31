package vault

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/zalando/go-keyring"
)

// TestKeyring runs against the real Secret Service. Run it with:
//
//	dbus-run-session -- sh -c 'printf "pw\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test ./core/vault -run Keyring -count=1'
func TestKeyring(t *testing.T) {
	if err := KeyringStatus(); err != nil {
		testkit.MissingKeyring(t, "no Secret Service: %v", err)
	}
	v, _ := savedVault(t, 3)
	user := keyringUser(v.Meta.VaultID)
	t.Cleanup(func() { keyring.Delete(keyringService, user) })

	if _, err := OpenKeyring(v.Dir); !errors.Is(err, ErrNotInKeyring) {
		t.Fatalf("OpenKeyring before EnableKeyring = %v, want ErrNotInKeyring", err)
	}
	if err := v.EnableKeyring(); err != nil {
		t.Fatalf("EnableKeyring: %v", err)
	}
	if m, err := readMeta(v.Dir); err != nil || !m.Keyring {
		t.Fatalf("lifeline.json keyring = %v, %v; want true", m.Keyring, err)
	}
	w, err := OpenKeyring(v.Dir)
	if err != nil {
		t.Fatalf("OpenKeyring: %v", err)
	}
	if len(w.Doc.Accounts) != 3 {
		t.Errorf("opened %d accounts, want 3", len(w.Doc.Accounts))
	}
	// A keyring unlock can save, but changing the password needs the
	// password (or the recovery key) too.
	if err := w.ChangePassword("new password"); !errors.Is(err, ErrNeedsPassword) {
		t.Fatalf("ChangePassword after keyring unlock = %v, want ErrNeedsPassword", err)
	}
	p, err := OpenPassword(v.Dir, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AdoptKeys(p); err != nil {
		t.Fatalf("AdoptKeys: %v", err)
	}
	if err := w.ChangePassword("new password"); err != nil {
		t.Fatalf("ChangePassword after the password was given: %v", err)
	}
	if x, err := OpenKeyring(v.Dir); err != nil || x.identity != w.identity {
		t.Fatalf("OpenKeyring after the password change: %v (keyring entry not updated?)", err)
	}
	if _, err := OpenPassword(v.Dir, "new password"); err != nil {
		t.Fatalf("OpenPassword with the new password: %v", err)
	}

	// The entry removed behind Lifeline's back: ErrNotInKeyring, not a crash.
	if err := keyring.Delete(keyringService, user); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenKeyring(v.Dir); !errors.Is(err, ErrNotInKeyring) {
		t.Fatalf("OpenKeyring with the entry deleted = %v, want ErrNotInKeyring", err)
	}

	// An entry holding some other key is refused before vault.age is read.
	other, _ := age.GenerateX25519Identity()
	if err := keyring.Set(keyringService, user, other.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenKeyring(v.Dir); !errors.Is(err, ErrKeyringMismatch) {
		t.Fatalf("OpenKeyring with a foreign key = %v, want ErrKeyringMismatch", err)
	}

	if err := v.EnableKeyring(); err != nil {
		t.Fatal(err)
	}
	if err := v.DisableKeyring(); err != nil {
		t.Fatalf("DisableKeyring: %v", err)
	}
	if m, _ := readMeta(v.Dir); m.Keyring {
		t.Error("lifeline.json still says keyring after DisableKeyring")
	}
	if _, err := keyring.Get(keyringService, user); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("keyring entry after DisableKeyring: %v, want not found", err)
	}
	if _, err := OpenKeyring(v.Dir); !errors.Is(err, ErrNotInKeyring) {
		t.Errorf("OpenKeyring after DisableKeyring = %v, want ErrNotInKeyring", err)
	}
	// Disabling twice is fine.
	if err := v.DisableKeyring(); err != nil {
		t.Errorf("second DisableKeyring: %v", err)
	}
}

// keyringNoBusChild runs with a session bus address that leads nowhere. It
// runs in its own process because godbus caches the session connection.
func keyringNoBusChild() error {
	dir := os.Getenv("LIFELINE_KEYRING_DIR")
	pw, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = OpenKeyring(dir)
	fmt.Printf("keyring unavailable=%v ms=%d err=%v\n", errors.Is(err, ErrKeyringUnavailable), time.Since(start).Milliseconds(), err)
	fmt.Printf("status unavailable=%v\n", errors.Is(KeyringStatus(), ErrKeyringUnavailable))
	v, err := OpenPassword(dir, strings.TrimSuffix(pw, "\n"))
	if err != nil {
		return err
	}
	fmt.Printf("password accounts=%d\n", len(v.Doc.Accounts))
	return nil
}

func TestKeyringUnavailableFallsBackToPassword(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows' Credential Manager needs no session bus: there is none to lose")
	}
	v, _ := savedVault(t, 2)
	// As if the keyring had been enabled on a desktop that now has none.
	if err := v.setKeyringFlag(true); err != nil {
		t.Fatal(err)
	}
	cmd := helperCmd(t, "keyring-no-bus",
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent", "LIFELINE_KEYRING_DIR="+v.Dir)
	cmd.Stdin = strings.NewReader(testPassword + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 {
		t.Fatalf("child printed %q", out)
	}
	var unavailable bool
	var ms int
	if _, err := fmt.Sscanf(lines[0], "keyring unavailable=%t ms=%d", &unavailable, &ms); err != nil {
		t.Fatalf("parsing %q: %v", lines[0], err)
	}
	if !unavailable {
		t.Errorf("OpenKeyring without a bus: %s, want ErrKeyringUnavailable", lines[0])
	}
	if ms > 1000 {
		t.Errorf("OpenKeyring took %d ms to fail, want well under the %v timeout", ms, keyringTimeout)
	}
	if lines[1] != "status unavailable=true" {
		t.Errorf("KeyringStatus: %s", lines[1])
	}
	if lines[2] != "password accounts=2" {
		t.Errorf("password fallback: %s", lines[2])
	}
}

// A keyring that never answers is cut off by the timeout.
func TestKeyringTimeout(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent") // a bus to try: the call is made
	old := keyringTimeout
	keyringTimeout = 50 * time.Millisecond
	defer func() { keyringTimeout = old }()
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := keyringCall("hanging", func() (string, error) { <-release; return "", nil })
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("err = %v, want ErrKeyringUnavailable", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("gave up after %v", took)
	}
}

// A failing keyring is worded for people, the same in both faces: locked or
// missing, and what happens instead; the D-Bus words stay in Detail.
func TestKeyringErrorWords(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent") // a bus to try: the call is made
	raw := errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	cases := []struct {
		op   string
		f    func() (string, error)
		want string
	}{
		{KeyringOpRead, func() (string, error) { return "", raw }, "the system keyring is locked or missing, so the vault unlocks with the password instead"},
		{KeyringOpStore, func() (string, error) { return "", raw }, "the system keyring is locked or missing, so this device does not remember the vault: it unlocks with the password"},
		{KeyringOpDelete, func() (string, error) { return "", raw }, "the system keyring is locked or missing, so the vault key could not be removed from it, and nothing changed"},
	}
	for _, tc := range cases {
		t.Run(tc.op, func(t *testing.T) {
			_, err := keyringCall(tc.op, tc.f)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if !errors.Is(err, ErrKeyringUnavailable) || !errors.Is(err, raw) {
				t.Errorf("%v: not ErrKeyringUnavailable wrapping the keyring's error", err)
			}
			var ke *KeyringError
			if !errors.As(err, &ke) || !strings.Contains(ke.Detail(), "/org/freedesktop/secrets") {
				t.Errorf("the keyring's own error is lost: %v", err)
			}
		})
	}
	old := keyringTimeout
	keyringTimeout = 20 * time.Millisecond
	defer func() { keyringTimeout = old }()
	release := make(chan struct{})
	defer close(release)
	_, err := keyringCall(KeyringOpRead, func() (string, error) { <-release; return "", nil })
	if want := "the system keyring did not answer within 20ms, so the vault unlocks with the password instead"; err == nil || err.Error() != want {
		t.Errorf("timeout: %v, want %q", err, want)
	}
}

// With no session bus to find, the keyring is not called at all: godbus
// would autolaunch a dbus-daemon that outlives the command.
func TestKeyringWithoutSessionBus(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the keyring needs no D-Bus here")
	}
	if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err == nil {
		t.Skip("this user has a session bus at /run/user/UID/bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	called := false
	_, err := keyringCall(KeyringOpStore, func() (string, error) { called = true; return "", nil })
	if called {
		t.Fatal("the keyring was called without a session bus")
	}
	if !errors.Is(err, ErrKeyringUnavailable) || !errors.Is(err, errNoSessionBus) {
		t.Fatalf("err = %v, want ErrKeyringUnavailable for no session bus", err)
	}
}
