package testkit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Peer is the path of another app's export in testdata/peers (see its
// NOTICE), from whichever package's test asks.
func Peer(t testing.TB, name string) string {
	t.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("no path for core/testkit")
	}
	return filepath.Join(filepath.Dir(here), "..", "..", "testdata", "peers", name)
}

// PeerCount is how many accounts testdata/peers/expected.json says the
// export name holds, so that tests assert the exact count from there
// instead of restating it.
func PeerCount(t testing.TB, name string) int {
	t.Helper()
	raw, err := os.ReadFile(Peer(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files map[string]struct {
			Entries []json.RawMessage `json:"expected_entries"`
		} `json:"files"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	f, ok := doc.Files[name]
	if !ok || len(f.Entries) == 0 {
		t.Fatalf("expected.json lists no accounts for %s", name)
	}
	return len(f.Entries)
}
