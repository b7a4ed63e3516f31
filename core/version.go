package core

import (
	"fmt"

	"github.com/BurntSushi/toml"
)

// version is Lifeline's version, set once at start from FyneApp.toml
// (SetVersion): that file is the one place the number is written, and the
// packages (Windows installer, deb, rpm, tar.xz) take it from there too.
var version = "unknown"

// Version is what `lifeline --version` and the window's About say.
func Version() string { return version }

// SetVersion reads the version from the contents of FyneApp.toml
// ([Details] Version). main calls it with the file embedded at build time.
func SetVersion(fyneApp []byte) error {
	var meta struct {
		Details struct{ Version string }
	}
	if err := toml.Unmarshal(fyneApp, &meta); err != nil {
		return fmt.Errorf("reading FyneApp.toml: %w", err)
	}
	if meta.Details.Version == "" {
		return fmt.Errorf("FyneApp.toml has no [Details] Version")
	}
	version = meta.Details.Version
	return nil
}
