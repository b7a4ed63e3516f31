package gui

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The keyring tests run the test binary again in a child process: godbus
// caches its session connection, so each bus setting needs its own
// process. keyringRole tells the child which test it is there for.
const keyringRole = "LIFELINE_GUI_KEYRING_ROLE"

// runChild runs one child test with role set and extra environment, and
// fails unless that test passed (a skip in the child is a failure here).
func runChild(t *testing.T, name, role string, wrap []string, env ...string) {
	t.Helper()
	args := append(wrap, os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), append([]string{keyringRole + "=" + role}, env...)...)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("child %s failed (%v):\n%s", name, err, out)
	}
}

// TestKeyringRemembered: first run with "remember on this device" stores
// the key in a real gnome-keyring; the next start unlocks without asking;
// after a lock the password is needed again.
func TestKeyringRemembered(t *testing.T) {
	testkit.NeedTools(t, "dbus-run-session", "gnome-keyring-daemon")
	// --unlock returns before the daemon owns its bus name; a client asking
	// earlier makes D-Bus start a second daemon that outlives the session.
	// So wait for the name first (as .ci/with-session does).
	script := `printf 'pw\n' | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
for i in $(seq 100); do
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
	sleep 0.05
done
exec "$@"`
	runChild(t, "TestKeyringRememberedChild", "session", []string{"dbus-run-session", "--", "sh", "-c", script, "sh"},
		throwawayHome(t)...)
}

// throwawayHome is the environment of a child that starts its own bus and
// keyring: HOME and the XDG folders in a temporary folder, so neither the
// daemon nor one D-Bus activates writes to the person's own keyring.
func throwawayHome(t *testing.T) []string {
	h := t.TempDir()
	return append(testkit.HomeEnv(h), "XDG_RUNTIME_DIR="+h)
}

func TestKeyringRememberedChild(t *testing.T) {
	if os.Getenv(keyringRole) != "session" {
		t.Skip("runs inside TestKeyringRemembered's D-Bus session")
	}
	dir := filepath.Join(t.TempDir(), "vault")
	u, _ := newTestUI(t, dir)
	u.Start()
	tapButton(t, u, "Create a new vault")
	typeInto(t, u, "Password", testPassword)
	typeInto(t, u, "The same password again", testPassword)
	everythingCheck(t, u, "Remember on this device (system keyring)")
	tapButton(t, u, "Create vault")
	u.Wait()
	if strings.Contains(visibleText(u), "could not remember") {
		t.Fatalf("keyring refused: %s", visibleText(u))
	}
	if m := readMetaFile(t, dir); !m.Keyring {
		t.Fatal("lifeline.json does not record the keyring")
	}

	// The next start opens the vault by itself.
	u2, _ := newTestUI(t, dir)
	u2.Start()
	u2.Wait()
	if u2.Screen() != screenList {
		t.Fatalf("start with a remembered vault shows %q; text:\n%s", u2.Screen(), visibleText(u2))
	}
	// Locking means the password again, not the keyring.
	u2.lock()
	u2.Wait()
	if u2.Screen() != screenUnlock || u2.vault != nil {
		t.Fatalf("after lock: screen %q, vault open %v", u2.Screen(), u2.vault != nil)
	}
}

// TestKeyringUnavailable: a vault remembered on a desktop whose keyring
// does not answer asks for the password and says why.
func TestKeyringUnavailable(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	m := readMetaFile(t, dir)
	m.Keyring = true // as if enabled on a desktop that has no keyring now
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, vault.MetaFile), b, 0o600); err != nil {
		t.Fatal(err)
	}
	runChild(t, "TestKeyringUnavailableChild", "no-bus", nil,
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "no-bus"), "LIFELINE_TEST_DIR="+dir)
}

func TestKeyringUnavailableChild(t *testing.T) {
	if os.Getenv(keyringRole) != "no-bus" {
		t.Skip("runs inside TestKeyringUnavailable")
	}
	u, _ := newTestUI(t, os.Getenv("LIFELINE_TEST_DIR"))
	u.Start()
	u.Wait()
	if u.Screen() != screenUnlock {
		t.Fatalf("screen %q, want unlock", u.Screen())
	}
	if got := visibleText(u); !strings.Contains(got, "The system keyring is locked or missing, so the vault unlocks with the password instead.") {
		t.Errorf("no keyring message; text:\n%s", got)
	}
	e := findEntry(t, u, "Password")
	if e.Disabled() {
		t.Fatal("password field disabled after the keyring failed")
	}
	typeInto(t, u, "Password", testPassword)
	submit(t, u, "Password")
	u.Wait()
	if u.Screen() != screenList {
		t.Fatalf("password unlock after keyring failure: screen %q", u.Screen())
	}
}

func readMetaFile(t *testing.T, dir string) vault.Meta {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, vault.MetaFile))
	if err != nil {
		t.Fatal(err)
	}
	var m vault.Meta
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// everythingCheck ticks the check box with this label.
func everythingCheck(t *testing.T, u *UI, label string) {
	t.Helper()
	found := false
	everything(u, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == label {
			test.Tap(c)
			found = true
		}
	})
	if !found {
		t.Fatalf("no check box %q", label)
	}
}
