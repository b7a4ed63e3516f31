// Lifeline is a desktop two-factor authenticator: run without a command it
// opens the window, with one it is the CLI (`lifeline help`).
package main

import (
	"os"

	"github.com/lifelineauth/lifeline/cli"
	"github.com/lifelineauth/lifeline/gui"
)

func main() {
	if dir, ok := cli.WindowRequested(os.Args[1:]); ok {
		gui.Run(dir)
		return
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
