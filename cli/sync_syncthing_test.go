//go:build !windows

package cli

import (
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// syncthingPair is the syncer of two instances sharing the vault folder.
type syncthingPair struct{ a, b *testkit.Syncthing }

func (p *syncthingPair) pause(t *testing.T) {
	p.a.Must(t, "POST", "/rest/system/pause?device="+p.b.ID, nil)
	p.b.Must(t, "POST", "/rest/system/pause?device="+p.a.ID, nil)
}

func (p *syncthingPair) resume(t *testing.T) {
	p.a.Must(t, "POST", "/rest/system/resume?device="+p.b.ID, nil)
	p.b.Must(t, "POST", "/rest/system/resume?device="+p.a.ID, nil)
}

func (p *syncthingPair) tick(*testing.T) {}

// The scenario over Debian's syncthing: two instances on loopback, the
// sync paused and resumed through the REST API.
func TestSyncScenarioSyncthing(t *testing.T) {
	bin := testkit.NeedTool(t, "syncthing")
	e1, e2 := twoComputers(t)
	a := testkit.StartSyncthing(t, bin, "one")
	b := testkit.StartSyncthing(t, bin, "two")
	a.Share(t, b, e1.vault, true)
	b.Share(t, a, e2.vault, false)
	for _, e := range []*env{e1, e2} {
		e.ok("", "sync", "stignore", "--write")
	}
	syncScenario(t, e1, e2, &syncthingPair{a, b}, nil)
	for _, e := range []*env{e1, e2} {
		if st := e.ok("", "sync", "status", "--password-file", e1.path("pw")); !strings.Contains(st, "Syncthing") {
			t.Errorf("sync status does not name Syncthing:\n%s", st)
		}
	}
}
