// Package cli is Lifeline's terminal face: `lifeline COMMAND [ARGS]`, the
// same binary as the window. Run executes one command line; each command
// lives in the file named after it (export-qr in export_qr.go), and the
// plumbing they share in two files: cli.go (the command table, dispatch,
// flag types, output rules, error words and exit statuses) and unlock.go
// (finding and opening the vault, prompts, saving with the automatic
// backup after it). Like the window, it does what backup/ and core/ decide:
// no behaviour is written here that the window would need too.
package cli
