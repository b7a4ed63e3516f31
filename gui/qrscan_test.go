package gui

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

func qrPNG(t *testing.T, text string) []byte {
	t.Helper()
	b, err := qr.PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestScanAccountImage(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	img := qrPNG(t, core.FormatURI(&a))
	for _, want := range []string{"Added 1 account", "Added 0 accounts (1 already there)"} {
		u.scanImageData("code.png", img)
		u.Wait()
		txt := visibleText(u)
		if !strings.Contains(txt, "Found in code.png") || !strings.Contains(txt, "TOTP GitHub:alice") {
			t.Fatalf("scan result:\n%s", txt)
		}
		tapButton(t, u, "Add 1 account")
		if got := u.notice.Text(); got != want {
			t.Errorf("notice = %q, want %q", got, want)
		}
	}
	if n := len(u.vault.Doc.Accounts); n != 1 {
		t.Fatalf("accounts = %d, want 1", n)
	}
	if got := u.vault.Doc.Accounts[0].Secret.Base32(); got != a.Secret.Base32() {
		t.Errorf("secret differs after scanning")
	}
}

func TestScanMigrationOutOfOrder(t *testing.T) {
	var accs []core.Account
	for i := range 25 {
		accs = append(accs, totp(fmt.Sprintf("Site%02d", i), "me", "JBSWY3DPEHPK3PXP"+strings.Repeat("A", i%4*8)))
	}
	exp, err := qr.MigrationImages(accs)
	if err != nil || len(exp.Batches) != 3 {
		t.Fatalf("export: %v, %d batches", err, len(exp.Batches))
	}
	u, _ := unlocked(t, makeVault(t))
	for n, i := range []int{2, 0, 2} {
		u.scanImageData(exp.Batches[i].Name, exp.Batches[i].PNG)
		u.Wait()
		want := []string{"1 of 3 scanned", "2 of 3 scanned", "2 of 3 scanned"}[n]
		if txt := visibleText(u); !strings.Contains(txt, want) {
			t.Fatalf("after scan %d: no %q in\n%s", n+1, want, txt)
		}
		if n == 2 {
			findButton(t, u, "Add now (15 accounts)") // batches 1 and 3: 10 + 5, the repeat ignored
		}
		u.closeOverlays()
	}
	u.scanImageData(exp.Batches[1].Name, exp.Batches[1].PNG)
	u.Wait()
	tapButton(t, u, "Add 25 accounts")
	if n := len(u.vault.Doc.Accounts); n != 25 {
		t.Fatalf("accounts after the export = %d, want 25", n)
	}
}

func TestScanOtherContent(t *testing.T) {
	blank := new(bytes.Buffer)
	if err := png.Encode(blank, image.NewGray(image.Rect(0, 0, 200, 200))); err != nil {
		t.Fatal(err)
	}
	_, rk, err := vault.Create(t.TempDir(), testPassword, testEpoch)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		img  []byte
		want string
	}{
		{"recovery key", qrPNG(t, kit.KeyQRText(rk)), "Restore a backup with this key"},
		{"web address", qrPNG(t, "https://example.com/"), "not a 2FA account"},
		{"no code", blank.Bytes(), "No QR code found"},
	}
	u, _ := unlocked(t, makeVault(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u.scanImageData(tt.name+".png", tt.img)
			u.Wait()
			if txt := visibleText(u); !strings.Contains(txt, tt.want) {
				t.Errorf("no %q in\n%s", tt.want, txt)
			}
			u.closeOverlays()
		})
	}
}

func TestScanPastedText(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	u.clipboard().SetContent("")
	clearXClipboard(t)
	u.scanClipboard()
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, "on the window") {
		t.Errorf("empty clipboard message does not say how images work:\n%s", txt)
	}
	u.closeOverlays()
	a := totp("GitLab", "bob", "JBSWY3DPEHPK3PXP")
	u.clipboard().SetContent(core.FormatURI(&a))
	u.scanClipboard()
	addsTheOnePreviewed(t, u, "TOTP GitLab:bob", "pasted link not previewed")
}

