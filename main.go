// Lifeline is a desktop two-factor authenticator: run without a command it
// opens the window, with one it is the CLI (`lifeline help`).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/lifelineauth/lifeline/cli"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/gui"
)

// fyneApp holds the one version number, which --version, About and every
// package show.
//
//go:embed FyneApp.toml
var fyneApp []byte

func main() {
	if err := core.SetVersion(fyneApp); err != nil {
		fmt.Fprintln(os.Stderr, "lifeline:", err) // a build mistake; run on without a version
	}
	if dir, ok := cli.WindowRequested(os.Args[1:]); ok {
		gui.Run(dir)
		return
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
