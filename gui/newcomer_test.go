package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestNewcomerPath is the newcomer's whole day in one window (issue 15):
// the phone is gone, so on a new laptop the vault comes back from a backup
// and the printed kit's QR code; then an account is added by paste, one by
// a QR image, one by a QR code on the screen; a code is copied; the window
// locks and unlocks with the new password; a backup is made; and a listed
// backup is restored over a mistake.
func TestNewcomerPath(t *testing.T) {
	u, clk, path, rk, _ := freshDevice(t)

	// The bad day: "Restore from a backup", the kit's QR code from a photo,
	// a new password.
	picks(t, path, kitPNG(t, rk))
	tapButton(t, u, kit.RestoreButton)
	tapButton(t, u, kit.ScanButton)
	tapMenuItem(t, u, "From a file (the kit’s PDF, or a photo or scan of it)…")
	u.Wait()
	u.Wait()
	const password = "a new long password"
	findEntry(t, u, "New password").SetText(password)
	findEntry(t, u, "The same password again").SetText(password)
	submit(t, u, "The same password again")
	u.Wait()
	if u.Screen() != screenList || labels(u.vault.Doc.Accounts) != "GitHub:alice,GitLab:bob" {
		t.Fatalf("after the restore: screen %q, accounts %s\n%s", u.Screen(), labels(u.vault.Doc.Accounts), visibleText(u))
	}
	u.notice.hide()

	// Add by paste: a setup link copied from a site.
	pasted := totp("Proton", "carol", "MFRGGZDFMZTWQ2LK")
	u.clipboard().SetContent(core.FormatURI(&pasted))
	u.scanClipboard()
	addsOneMore(t, u, "TOTP Proton:carol", 3)

	// Add by a QR image, from the add screen's own button.
	img := totp("Mastodon", "dave", "JBSWY3DPEHPK3PXP")
	imgPath := filepath.Join(testkit.TempDir(t), "mastodon.png")
	if err := os.WriteFile(imgPath, qrPNG(t, core.FormatURI(&img)), 0o600); err != nil {
		t.Fatal(err)
	}
	picks(t, imgPath)
	u.showAdd("")
	tapButton(t, u, "…from image")
	addsOneMore(t, u, "TOTP Mastodon:dave", 4)

	// Add by a QR code on the screen: shown on an X server of the test's own.
	screen := totp("Discord", "erin", "GEZDGNBVGY3TQOJQ")
	disp := testkit.StartXvfb(t)
	onScreen := filepath.Join(testkit.TempDir(t), "screen.png")
	if err := os.WriteFile(onScreen, qrPNG(t, core.FormatURI(&screen)), 0o600); err != nil {
		t.Fatal(err)
	}
	testkit.ShowImage(t, disp, onScreen, 400, 200)
	t.Setenv("DISPLAY", disp)
	t.Setenv("XAUTHORITY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	scanScreenUntilFound(t, u, "TOTP Discord:erin")
	addsOneMore(t, u, "TOTP Discord:erin", 5)

	// Copy: a click on the row puts its code on the clipboard.
	i := index(u, "GitHub:alice")
	u.showList()
	u.list.list.Select(slices.Index(u.list.view, i)) // the row that shows it
	if got, want := u.clipboard().Content(), u.vault.Doc.Accounts[i].Code(clk.Now()); got != want {
		t.Fatalf("clipboard %q, want GitHub's code %q", got, want)
	}

	// Lock, then unlock with the password chosen at the restore.
	u.lock()
	if u.Screen() != screenUnlock || u.vault != nil {
		t.Fatalf("after lock: screen %q, vault open %v", u.Screen(), u.vault != nil)
	}
	findEntry(t, u, "Password").SetText(password)
	submit(t, u, "Password")
	u.Wait()
	if u.Screen() != screenList || len(u.vault.Doc.Accounts) != 5 {
		t.Fatalf("after unlock: screen %q\n%s", u.Screen(), visibleText(u))
	}

	// Back up, make a mistake, and restore the backup the Backups page lists.
	u.showBackupSettings()
	u.Wait()
	tapButton(t, u, "Back up now")
	u.Wait()
	clk.Advance(2 * time.Second)
	u.list.confirmDelete(index(u, "Proton:carol"))
	tapButton(t, u, "Delete")
	u.Wait()
	if strings.Contains(labels(u.vault.Doc.Accounts), "Proton") {
		t.Fatal("the delete did not happen")
	}
	u.showBackupSettings()
	u.Wait()
	if !strings.Contains(visibleText(u), "5 accounts · verified") {
		t.Fatalf("the backup made is not listed:\n%s", visibleText(u))
	}
	var restores []*widget.Button
	everything(u, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Restore" {
			restores = append(restores, b)
		}
	})
	if len(restores) == 0 {
		t.Fatalf("no Restore beside the backups:\n%s", visibleText(u))
	}
	test.Tap(restores[0]) // the newest, listed first
	u.Wait()
	tapButton(t, u, "Open") // its own backup: no key to type
	u.Wait()
	mode := modeChoice(t, u)
	mode.SetSelected(mode.Options[1]) // Replace: back to the backup exactly
	tapButton(t, u, "Apply")
	tapButton(t, u, "Yes")
	u.Wait()
	got := strings.Split(labels(u.vault.Doc.Accounts), ",")
	slices.Sort(got)
	if strings.Join(got, ",") != "Discord:erin,GitHub:alice,GitLab:bob,Mastodon:dave,Proton:carol" {
		t.Fatalf("after restoring the listed backup: %s", got)
	}
	saved, err := vault.OpenPassword(u.vault.Dir, password)
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Drop()
	if got := labels(saved.Doc.Accounts); !strings.Contains(got, "Proton:carol") {
		t.Fatalf("the restore is not saved: %s", got)
	}
}

// addsOneMore waits for the scan's result, checks it shows want, and adds
// its one account; the vault then holds n.
func addsOneMore(t *testing.T, u *UI, want string, n int) {
	t.Helper()
	u.Wait()
	if txt := visibleText(u); !strings.Contains(txt, want) {
		t.Fatalf("no %q offered:\n%s", want, txt)
	}
	tapButton(t, u, "Add 1 account")
	u.Wait()
	if got := len(u.vault.Doc.Accounts); got != n {
		t.Fatalf("accounts = %d, want %d", got, n)
	}
}

// scanScreenUntilFound taps "Scan QR code on screen" until the result
// shows want: the picture may take a moment to appear on the new server.
func scanScreenUntilFound(t *testing.T, u *UI, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		u.showAdd("")
		tapButton(t, u, "Scan QR code on screen")
		u.Wait()
		if strings.Contains(visibleText(u), want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen scan never found %q:\n%s", want, visibleText(u))
		}
		u.closeOverlays()
	}
}

// index is the position of the account labelled issuer:name.
func index(u *UI, label string) int {
	for i, a := range u.vault.Doc.Accounts {
		if a.Issuer+":"+a.Name == label {
			return i
		}
	}
	return -1
}