// addsTheOnePreviewed waits for the paste's preview, checks it shows want,
// and adds its one account to the empty vault.
func addsTheOnePreviewed(t *testing.T, u *UI, want, failure string) {
	t.Helper()
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, want) {
		t.Fatalf("%s:\n%s", failure, txt)
	}
	tapButton(t, u, "Add 1 account")
	if n := len(u.vault.Doc.Accounts); n != 1 {
		t.Fatalf("accounts = %d, want 1", n)
	}
}

// xclipServe puts data of MIME type mime on the X clipboard (the real one,
// under make test's Xvfb) until the test ends.
func xclipServe(t *testing.T, mime string, data []byte) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "clip")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xclip", "-quiet", "-selection", "clipboard", "-t", mime, "-i", f)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	time.Sleep(200 * time.Millisecond) // xclip takes the selection
}

// clearXClipboard leaves the X clipboard holding only an empty text.
func clearXClipboard(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		return
	}
	if _, err := exec.LookPath("xclip"); err == nil {
		xclipServe(t, "text/plain", nil)
	}
}

// A copied picture of a QR code, pasted with Ctrl+V on the list, adds its
// account: the image comes from the real X clipboard.
func TestPasteQRImage(t *testing.T) {
	testkit.NeedDisplay(t)
	testkit.NeedTools(t, "xclip")
	a := totp("Mastodon", "alice", "JBSWY3DPEHPK3PXP")
	pic, err := qr.PNG(core.FormatURI(&a))
	if err != nil {
		t.Fatal(err)
	}
	xclipServe(t, "image/png", pic)
	u, _ := unlocked(t, makeVault(t))
	u.clipboard().SetContent("")
	u.win.Canvas().Unfocus() // no text field takes the paste: the list's Ctrl+V
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutPaste{})
	addsTheOnePreviewed(t, u, "TOTP Mastodon:alice", "pasted image not scanned")
}

// TestAddScreenScansInOneClick: scanning a QR code on the screen or in an
// image is a button on the add screen, not two menus down; the result's
// main action sits where every dialog puts it: last in the centred row of
// buttons, after Close.
func TestAddScreenScansInOneClick(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	u.showAdd("")
	findButton(t, u, "Scan QR code on screen")
	tapButton(t, u, "…from image")
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("…from image opened no file dialog")
	}
	u.closeOverlays()

	a := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	u.scanImageData("code.png", qrPNG(t, core.FormatURI(&a)))
	u.Wait()
	assertDialogButtons(t, u, "Close", "Add 1 account")
	tapButton(t, u, "Add 1 account")
	// Fyne's own confirm dialog lays them out the same way.
	u.list.confirmDelete(0)
	assertDialogButtons(t, u, "No", "Delete")
}

// assertDialogButtons checks the top dialog's buttons: in one row, in this
// order, each with an icon, the last one the main action.
func assertDialogButtons(t *testing.T, u *UI, texts ...string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var got []*widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && o.Visible() {
			got = append(got, b)
		}
	})
	var names []string
	for _, b := range got {
		names = append(names, b.Text)
	}
	if strings.Join(names, "|") != strings.Join(texts, "|") {
		t.Fatalf("dialog buttons %q, want %q", names, texts)
	}
	d := fyne.CurrentApp().Driver()
	first := d.AbsolutePositionForObject(got[0])
	for i, b := range got {
		p := d.AbsolutePositionForObject(b)
		if p.Y != first.Y || i > 0 && p.X <= d.AbsolutePositionForObject(got[i-1]).X {
			t.Errorf("button %q at %v, not in one row after the one before (first at %v)", b.Text, p, first)
		}
		if b.Icon == nil {
			t.Errorf("button %q has no icon", b.Text)
		}
	}
	if last := got[len(got)-1]; last.Importance != widget.HighImportance && last.Importance != widget.DangerImportance {
		t.Errorf("the main action %q is not highlighted", last.Text)
	}
}
