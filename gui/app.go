package gui

import (
	"fmt"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
	_ "github.com/lifelineauth/lifeline/gui/internal/localefix" // before Fyne reads the locale
)

// AppID is the application ID; Fyne keys the preferences file by it.
const AppID = "io.github.lifelineauth.lifeline"

// Run opens the window on the vault in dir ("" means vault.DefaultDir())
// and returns when the app quits.
func Run(dir string) {
	a := app.NewWithID(AppID)
	if err := securePrefsFile(prefsFile(a)); err != nil { // prefsfile.go
		fyne.LogError("making the preferences file 0600", err)
	}
	u := New(a, dir, core.SystemClock{})
	// The tray must be set before Run: Fyne starts it only as Run begins
	// (set later, it is never started and Quit crashes in systray). It
	// costs a hidden GL window, so only where a tray will show it.
	if trayHostAvailable() {
		u.setupTray()
	}
	u.Start()
	u.win.ShowAndRun()
}

// UI is the whole window: the app, the open vault, the settings and the
// screen that is showing.
type UI struct {
	app   fyne.App
	win   fyne.Window
	clock core.Clock
	dir   string
	prefs windowPrefs

	vault  *vault.Vault // nil while locked
	screen string       // the screen showing (screens.go), for tests and the ticker
	list   *accountsScreen

	menus   menus
	dialogs []dialog.Dialog // open dialogs, closed when locking
	notice  *notice
	clip    clipboardGuard
	scan    scanState // QR scans in progress and migration batches (qrscan.go)
	tick    tickState

	// busy counts background operations that use the vault; a lock that
	// comes meanwhile waits for them (the vault is not safe for
	// concurrent use and Drop would pull it from under them).
	busy        int
	pendingLock bool
	lastActive  time.Time // last input or unlock, for the idle lock
	lastInput   time.Time // last input, for the ticker's pace
	visible     bool      // window shown (false when hidden to the tray)
	themeGen    int       // bumped when the theme changes
	avatars     avatars   // accounts' brand icons (avatar.go)
	hasTray     bool
	backups     *backupsState // automatic backups of the open vault (backups.go)
	watch       watchState    // following vault.age on disk (reload.go)

	// do runs a goroutine's result on the UI goroutine: fyne.Do. Tests
	// queue instead and run the queue in Wait: the test driver's fyne.Do
	// runs in the calling goroutine, which would race with the test.
	do func(func())
	// doTimer is do for the UI's timers (after): fyne.Do too, except in
	// tests, whose fake clock fires timers inside Advance on the test's
	// goroutine (a test's UI goroutine), where the work may run at once, as
	// fyne.Do runs it on the UI goroutine at the tick.
	doTimer func(func())
	// bg tracks goroutines so tests can wait for them.
	bg        sync.WaitGroup
	afterWait func()
}

