//go:build !windows

package gui

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// TestDropReadsOffTheUIGoroutine drops a named pipe, which reads only as
// fast as its writer writes (a slow disk, a network folder, a 64 MiB file):
// dropped returns at once with a working indicator, and the links written
// later still reach the add screen.
func TestDropReadsOffTheUIGoroutine(t *testing.T) {
	u, _, _ := unlockedVault(t)
	pipe := filepath.Join(t.TempDir(), "links.txt")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	returned := make(chan struct{})
	go func() {
		u.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(pipe)})
		close(returned)
	}()
	select {
	case <-returned:
		if txt := visibleText(u); !strings.Contains(txt, "Reading links.txt…") {
			t.Errorf("no working indicator while the file is read:\n%s", txt)
		}
	case <-time.After(5 * time.Second):
		t.Error("dropping a file blocks the UI goroutine until the file is read")
	}
	link := "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
	if err := os.WriteFile(pipe, []byte(link), 0o600); err != nil {
		t.Fatal(err)
	}
	<-returned
	u.Wait()
	if u.Screen() != screenAdd || !strings.Contains(visibleText(u), link) {
		t.Fatalf("after the read: screen %q, text:\n%s", u.Screen(), visibleText(u))
	}
}
