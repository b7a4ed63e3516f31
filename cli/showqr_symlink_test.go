package cli

import (
	"os"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestCLIShowQRNeverFollowsASymlink: a symlink at the --qr path, to a file
// or to nowhere, is neither followed nor replaced; a new file is 0600.
func TestCLIShowQRNeverFollowsASymlink(t *testing.T) {
	testkit.SkipUnderWine(t, "its symlinks are the host's Unix links, and it creates a hard link through one where Windows refuses (CreateHardLink on an existing name)")
	e, pw := initEnv(t) // newEnv, init: the same at d174bfc^, where it fails
	e.ok("", "add", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP", "--password-file", pw)
	victim := e.write("victim.txt", "keep me")
	link, dangling, nowhere := e.path("link.png"), e.path("dangling.png"), e.path("nowhere.txt")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(nowhere, dangling); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{link, dangling} {
		e.fails(1, "already exists", "show", "github", "--qr", p, "--password-file", pw)
		if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer the symlink: %v", p, err)
		}
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the file the symlink points to was written: %q", b)
	}
	if _, err := os.Lstat(nowhere); !os.IsNotExist(err) {
		t.Errorf("the dangling symlink's target was created: %v", err)
	}
	png := e.path("new.png")
	e.ok("", "show", "github", "--qr", png, "--password-file", pw)
	testkit.WantMode(t, png, 0o600)
}
