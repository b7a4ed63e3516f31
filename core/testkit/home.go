package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// HomeEnv is the environment that keeps whatever a program stores for
// the person (its config, device folder, caches, Fyne's preferences)
// under home instead of the real one: the XDG folders on Linux and
// %AppData% / %LocalAppData% on Windows, where os.UserConfigDir reads
// those and not $HOME. Append it after os.Environ(); the last value wins.
func HomeEnv(home string) []string {
	return []string{
		"HOME=" + home,
		"USERPROFILE=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local", "share"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".local", "state"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"APPDATA=" + filepath.Join(home, "AppData", "Roaming"),
		"LOCALAPPDATA=" + filepath.Join(home, "AppData", "Local"),
	}
}

// SetHome points this test's own process at home the way HomeEnv does
// for a child (t.Setenv, undone when the test ends).
func SetHome(t testing.TB, home string) {
	t.Helper()
	for _, kv := range HomeEnv(home) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// IsolateHome gives a whole test binary a throwaway home (HomeEnv, set
// with os.Setenv), for TestMain: a vault's device folder, a moved vault's
// location and the keyring's fallbacks then never reach the person's own
// folders, nor another package's tests running at the same time. The
// returned func removes it.
func IsolateHome() (remove func()) {
	home, err := os.MkdirTemp("", "lifeline-home")
	if err != nil {
		panic(err)
	}
	for _, kv := range HomeEnv(home) {
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
	}
	return func() { removeTree(home) }
}

// Main runs a package's tests in a throwaway home (IsolateHome) and exits
// with their status: the whole of a TestMain that needs nothing else.
func Main(m *testing.M) {
	remove := IsolateHome()
	code := m.Run()
	remove()
	os.Exit(code)
}
