package cli

// The CLI's output rules, kept in one place (like age's cmd/age/tui.go):
//   - What a command produces (a code, a list, a URI) goes to stdout and
//     nothing else does, so `lifeline code x | xclip` is safe to script.
//   - Messages for people go to stderr: errors as one line "lifeline: …",
//     followed by "  hint: …" where a next step helps.
//   - Exit status: 0 ok, 1 failure, 2 usage error or ambiguous query.
//   - Secrets are printed only by commands that exist to print them
//     (code, show --uri, recovery-key) and never appear in errors.

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// cli carries what every command needs: the global options and the
// streams. Every "-" argument (URIs, a secret, a passphrase, codes) is read
// from stdin; prompts for passwords and confirmations read the terminal
// itself (openTTY), so they work while stdin is a pipe.
type cli struct {
	vaultDir        string
	passwordFile    string
	recoveryKeyFile string
	recoveryKeyQR   string // an image of the kit's QR code (--recovery-key-qr)
	stdin           io.Reader
	stdout, stderr  io.Writer
}

type command struct {
	name    string
	args    string // synopsis after the name
	summary string
	// setup defines the command's flags on fs and returns what runs the
	// command with the other arguments once the flags are parsed.
	setup func(c *cli, fs *flag.FlagSet) func(pos []string) error
	// run is for a command whose actions have flags of their own (codes):
	// it gets the arguments as they are.
	run func(c *cli, args []string) error
}

// commands is the table of contents of the CLI; each command lives in the
// file named after it. It is filled in init because commands refer back to it
// for their usage lines.
var commands []command

func init() {
	commands = []command{
		{"init", "[--no-keyring] [--recovery-key-out FILE]", "create a new vault", (*cli).cmdInit, nil},
		{"add", "URI... | - | --issuer I --name N --secret S [--type T] [--algorithm A] [--digits D] [--period P] [--counter C]", "add accounts from setup links (otpauth://, otpauth-migration://, motp://) or by hand", (*cli).cmdAdd, nil},
		{"list", "[--json]", "list accounts (never their secrets)", (*cli).cmdList, nil},
		{"code", "QUERY [--at UNIX]", "print the current code of one account", (*cli).cmdCode, nil},
		{"show", "QUERY [--uri] [--qr FILE.png]", "show an account's details, its otpauth URI or QR code", (*cli).cmdShow, nil},
		{"scan", "IMAGE... [--dry-run] | --screen [--dry-run]", "add the accounts in QR codes of image files (PNG, JPEG, GIF, BMP, WebP, a PDF: the Recovery Kit or a scan of it) or on the screen", (*cli).cmdScan, nil},
		{"export-qr", "QUERY...|all --out DIR [--migration]", "write QR codes (PNG) to move accounts to a phone; --migration: Google Authenticator batches", (*cli).cmdExportQR, nil},
		{"edit", "QUERY [--issuer I] [--name N] [--group G]... [--note N] [--favorite=true|false] [--icon NAME|letter|auto]", "change an account's labels and icon", (*cli).cmdEdit, nil},
		{"rm", "QUERY [--yes]", "delete an account", (*cli).cmdRm, nil},
		{"passwd", "[--new-password-file FILE]", "change the master password (and the vault key: old password files stop working)", (*cli).cmdPasswd, nil},
		{"recovery-key", "[--age] [--rotate] [--out FILE] | --test", "print (or rotate) the recovery key; --test: type it from paper to check it opens the vault", (*cli).cmdRecoveryKey, nil},
		{"keyring", "enable|disable", "remember the vault key in the OS keyring, or forget it", (*cli).cmdKeyring, nil},
		{"export", "FILE|- [--passphrase-file F | --recipient R ...] [--armor] [--format age|aegis|aegis-plain|otpauth]", "write an age-encrypted backup (default: opens with the recovery key), or a file for another app", (*cli).cmdExport, nil},
		{"import", "FILE... [--format auto|NAME] [--passphrase-file F] [--dry-run] | --formats", "import other authenticators' export files (Aegis, 2FAS, andOTP, Authy, Bitwarden…), previewed and merged", (*cli).cmdImport, nil},
		{"backup", "now | status | list | config [--folder DIR] [--keep N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--on|--off] [--recipient R ...]", "automatic backups: make one now, show their state, list them, configure", (*cli).cmdBackup, nil},
		{"restore", "FILE [--recovery-key-file F | --recovery-key-qr IMAGE | --identity F ... | --passphrase-file F] [--dry-run] [--accept-secret-changes] [--replace [--yes]] [--no-keyring] [--recovery-key-out F] [--adopt-backup-settings]", "preview and restore a backup (merge by default); creates the vault on a new device", (*cli).cmdRestore, nil},
		{"codes", "add QUERY CODE...|- | add --new ISSUER:NAME CODE...|- | import QUERY FILE [--replace] | list QUERY [--json] | use|unuse|rm QUERY CODE", "keep a site's one-time recovery codes: save, list, mark used, delete; --new: an entry of codes only", nil, (*cli).cmdCodes},
		{"kit", "FILE.pdf [--paper] [--page a4|letter] [--account QUERY]", "write the Recovery Kit PDF: recovery key, restore steps, every account's codes", (*cli).cmdKit, nil},
		{"check", "[--json]", "is everything in place to get back in after losing this computer? (exit 0 ready, 1 not)", (*cli).cmdCheck, nil},
		{"lost-device", "[--pdf FILE] [--page a4|letter]", "what to do now, account by account, after losing a phone or computer", (*cli).cmdLostDevice, nil},
		{"devices", "[rename NAME | forget ID [--yes]]", "list the computers that use this vault (a synced folder), rename this one, forget one that is gone", (*cli).cmdDevices, nil},
		{"sync", "status | stignore [--write] | move DIR", "how the replicas of a synced vault stand; the .stignore a Syncthing folder wants; move the vault into a synced folder", (*cli).cmdSync, nil},
		{"version", "", "print Lifeline's version (also --version)", (*cli).cmdVersion, nil},
	}
}

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// noArgs refuses arguments to a command that takes none.
func noArgs(cmd string, pos []string) error {
	if len(pos) > 0 {
		return usagef("%s takes no arguments (got %q)", cmd, pos[0])
	}
	return nil
}

