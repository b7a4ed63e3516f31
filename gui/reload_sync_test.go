package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// The window follows another computer's replica of a synced vault: a
// change saved there shows here within a second, and a change made here
// afterwards keeps it.
func TestWindowFollowsOtherComputer(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("Alpha", "a", "JBSWY3DPEHPK3PXP"))
	t.Setenv("LIFELINE_DEVICE_DIR", filepath.Join(testkit.TempDir(t), "other-computer"))
	addOnDisk(t, dir, totp("OtherComputer", "o", "KRSXG5CTMVRXEZLU"))
	took := waitFor(t, u, time.Second, "the list showing OtherComputer", func() bool {
		return strings.Contains(visibleText(u), "OtherComputer")
	})
	t.Logf("the list showed the other computer's change after %v", took)
	u.showAdd("otpauth://totp/Window:w?secret=GEZDGNBVGY3TQOJQ&issuer=Window")
	tapButton(t, u, "Add")
	if got := u.notice.Text(); got != "Added 1 account" {
		t.Fatalf("notice %q; screen %q:\n%s", got, u.Screen(), visibleText(u))
	}
	for _, l := range []string{"Alpha", "OtherComputer", "Window"} {
		if !strings.Contains(strings.Join(labelsOnDisk(t, dir), " "), l) {
			t.Errorf("on disk, as the other computer opens it, %s is missing: %v", l, labelsOnDisk(t, dir))
		}
	}
}
