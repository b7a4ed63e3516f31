// Lifeline is a desktop two-factor authenticator: run without arguments it
// opens the window, with a command it is the CLI (`lifeline help`).
package main

import "os"

func main() {
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	runGUI()
}

// runGUI opens the window on the default vault (the GUI arrives with the
// window issue; until then it says how to use the CLI).
func runGUI() {
	os.Exit(runCLI([]string{"help"}, os.Stdin, os.Stdout, os.Stderr))
}
