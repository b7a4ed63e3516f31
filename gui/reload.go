package gui

import (
	"errors"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/fsnotify/fsnotify"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The window follows the vault's replicas on disk (vault.age, replicas/,
// a sync engine's conflict copies): the CLI, another Lifeline or a sync
// engine bringing another computer's changes may change them while the
// window is open. A goroutine watches the files (fsnotify, and a poll of
// their hashes where notifications are missing)
// and tells the UI goroutine through u.do; the UI goroutine reloads
// (vault.Reload), merges what it had not saved yet (backup.Reconcile) and
// refreshes what is showing. Saves that find the file changed reload and
// try again (saveVault).

// Polling: every pollFallback when notifications fail, every pollSafety
// besides them (a network folder may never send any).
var (
	pollFallback = time.Second
	pollSafety   = 5 * time.Second
)

// newWatcher is fsnotify's; tests make it fail.
var newWatcher = fsnotify.NewWatcher

// saveTries bounds the reload-and-retry of a save another process keeps
// racing.
const saveTries = 5

// watchState is the watcher of the open vault and what the UI goroutine
// knows about the document's unsaved changes.
type watchState struct {
	stop chan struct{}
	// synced is Doc.Updated as vault.age was last read or written.
	synced time.Time
	// unsaved: a save failed, so Doc holds changes vault.age lacks and a
	// reload merges instead of replacing.
	unsaved bool
}

// startWatch follows the open vault's file. Call on the UI goroutine.
func (u *UI) startWatch() {
	u.stopWatch()
	u.watch.synced, u.watch.unsaved = u.vault.Doc.Updated, false
	stop := make(chan struct{})
	u.watch.stop = stop
	// The knobs are read here, on the UI goroutine, where tests set them.
	w := fileWatch{dir: u.vault.Dir, stop: stop, open: newWatcher, fallback: pollFallback, safety: pollSafety}
	go w.run(func() { u.do(u.onDiskChanged) })
}

// stopWatch ends the watcher (lock, quit).
func (u *UI) stopWatch() {
	if u.watch.stop != nil {
		close(u.watch.stop)
		u.watch.stop = nil
	}
}

// fileWatch is what the watcher goroutine reads: its own copy of the vault
// folder's name, the stop channel and the polling intervals.
type fileWatch struct {
	dir              string
	stop             <-chan struct{}
	open             func() (*fsnotify.Watcher, error)
	fallback, safety time.Duration
}

// run calls changed whenever the content of a replica changes, until stop
// closes. It runs in its own goroutine and touches nothing of the UI.
func (fw fileWatch) run(changed func()) {
	dir, stop := fw.dir, fw.stop
	var events <-chan fsnotify.Event
	var failed <-chan error
	every := fw.fallback
	if w, err := fw.open(); err == nil {
		defer w.Close()
		if w.Add(dir) == nil {
			events, failed, every = w.Events, w.Errors, fw.safety
			// Missing on one computer: the poll sees the first replica.
			w.Add(filepath.Join(dir, vault.ReplicaDir))
		}
	}
	poll := time.NewTicker(every)
	defer poll.Stop()
	last := vault.FolderSum(dir)
	changed() // a save between the unlock and this goroutine's start
	for {
		select {
		case <-stop:
			return
		case ev, ok := <-events:
			if ok && !vault.IsReplicaPath(dir, ev.Name) {
				continue
			}
			if !ok {
				events, failed = nil, nil
				poll.Reset(fw.fallback)
			}
		case <-failed:
			events, failed = nil, nil
			poll.Reset(fw.fallback)
		case <-poll.C:
		}
		if h := vault.FolderSum(dir); h != last {
			last = h
			changed()
		}
	}
}

// onDiskChanged reloads after the watcher saw a replica change; a change
// not yet saved is merged in and saved.
func (u *UI) onDiskChanged() {
	if u.vault == nil {
		return
	}
	if u.busy > 0 {
		// A background operation is using the vault: look again soon.
		time.AfterFunc(200*time.Millisecond, func() { u.do(u.onDiskChanged) })
		return
	}
	merging := u.watch.unsaved
	if err := u.reload(); err != nil {
		u.reloadFailed(err)
		return
	}
	if merging {
		u.save()
	}
}

// reload brings Doc in line with vault.age (merged with what is not saved
// yet) and refreshes the screen. Unchanged, it costs a read and a hash.
func (u *UI) reload() error {
	v := u.vault
	local := v.Doc
	disk, err := v.Reload()
	if err == nil && v.NeedsNewKey() && !u.watch.unsaved {
		// Another computer changed the password and this window holds
		// only the old key: unlocking with the new one merges everything.
		return vault.ErrNeedsUnlock
	}
	if err != nil || disk == nil {
		return err
	}
	var both []backup.BothChanged
	if u.watch.unsaved {
		r := backup.Reconcile(disk, local, u.watch.synced, u.clock.Now())
		v.Doc, both = r.Doc, r.Conflicts
	} else {
		v.Doc = disk
	}
	u.watch.synced = disk.Updated
	if u.screen == screenList {
		u.list.rebuild() // keeps the search text, the scroll and the focus
	}
	if len(both) > 0 {
		u.askBothChanged(both)
	}
	return nil
}

// saveVault saves; when another process changed vault.age meanwhile it
// reloads, merges and saves again, so only a save that reached the disk
// returns nil.
func (u *UI) saveVault() error {
	for try := 1; ; try++ {
		before := u.vault.Doc
		err := u.vault.Save(u.clock.Now())
		if err == nil {
			u.watch.unsaved, u.watch.synced = false, u.vault.Doc.Updated
			if u.vault.Doc != before && u.screen == screenList {
				// The save merged another computer's replica in.
				u.list.rebuild()
			}
			return nil
		}
		u.watch.unsaved = true
		// While a background operation uses the vault, its Doc must not
		// be swapped: the watcher merges and saves once it is done.
		if !errors.Is(err, vault.ErrChangedOnDisk) || try == saveTries || u.busy > 0 {
			return err
		}
		if err := u.reload(); err != nil {
			return err
		}
	}
}

// applyRestore applies a restore preview. A merge that finds the vault
// changed (on disk, or by a reload while the preview showed) is planned
// again on the vault as it now is, with the same consent, and applied: it
// never drops anything. A Replace is not: what it would drop is no longer
// what the person saw, so it fails with ErrStalePreview after the reload.
func (u *UI) applyRestore(p *backup.Preview, m backup.Mode) (backup.Applied, error) {
	for try := 1; ; try++ {
		res, err := backup.Apply(u.vault, p, m, u.clock.Now())
		if err == nil {
			u.watch.unsaved, u.watch.synced = false, u.vault.Doc.Updated
			return res, nil
		}
		changed := errors.Is(err, vault.ErrChangedOnDisk)
		if !changed && !errors.Is(err, backup.ErrStalePreview) || try == saveTries {
			return res, err
		}
		if changed {
			if rerr := u.reload(); rerr != nil {
				return res, rerr
			}
		}
		if m == backup.Replace {
			return res, backup.ErrStalePreview
		}
		p = p.Replan(u.vault.Doc, u.clock.Now())
	}
}

// retryAfterReload is true when err is a change on disk that a reload has
// now brought in, so the operation that failed can run again.
func (u *UI) retryAfterReload(err error) bool {
	return errors.Is(err, vault.ErrChangedOnDisk) && u.vault != nil && u.reload() == nil
}

// reloadFailed says why the window could not follow the disk. A password
// changed elsewhere locks the window when nothing is left unsaved: the
// key in hand opens the vault no more.
func (u *UI) reloadFailed(err error) {
	if errors.Is(err, vault.ErrNeedsUnlock) && !u.watch.unsaved {
		u.lock()
		u.notice.show("The vault’s password was changed elsewhere: unlock with the new one.", "", nil)
		return
	}
	u.showError("Could not follow the vault’s changes on disk", err)
}

// askBothChanged asks, per account whose code was changed both here and
// elsewhere, which copy stays; until then (and after "Keep both") both are
// in the vault.
func (u *UI) askBothChanged(both []backup.BothChanged) {
	for _, c := range both {
		var d dialog.Dialog
		keep := func(drop string) func() {
			return func() {
				d.Hide()
				u.dropCopy(drop)
			}
		}
		msg := widget.NewLabel(c.Label + "’s code was changed in this window and elsewhere at the same time. " +
			"Both copies are in the list now. Which one gives the codes the site expects?")
		msg.Wrapping = fyne.TextWrapWord
		d = u.newDialog("Changed in two places", msg, "Keep both",
			widget.NewButtonWithIcon("The other one"+u.codeOf(c.Disk), theme.StorageIcon(), keep(c.Unsaved)),
			widget.NewButton("This window’s"+u.codeOf(c.Unsaved), keep(c.Disk)))
		d.Resize(fyne.NewSize(460, 0))
		d.Show()
	}
}

// codeOf is " · 123 456", the current code of the account id, to tell two
// copies apart.
func (u *UI) codeOf(id string) string {
	i := u.vault.Doc.Index(id)
	if i < 0 {
		return ""
	}
	a := &u.vault.Doc.Accounts[i]
	if !a.HasSecret() {
		return " · " + codesOnlyText(a)
	}
	return " · " + groupCode(a.Code(u.clock.Now()), a.Type)
}

// dropCopy deletes one of two copies askBothChanged offered.
func (u *UI) dropCopy(id string) {
	if u.vault == nil || u.vault.Doc.Remove(id, u.clock.Now()) != nil {
		return
	}
	if u.save() && u.screen == screenList {
		u.list.rebuild()
	}
}
