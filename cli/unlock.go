package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/term"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core/vault"
)

// dir is the vault directory: --vault, else $LIFELINE_VAULT, else the
// user's config dir.
func (c *cli) dir() (string, error) {
	if c.vaultDir != "" {
		return filepath.Abs(c.vaultDir)
	}
	d, err := vault.DefaultDir()
	if err != nil {
		return "", withHint(fmt.Errorf("cannot find a place for the vault: %w", err), "pass --vault DIR")
	}
	return d, nil
}

func describeDefaultDir() string {
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "lifeline")
	}
	return "<config dir>/lifeline"
}

// unlockWay says which keys open may use: sensitive commands (showing the
// recovery key, changing the password) insist on something the person
// knows, not on the keyring that anyone at the unlocked desktop has.
type unlockWay int

const (
	anyKey unlockWay = iota
	knownKey
)

// open unlocks the vault: --recovery-key-file, --password-file, the OS
// keyring (when it was enabled), and finally a password prompt. A replica
// of a synced vault that had to be skipped is a warning on stderr.
func (c *cli) open(way unlockWay) (*vault.Vault, error) {
	v, err := c.unlockVault(way)
	if err == nil {
		for _, r := range v.SyncStatus().Replicas {
			if r.Err != nil {
				fmt.Fprintf(c.stderr, "lifeline: warning: %v\n", r.Err)
			}
		}
	}
	return v, err
}

func (c *cli) unlockVault(way unlockWay) (*vault.Vault, error) {
	dir, err := c.dir()
	if err != nil {
		return nil, err
	}
	if !vault.Exists(dir) {
		return nil, withHint(fmt.Errorf("no vault in %s", dir), "create one with `lifeline init`, or pass --vault DIR")
	}
	switch {
	case c.hasRecoveryKey():
		rk, err := c.readRecoveryKeyFile()
		if err != nil {
			return nil, err
		}
		return vault.OpenRecoveryKey(dir, rk)
	case c.passwordFile != "":
		pw, err := c.readSecretFile(c.passwordFile, "password")
		if err != nil {
			return nil, err
		}
		return vault.OpenPassword(dir, pw)
	}
	if way == anyKey {
		v, err := vault.OpenKeyring(dir)
		switch {
		case err == nil:
			return v, nil
		case errors.Is(err, vault.ErrKeyringUnavailable):
			fmt.Fprintf(c.stderr, "lifeline: %v\n", err)
		case errors.Is(err, vault.ErrNotInKeyring):
			// Not remembered on this device: the password is the normal way.
		default:
			return nil, err
		}
	}
	pw, err := c.prompt("Password: ")
	if err != nil {
		return nil, err
	}
	return vault.OpenPassword(dir, pw)
}

func (c *cli) readRecoveryKeyFile() (vault.RecoveryKey, error) {
	switch {
	case c.recoveryKeyFile != "" && c.recoveryKeyQR != "":
		return vault.RecoveryKey{}, usagef("--recovery-key-file and --recovery-key-qr cannot be combined: give the key one way")
	case c.recoveryKeyQR != "":
		return readRecoveryKeyQR(c.recoveryKeyQR)
	}
	s, err := c.readSecretFile(c.recoveryKeyFile, "recovery key")
	if err != nil {
		return vault.RecoveryKey{}, err
	}
	return vault.ParseRecoveryKey(s)
}

// readSecretFile reads a password or key from a file; "-" is the CLI's
// standard input (c.stdin). One trailing newline (LF or CRLF) is not part
// of the secret.
func (c *cli) readSecretFile(path, what string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		b, err = backup.SecretInput.Read(c.stdin, "-")
	} else {
		b, err = backup.SecretInput.ReadFile(path)
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the %s file: %w", what, err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	s = strings.TrimSuffix(s, "\r")
	if s == "" {
		return "", fmt.Errorf("the %s file %s is empty", what, path)
	}
	return s, nil
}

// prompt asks on the terminal without echo. With no terminal it fails with
// a hint instead of hanging on a pipe.
func (c *cli) prompt(label string) (string, error) {
	return c.askSecret(label, "password", "pass --password-file FILE (or --recovery-key-file FILE)")
}

// askSecret reads what (a password, the recovery key) from the terminal
// without echo; with no terminal, hint says how else to give it.
func (c *cli) askSecret(label, what, hint string) (string, error) {
	tty, err := openTTY()
	if err != nil {
		return "", withHint(fmt.Errorf("a %s is needed and there is no terminal to ask on", what), hint)
	}
	defer tty.Close()
	fmt.Fprint(c.stderr, label)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(c.stderr)
	if err != nil {
		return "", fmt.Errorf("cannot read the %s: %w", what, err)
	}
	return string(b), nil
}

// confirm asks a yes/no question on the terminal.
func (c *cli) confirm(question string) (bool, error) {
	tty, err := openTTY()
	if err != nil {
		return false, err
	}
	defer tty.Close()
	fmt.Fprintf(c.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(tty).ReadString('\n')
	line = strings.ToLower(strings.TrimSpace(line))
	return line == "y" || line == "yes", nil
}

// newPassword reads a new master password from FILE, or asks twice.
func (c *cli) newPassword(file string) (string, error) {
	if file != "" {
		return c.readSecretFile(file, "password")
	}
	pw, err := c.prompt("New password: ")
	if err != nil {
		return "", err
	}
	if pw == "" {
		return "", errors.New("the password is empty")
	}
	if hint := passwordHint(pw); hint != "" {
		fmt.Fprintf(c.stderr, "lifeline: %s\n", hint)
	}
	again, err := c.prompt("Repeat it: ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", errors.New("the two passwords differ; nothing was changed")
	}
	return pw, nil
}

// passwordHint warns about short passwords; the vault is only as strong as
// its password against someone who copies the files.
func passwordHint(pw string) string {
	if n := len([]rune(pw)); n < 12 {
		return fmt.Sprintf("warning: a %d-character password is weak against someone who copies the vault; 12 or more (or four random words) is better", n)
	}
	return ""
}

// openTTY opens the terminal itself, so prompts work while stdin or stdout
// are pipes (`lifeline code x | xclip`).
// On Windows CONIN$ is the console even when stdin is redirected.
func openTTY() (*os.File, error) {
	path := "/dev/tty"
	if runtime.GOOS == "windows" {
		path = "CONIN$"
	}
	return os.OpenFile(path, os.O_RDWR, 0)
}

// afterSave is the automatic backup after a command changed the vault. The
// change is saved whatever happens here; a failed backup is a warning, and
// `backup status` keeps reporting it.
func (c *cli) afterSave(v *vault.Vault) {
	if _, err := backup.AfterSave(v); err != nil {
		msg, hint := explain(err)
		fmt.Fprintf(c.stderr, "lifeline: warning: the change is saved, but the automatic backup failed: %s\n", msg)
		if hint != "" {
			fmt.Fprintf(c.stderr, "  hint: %s\n", hint)
		}
	}
}

// saved is afterSave for a `return v.Save(now)`: it backs up only after a
// successful save and passes the save's error on.
func (c *cli) saved(v *vault.Vault, err error) error {
	if err == nil {
		c.afterSave(v)
	}
	return err
}

// one opens the vault and finds exactly one account for QUERY.
func (c *cli) one(cmd string, pos []string, way unlockWay) (*vault.Vault, int, error) {
	if len(pos) != 1 {
		return nil, 0, usagef("usage: lifeline %s %s", cmd, synopsis(cmd))
	}
	v, err := c.open(way)
	if err != nil {
		return nil, 0, err
	}
	i, err := pick(v.Doc.Accounts, pos[0])
	return v, i, err
}