// hinted attaches a next step for the person to an error.
type hinted struct {
	err  error
	hint string
}

func (h *hinted) Error() string { return h.err.Error() }
func (h *hinted) Unwrap() error { return h.err }

func withHint(err error, hint string) error { return &hinted{err, hint} }

// Run runs one command line and returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	err := c.dispatch(args)
	return c.report(err)
}

func (c *cli) dispatch(args []string) error {
	global := flag.NewFlagSet("lifeline", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	c.globalFlags(global)
	help := global.Bool("help", false, "")
	global.BoolVar(help, "h", false, "")
	version := global.Bool("version", false, "")
	if err := global.Parse(args); err != nil {
		return usagef("%v", err)
	}
	rest := global.Args()
	if *version && len(rest) == 0 {
		rest = []string{"version"}
	}
	if *help || len(rest) == 0 || rest[0] == "help" {
		c.usage(c.stdout)
		return nil
	}
	for _, cmd := range commands {
		if cmd.name != rest[0] {
			continue
		}
		if cmd.run != nil {
			return cmd.run(c, rest[1:])
		}
		fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
		run := cmd.setup(c, fs)
		pos, err := c.flags(fs, rest[1:])
		if err != nil {
			return err
		}
		return run(pos)
	}
	return withHint(usagef("unknown command %q", rest[0]), "run `lifeline help` for the list of commands")
}

// WindowRequested says whether the command line asks for the window: no
// command, perhaps with --vault DIR. It returns the vault dir ("" for the
// default).
func WindowRequested(args []string) (dir string, ok bool) {
	c := &cli{}
	fs := flag.NewFlagSet("lifeline", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.globalFlags(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return "", false
	}
	if c.passwordFile != "" || c.hasRecoveryKey() {
		return "", false // the window asks; a key file is for commands
	}
	if c.vaultDir == "" {
		return "", true
	}
	d, err := filepath.Abs(c.vaultDir)
	return d, err == nil
}

// globalFlags registers the options every command accepts, so they may
// also follow the command (`lifeline code x --vault DIR`).
func (c *cli) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.vaultDir, "vault", c.vaultDir, "vault directory")
	fs.StringVar(&c.passwordFile, "password-file", c.passwordFile, "read the master password from FILE")
	fs.StringVar(&c.recoveryKeyFile, "recovery-key-file", c.recoveryKeyFile, "unlock with the recovery key in FILE")
	fs.StringVar(&c.recoveryKeyQR, "recovery-key-qr", c.recoveryKeyQR, "unlock with the recovery key in the QR code of IMAGE (the Recovery Kit's PDF, or a photo or scan of it)")
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprintf(w, "Lifeline: two-factor codes that survive losing your phone.\n\n")
	fmt.Fprintf(w, "Usage: lifeline [--vault DIR] [--password-file FILE] [--recovery-key-file FILE | --recovery-key-qr IMAGE] COMMAND [ARGS]\n")
	fmt.Fprintf(w, "       lifeline            (no command: open the window)\n\nCommands:\n")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-13s %s\n  %-13s   %s\n", cmd.name, cmd.summary, "", cmd.args)
	}
	fmt.Fprintf(w, "\nThe vault defaults to $LIFELINE_VAULT, else %s.\n", describeDefaultDir())
	fmt.Fprintf(w, "Unlocking tries --recovery-key-file (or --recovery-key-qr), --password-file, the OS keyring, then asks.\n")
}