// New builds the UI on a Fyne app (the real one, or test.NewTempApp) and a
// clock. dir "" is vault.DefaultDir(). Call Start to show the first screen.
func New(a fyne.App, dir string, c core.Clock) *UI {
	if dir == "" {
		d, err := vault.DefaultDir()
		if err != nil {
			fyne.LogError("finding the vault directory", err)
		}
		dir = d
	}
	u := &UI{app: a, clock: c, dir: dir, visible: true, do: fyne.Do, doTimer: fyne.Do}
	u.prefs = loadPrefs(a.Preferences())
	u.applyTheme()
	u.win = a.NewWindow("Lifeline")
	u.win.SetIcon(appIcon)
	u.win.Resize(fyne.NewSize(560, 720))
	u.win.SetCloseIntercept(u.onClose)
	u.win.SetOnDropped(u.dropped)
	u.notice = newNotice(u)
	u.addShortcuts()
	a.Lifecycle().SetOnEnteredForeground(u.onForeground)
	a.Lifecycle().SetOnExitedForeground(u.onBackground)
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Screen names the screen that is showing.
func (u *UI) Screen() string { return u.screen }

// Start shows first run when dir holds no vault, else unlocks (through the
// keyring when the vault was remembered on this device).
func (u *UI) Start() {
	if !vault.Exists(u.dir) {
		u.showFirstRun()
		return
	}
	u.showUnlock(true)
}

// logScreens (LIFELINE_LOG_SCREEN=1) has show write each screen's name to
// stderr ("lifeline: screen accounts"), so a test of the real binary can
// tell which screen it shows.
var logScreens = os.Getenv("LIFELINE_LOG_SCREEN") == "1"

// show puts a screen's content in the window, under the notice.
func (u *UI) show(name string, content fyne.CanvasObject) {
	// Unfocus first: SetContent replaces the focus manager without telling
	// the focused widget, and an Entry that never hears FocusLost keeps its
	// cursor animation running (and the window redrawing) forever.
	u.win.Canvas().Unfocus()
	u.screen = name
	u.scan.keyTo = nil // a field that asked for a recovery key is gone
	if logScreens {
		fmt.Fprintln(os.Stderr, "lifeline: screen", name)
	}
	u.win.SetContent(container.NewStack(content, u.notice.overlay))
}

// page lays out a screen below the list: a header with a back button, the
// title (truncated when long) and an optional action at the right; the
// body scrolls under it; footer, if not nil, stays at the bottom.
func page(title string, back func(), action, body, footer fyne.CanvasObject) fyne.CanvasObject {
	t := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Truncation: fyne.TextTruncateEllipsis}
	header := container.NewBorder(nil, nil, widget.NewButtonWithIcon("", theme.NavigateBackIcon(), back), action, t)
	if footer != nil {
		footer = container.NewPadded(footer)
	}
	return container.NewBorder(container.NewPadded(header), footer, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// goBackground runs f in a goroutine that tests can wait for (Wait). f
// hands its result to the UI with u.do.
func (u *UI) goBackground(f func()) {
	u.bg.Add(1)
	go func() {
		defer u.bg.Done()
		f()
	}()
}

// after runs f on the UI goroutine, through doTimer, once d has passed on
// u.clock: every timer of the window is one of these. stop cancels it and
// reports whether it did.
func (u *UI) after(d time.Duration, f func()) (stop func() bool) {
	return u.clock.AfterFunc(d, func() { u.doTimer(f) })
}

// Wait blocks until the goroutines started by the UI have finished and
// their results are on screen (tests).
func (u *UI) Wait() {
	u.bg.Wait()
	if u.afterWait != nil {
		u.afterWait()
	}
}

// save writes the vault (merging first what another process saved, see
// saveVault) and says so if it failed. Saving takes milliseconds (age
// X25519, no KDF), so it runs on the UI goroutine, which also keeps the
// vault single-threaded.
func (u *UI) save() bool {
	if u.vault == nil {
		return false
	}
	if err := u.saveVault(); err != nil { // reload.go: reloads and retries
		u.saveFailed(err) // savefail.go
		return false
	}
	u.backupChanged()
	return true
}

// opened is called on the UI goroutine once a vault is open.
func (u *UI) opened(v *vault.Vault) {
	u.vault = v
	u.lastActive = u.clock.Now()
	u.list = newAccountsScreen(u)
	u.showList()
	u.startWatch()
	u.startTicker()
	u.updateMenus()
	u.nagKit() // kitsave.go: until a Recovery Kit exists for this key
}

// showList returns to the list of accounts.
func (u *UI) showList() {
	if u.vault == nil {
		u.showUnlock(false)
		return
	}
	if u.list.themeGen != u.themeGen {
		u.list.themeGen = u.themeGen
		u.list.content.Refresh()
	}
	u.list.rebuild()
	u.show(screenList, u.withBackupBanner(u.withReadyBanner(u.list.content)))
	u.list.focusList()
	u.offerClipboardURI()
}

// activity records that the person did something, for the idle lock and
// the ticker's pace.
func (u *UI) activity() {
	u.lastActive = u.clock.Now()
	u.lastInput = u.lastActive
	u.wake()
}

func (u *UI) onClose() {
	if u.prefs.closeToTray && u.trayReady() {
		u.win.Hide()
		u.visible = false
		return
	}
	u.quit()
}

// quit forgets the secrets, clears a code left on the clipboard and exits.
func (u *UI) quit() {
	u.clip.clearNow(u)
	u.closeBackups(false)
	u.stopWatch()
	if u.vault != nil {
		u.vault.Drop()
		u.vault = nil
	}
	u.app.Quit()
}

func (u *UI) showWindow() {
	u.win.Show()
	u.win.RequestFocus()
	u.visible = true
}

// onForeground: focus alone is not input (a window manager focuses a new
// window by itself), so the ticker keeps its pace until the person acts.
func (u *UI) onForeground() {
	u.tick.unfocused = false
	if u.screen == screenList {
		u.offerClipboardURI()
	}
}

func (u *UI) onBackground() { u.tick.unfocused = true }

// trackDialog remembers d so that locking closes it.
func (u *UI) trackDialog(d dialog.Dialog) dialog.Dialog {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		for i, x := range u.dialogs {
			if x == d {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
	})
	return d
}

// showInfo is a plain tracked information dialog.
func (u *UI) showInfo(title, text string) {
	d := dialog.NewInformation(title, text, u.win)
	u.trackDialog(d).Show()
}

// closeOverlays hides dialogs and pop-up menus, which may show secrets.
func (u *UI) closeOverlays() {
	for len(u.dialogs) > 0 {
		u.dialogs[len(u.dialogs)-1].Hide()
	}
	ov := u.win.Canvas().Overlays()
	for o := ov.Top(); o != nil; o = ov.Top() {
		ov.Remove(o)
	}
}
