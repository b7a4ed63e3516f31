package gui

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Every "Save…" goes through saveFile: the file it writes is the owner's
// only, even where one with wider permissions stood, and a write that
// fails halfway leaves the file that was there as it was and no
// temporary file beside it.
func TestSaveFile(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	dir := t.TempDir()
	path := filepath.Join(dir, "kit.pdf")
	if err := os.WriteFile(path, []byte("the old kit"), 0o644); err != nil {
		t.Fatal(err)
	}
	savesTo(t, path)

	failed := false
	u.saveFile("kit.pdf", "Could not save it", func(w io.Writer) error {
		if _, err := io.WriteString(w, "half of a new k"); err != nil {
			return err
		}
		return errors.New("the disk is full")
	}, func(string) { failed = true })
	if failed {
		t.Error("saved was called after a failed write")
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "the old kit" {
		t.Fatalf("after a failed write the file holds %q (%v), want the old kit", b, err)
	}
	if txt := visibleText(u); !strings.Contains(txt, "Could not save it") || !strings.Contains(txt, "Writing kit.pdf: the disk is full.") {
		t.Errorf("no error shown after a failed write:\n%s", txt)
	}
	u.closeOverlays()

	var got string
	u.saveFile("kit.pdf", "Could not save it", writeBytes([]byte("the new kit")), func(p string) { got = p })
	if got != path {
		t.Fatalf("saved(%q), want %q", got, path)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("saved file: %v, %v; want mode 0600", st, err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the new kit" {
		t.Errorf("saved file holds %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the saved one", len(entries))
	}
	if d := u.prefs.p.String(prefSaveFolder); d != dir {
		t.Errorf("remembered folder %q, want %q", d, dir)
	}
}

// A plaintext export is written 0600 from its first byte (it used to be
// created with default permissions and chmodded afterwards).
func TestExportIsOwnerOnly(t *testing.T) {
	u, _ := unlocked(t, makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")))
	path := filepath.Join(t.TempDir(), "otpauth-links.txt")
	savesTo(t, path)
	newExportScreen(u).exportTo(exportOTPAuth, "")
	u.Wait()
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("export: %v, %v; want mode 0600", st, err)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "otpauth://totp/GitHub:alice") {
		t.Errorf("export holds %q", b)
	}
	if n := u.notice.Text(); n != "Exported to otpauth-links.txt." {
		t.Errorf("notice %q", n)
	}
}

// The export reads its copy off the UI goroutine, so the copy must share
// nothing the UI goroutine changes in place meanwhile: the secrets (which
// the export wipes when done), the recovery codes, the settings map.
func TestExportCopySharesNothing(t *testing.T) {
	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	if err := a.AddRecoveryCodes([]string{"1a2b3-c4d5e"}, testEpoch); err != nil {
		t.Fatal(err)
	}
	doc := &vault.Document{Accounts: []core.Account{a}, Settings: map[string]json.RawMessage{"backup": json.RawMessage(`{}`)}}
	c := exportCopy(doc)
	clear(c.Accounts[0].Secret)
	c.Accounts[0].RecoveryCodes[0].Code = "changed"
	c.Settings["kit"] = json.RawMessage(`{}`)
	if doc.Accounts[0].Secret.Base32() != "JBSWY3DPEHPK3PXP" {
		t.Error("wiping the copy's secret wiped the vault's")
	}
	if doc.Accounts[0].RecoveryCodes[0].Code == "changed" {
		t.Error("the copy shares the recovery codes")
	}
	if len(doc.Settings) != 1 {
		t.Error("the copy shares the settings map")
	}
}

// Fyne's save dialog creates (or empties) the file before saveFile runs;
// when nothing can be written there, no empty file is left behind.
func TestSaveFileLeavesNoEmptyFile(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	path := filepath.Join(t.TempDir(), "codes.png")
	if err := os.WriteFile(path, nil, 0o644); err != nil { // as the dialog leaves it
		t.Fatal(err)
	}
	savesTo(t, path)
	u.saveFile("codes.png", "Could not save the QR code", func(io.Writer) error { return errors.New("no") }, func(string) {
		t.Error("saved was called after a failed write")
	})
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the empty file is still there (stat: %v)", err)
	}
}