// printJSON is what a --json flag prints: v, indented, on stdout.
func (c *cli) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// report prints an error in the CLI's one-line form and picks the status.
func (c *cli) report(err error) int {
	if err == nil {
		return 0
	}
	msg, hint := explain(err)
	fmt.Fprintf(c.stderr, "lifeline: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(c.stderr, "  hint: %s\n", hint)
	}
	var ue *usageError
	var amb *ambiguousError
	if errors.As(err, &ue) || errors.As(err, &amb) {
		return 2
	}
	return 1
}

// flags parses a command's flags wherever they stand among its arguments
// ("code Binance --at 59" and "code --at 59 Binance" are the same); "--"
// ends the flags. Go's flag package stops at the first argument, so we
// resume it after each one.
func (c *cli) flags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	c.globalFlags(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usagef("usage: lifeline %s %s", fs.Name(), synopsis(fs.Name()))
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		consumed := len(args) - fs.NArg()
		rest := fs.Args()
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func synopsis(name string) string {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd.args
		}
	}
	return ""
}

// stringList is a repeatable flag (--group a --group b).
type stringList struct {
	vals []string
	set  bool
}

func (s *stringList) String() string { return strings.Join(s.vals, ",") }
func (s *stringList) Set(v string) error {
	s.set = true
	if v != "" {
		s.vals = append(s.vals, v)
	}
	return nil
}

// ambiguousError is a QUERY that matches several accounts: exit status 2,
// with the candidates so the person can type a longer query.
type ambiguousError struct {
	query  string
	labels []string
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("%q matches %d accounts: %s", e.query, len(e.labels), strings.Join(e.labels, ", "))
}

// pick finds the one account QUERY names (core.Match's rules).
func pick(accounts []core.Account, query string) (int, error) {
	m := core.Match(accounts, query)
	switch len(m) {
	case 0:
		return 0, withHint(fmt.Errorf("no account matches %q", query), "`lifeline list` shows them all")
	case 1:
		return m[0], nil
	}
	labels := make([]string, len(m))
	for i, idx := range m {
		labels[i] = accounts[idx].Label()
	}
	return 0, withHint(&ambiguousError{query, labels}, "use the exact issuer:name")
}

