package cli

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// detach starts the command without a console (DETACHED_PROCESS), the
// Windows form of having no terminal: a prompt must fail cleanly.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: 0x00000008} // DETACHED_PROCESS
}

// peakRSS is 0: Windows reports a process's memory through a call that
// needs its handle while it runs, so the memory budget is checked on Linux.
func peakRSS(*os.ProcessState) int64 { return 0 }

// lockFile takes the lock another Lifeline takes on the vault's lock file
// (core/vault/lock_windows.go: the first byte, exclusively).
func lockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}
