package core

import (
	"os"
	"testing"
)

func TestSetVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := SetVersion(data); err != nil {
		t.Fatal(err)
	}
	if Version() == "" || Version() == "unknown" {
		t.Fatalf("Version() = %q after reading FyneApp.toml", Version())
	}
	for _, bad := range []string{"", "[Details]\nName = \"x\"\n", "[Details\n"} {
		if err := SetVersion([]byte(bad)); err == nil {
			t.Errorf("SetVersion(%q) accepted a file without a version", bad)
		}
	}
}