// explain turns an error into the CLI's one line and a hint: the one place
// where the CLI words errors for people.
func explain(err error) (msg, hint string) {
	msg = err.Error()
	var h *hinted
	if errors.As(err, &h) {
		hint = h.hint
	}
	var dmg *vault.DamagedError
	switch {
	case hint != "":
	case errors.Is(err, vault.ErrWrongPassword):
		hint = "forgot it? unlock with --recovery-key-file FILE (or --recovery-key-qr FILE, the kit's PDF, a scan of it or a photo of its QR code), then set a new one with `lifeline passwd`"
	case errors.Is(err, vault.ErrWrongRecoveryKey):
		hint = "this key belongs to another vault, or was replaced by `recovery-key --rotate`"
	case errors.Is(err, vault.ErrRecoveryKeyTypo):
		hint = "compare each group of four with your printed key; the key uses no I, L or O: if you read one, type 1 or 0"
	case errors.As(err, &dmg):
		hint = "the vault file is left as it is; restore it from a backup (the files in the vault folder are never overwritten by a failed open)"
	case errors.Is(err, vault.ErrLocked), errors.Is(err, vault.ErrChangedOnDisk):
		hint = "another Lifeline (the window or a command) is saving this vault; try again"
	case errors.Is(err, core.ErrCounterExhausted):
		hint = "set the account up again with a new secret from the site (`lifeline add`), then remove this one"
	case errors.Is(err, vault.ErrNewerFormat):
		hint = "a newer Lifeline wrote this vault; install that version"
	case errors.Is(err, vault.ErrKeyringUnavailable):
		hint = "use --password-file FILE, or start the OS keyring (GNOME Keyring, KWallet)"
	default:
		hint = backupHint(err)
	}
	return msg, hint
}

// backupHint is the next step after a failed export, backup or restore.
func backupHint(err error) string {
	var need *backup.NeedKeyError
	var fail *backup.Failure
	switch {
	case errors.As(err, &need):
		var flags []string
		for _, n := range need.Needs {
			switch n {
			case backup.NeedRecoveryKey:
				flags = append(flags, "--recovery-key-file FILE or --recovery-key-qr IMAGE (a photo of the kit's QR code; or a key file with --identity FILE)")
			case backup.NeedPassphrase:
				flags = append(flags, "--passphrase-file FILE")
			case backup.NeedSSHKey:
				flags = append(flags, "--identity ~/.ssh/id_ed25519 (your SSH private key)")
			case backup.NeedAgeIdentity:
				flags = append(flags, "--identity FILE")
			}
		}
		return "give " + strings.Join(flags, " or ")
	case errors.Is(err, backup.ErrWrongKey):
		return "a backup made before `recovery-key --rotate` opens only with the key of its time; an SSH or age backup needs its private key (--identity FILE)"
	case errors.Is(err, backup.ErrWrongPassphrase):
		return "check the passphrase file (one trailing newline is ignored)"
	case errors.Is(err, backup.ErrTruncated):
		return "the copy is incomplete: copy the file again, or restore an older backup (`lifeline backup list`)"
	case errors.Is(err, backup.ErrCorrupted):
		return "this copy cannot be trusted; restore another backup (`lifeline backup list`)"
	case errors.Is(err, backup.ErrNotBackup), errors.Is(err, backup.ErrNotVault):
		return "restore takes files written by `lifeline export` or automatic backups; another app's export is imported instead"
	case errors.Is(err, backup.ErrExists):
		return "choose a new file name"
	case errors.As(err, &fail):
		switch fail.Reason {
		case backup.FolderGone:
			return "reconnect the drive or make the folder again, or pick another with `lifeline backup config --folder DIR`"
		case backup.NotWritable:
			return "let this user write to the folder, or pick another with `lifeline backup config --folder DIR`"
		case backup.DiskFull:
			return "free some space, or keep fewer backups with `lifeline backup config --keep N`"
		}
		return "run `lifeline backup now` to try again"
	}
	return ""
}
