package gui

// lock takes the codes off the screen, forgets the vault's secrets
// (vault.Drop) and shows the unlock screen. A code Lifeline left on the
// clipboard goes too. If a background operation is using the vault, the
// lock happens as soon as it is done.
func (u *UI) lock() {
	if u.vault == nil {
		return
	}
	if u.busy > 0 {
		u.pendingLock = true
		return
	}
	u.pendingLock = false
	u.stopWatch()
	u.stopTicker()
	u.closeOverlays()
	u.clip.clearNow(u)
	u.notice.hide()
	u.closeBackups(true)
	u.scan.batches.Reset() // half a Google export: its secrets
	u.vault.Drop()
	u.vault = nil
	// The list holds rows bound to accounts; a new one is built on unlock.
	u.list = nil
	u.updateMenus()
	u.showUnlock(false)
}

// startBusy and endBusy bracket a goroutine that uses the open vault.
// Call both on the UI goroutine.
func (u *UI) startBusy() { u.busy++ }

func (u *UI) endBusy() {
	u.busy--
	if u.busy == 0 && u.pendingLock {
		u.lock()
	}
}
