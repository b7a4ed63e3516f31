package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// `codes` keeps the one-time recovery codes sites hand out. Codes are
// printed only by `codes list` (that is its job); messages name a code by
// its number in that list, never by its text. A CODE argument may be the
// code in any spelling, its number from `codes list`, or "-" to read it
// from stdin and keep it out of the shell history.

func (c *cli) cmdCodes(args []string) error {
	if len(args) == 0 {
		return usagef("usage: lifeline codes %s", synopsis("codes"))
	}
	act, ok := codesActions[args[0]]
	if !ok {
		return withHint(usagef("codes: unknown action %q", args[0]), "one of add, import, list, use, unuse, rm")
	}
	fs := flag.NewFlagSet("codes "+args[0], flag.ContinueOnError)
	run := act.setup(c, fs, args[0])
	pos, err := c.flags(fs, args[1:])
	if err != nil {
		return err
	}
	if f := fs.Lookup("new"); f != nil && f.Value.String() != "" {
		return c.codesAddNew(f.Value.String(), pos)
	}
	if len(pos) == 0 || (act.n >= 0 && len(pos) != act.n+1) || (act.n < 0 && len(pos) < 2) {
		return usagef("usage: lifeline codes %s", act.usage)
	}
	v, i, err := c.one("codes", pos[:1], anyKey)
	if err != nil {
		return err
	}
	return run(v, &v.Doc.Accounts[i], pos[1:])
}

// codesAction is one action of `codes`: its usage, how many arguments
// follow QUERY (-1: one or more), and, like a command, a setup that defines
// its flags and returns what runs it on the account QUERY names.
type codesAction struct {
	usage string
	n     int
	setup func(c *cli, fs *flag.FlagSet, action string) func(v *vault.Vault, a *core.Account, args []string) error
}

var codesActions = map[string]codesAction{
	"add":    {"add QUERY CODE... | add QUERY - | add --new ISSUER:NAME CODE...|-", -1, (*cli).codesAdd},
	"import": {"import QUERY FILE [--replace]", 1, (*cli).codesImport},
	"list":   {"list QUERY [--json]", 0, (*cli).codesList},
	"use":    {"use QUERY CODE", 1, (*cli).codesMark},
	"unuse":  {"unuse QUERY CODE", 1, (*cli).codesMark},
	"rm":     {"rm QUERY CODE", 1, (*cli).codesRm},
}

func (c *cli) codesAdd(fs *flag.FlagSet, _ string) func(*vault.Vault, *core.Account, []string) error {
	replace := fs.Bool("replace", false, "drop the saved codes first (the site made new ones)")
	fs.String("new", "", "a new entry ISSUER:NAME that keeps only these recovery codes (the site's 2FA is elsewhere)")
	return func(v *vault.Vault, a *core.Account, args []string) error {
		codes, note, err := c.codesFromArgs(args, 2)
		if err != nil {
			return err
		}
		return c.saveCodes(v, a, codes, *replace, note)
	}
}

// codesFromArgs reads the CODE... arguments of `codes add`, or "-" for
// stdin; first is the number of the first one on the command line.
func (c *cli) codesFromArgs(args []string, first int) (codes []string, note string, err error) {
	if len(args) == 1 && args[0] == "-" {
		text, err := backup.CodesInput.Read(c.stdin, "-")
		if err != nil {
			return nil, "", fmt.Errorf("cannot read the codes from stdin: %w", err)
		}
		codes, note = parseCodes(string(text), "stdin")
		return codes, note, nil
	}
	for n, arg := range args {
		got, _ := core.ParseRecoveryCodes(arg)
		if len(got) == 0 {
			return nil, "", usagef("codes add: argument %d does not look like a recovery code", n+first)
		}
		codes = append(codes, got...)
	}
	return codes, note, nil
}

// codesAddNew is `codes add --new ISSUER:NAME CODE...`: an entry that keeps
// only a site's recovery codes.
func (c *cli) codesAddNew(label string, args []string) error {
	if len(args) == 0 {
		return usagef("usage: lifeline codes add --new ISSUER:NAME CODE... (or - to read them from stdin)")
	}
	codes, note, err := c.codesFromArgs(args, 1)
	if err != nil {
		return err
	}
	if len(codes) == 0 {
		return withHint(core.ErrNoRecoveryCodes, "paste the codes as the site shows them, one or several per line")
	}
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	now := time.Now()
	a, err := core.NewCodesOnly(label, codes, now)
	if err != nil {
		return err
	}
	p, err := v.Doc.Add(a, now)
	if err != nil {
		return err
	}
	if err := c.saved(v, v.Save(now)); err != nil {
		return err
	}
	fmt.Fprint(c.stderr, note)
	fmt.Fprintf(c.stderr, "Added %s, keeping only its %d recovery codes (no secret: it shows no code).\n", p.Label(), len(codes))
	return nil
}

func (c *cli) codesImport(fs *flag.FlagSet, _ string) func(*vault.Vault, *core.Account, []string) error {
	replace := fs.Bool("replace", false, "drop the saved codes first (the site made new ones)")
	return func(v *vault.Vault, a *core.Account, args []string) error {
		var text []byte
		var err error
		if args[0] == "-" {
			text, err = backup.CodesInput.Read(c.stdin, "-")
		} else {
			text, err = backup.CodesInput.ReadFile(args[0])
		}
		if err != nil {
			return fmt.Errorf("cannot read the recovery codes file: %w", err)
		}
		codes, note := parseCodes(string(text), args[0])
		return c.saveCodes(v, a, codes, *replace, note)
	}
}

// parseCodes reads a pasted block or a site's file; note says which lines
// it skipped as headers (by number: a line might hold a code).
func parseCodes(text, from string) (codes []string, note string) {
	codes, skipped := core.ParseRecoveryCodes(text)
	if len(skipped) > 0 {
		nums := make([]string, len(skipped))
		for k, n := range skipped {
			nums[k] = strconv.Itoa(n)
		}
		lines := "line"
		if len(nums) > 1 {
			lines = "lines"
		}
		note = fmt.Sprintf("Skipped %s %s of %s: not recovery codes.\n", lines, strings.Join(nums, ", "), from)
	}
	return codes, note
}

// saveCodes adds (or with replace, swaps in) codes and saves the vault;
// note, from parseCodes, is shown once they are saved.
func (c *cli) saveCodes(v *vault.Vault, a *core.Account, codes []string, replace bool, note string) error {
	if len(codes) == 0 {
		return withHint(core.ErrNoRecoveryCodes, "paste the codes as the site shows them, one or several per line")
	}
	now := time.Now()
	var err error
	if replace {
		err = a.ReplaceRecoveryCodes(codes, now)
	} else {
		err = a.AddRecoveryCodes(codes, now)
	}
	if errors.Is(err, core.ErrDuplicateRecoveryCode) {
		return withHint(err, "`lifeline codes list` shows the saved ones; --replace swaps them all for new ones")
	}
	if err != nil {
		return err
	}
	if err := c.saveAccount(v, a, now); err != nil {
		return err
	}
	fmt.Fprint(c.stderr, note)
	fmt.Fprintf(c.stderr, "Saved %d recovery codes for %s (%s).\n", len(codes), a.Label(), a.RecoveryCodesSummary())
	c.warnLow(a)
	return nil
}

// saveAccount records that a changed and saves the vault, with the
// automatic backup after it.
func (c *cli) saveAccount(v *vault.Vault, a *core.Account, now time.Time) error {
	v.Doc.Touch(v.Doc.Index(a.ID), now)
	return c.saved(v, v.Save(now))
}

func (c *cli) warnLow(a *core.Account) {
	if w := a.RecoveryCodesWarning(); w != "" {
		fmt.Fprintf(c.stderr, "lifeline: %s\n", w)
	}
}

// codeEntry is one code in `codes list --json`.
type codeEntry struct {
	Number int        `json:"number"`
	Code   string     `json:"code"`
	Added  time.Time  `json:"added"`
	UsedAt *time.Time `json:"used_at"`
}

func (c *cli) codesList(fs *flag.FlagSet, _ string) func(*vault.Vault, *core.Account, []string) error {
	asJSON := fs.Bool("json", false, "print a JSON array")
	return func(_ *vault.Vault, a *core.Account, _ []string) error {
		if *asJSON {
			out := make([]codeEntry, len(a.RecoveryCodes))
			for k, rc := range a.RecoveryCodes {
				out[k] = codeEntry{Number: k + 1, Code: string(rc.Code), Added: rc.Added, UsedAt: rc.UsedAt}
			}
			return c.printJSON(out)
		}
		if len(a.RecoveryCodes) == 0 {
			fmt.Fprintf(c.stderr, "%s has no recovery codes; save them with `lifeline codes import QUERY FILE`.\n", a.Label())
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		for k, rc := range a.RecoveryCodes {
			status := "unused"
			if rc.UsedAt != nil {
				status = "used " + rc.UsedAt.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\n", k+1, string(rc.Code), status)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "%s: %s.\n", a.Label(), a.RecoveryCodesSummary())
		c.warnLow(a)
		return nil
	}
}

// findCode picks the code a CODE argument names: the code in any spelling,
// else its number in `codes list`; "-" reads it from stdin.
func (c *cli) findCode(a *core.Account, arg string) (int, error) {
	if arg == "-" {
		b, err := backup.SecretInput.Read(c.stdin, "-")
		if err != nil {
			return 0, fmt.Errorf("cannot read the code from stdin: %w", err)
		}
		arg = strings.TrimSpace(string(b))
	}
	k, err := a.FindRecoveryCode(arg)
	if err == nil {
		return k, nil
	}
	if n, nerr := strconv.Atoi(arg); nerr == nil && len(arg) <= 3 && n >= 1 && n <= len(a.RecoveryCodes) {
		return n - 1, nil
	}
	return 0, withHint(err, "give the code as the site shows it, or its number from `lifeline codes list`")
}

func (c *cli) codesMark(_ *flag.FlagSet, action string) func(*vault.Vault, *core.Account, []string) error {
	return func(v *vault.Vault, a *core.Account, args []string) error {
		k, err := c.findCode(a, args[0])
		if err != nil {
			return err
		}
		now := time.Now()
		if !a.MarkRecoveryCode(k, action == "use", now) {
			if action == "use" {
				return withHint(fmt.Errorf("code %d of %s was already used on %s", k+1, a.Label(), a.RecoveryCodes[k].UsedAt.Local().Format("2006-01-02")),
					"sites accept each code once; if it was marked by mistake, run `lifeline codes unuse`")
			}
			return fmt.Errorf("code %d of %s is not marked used", k+1, a.Label())
		}
		if err := c.saveAccount(v, a, now); err != nil {
			return err
		}
		what := "used"
		if action == "unuse" {
			what = "unused"
		}
		fmt.Fprintf(c.stderr, "Marked code %d of %s %s (%s).\n", k+1, a.Label(), what, a.RecoveryCodesSummary())
		c.warnLow(a)
		return nil
	}
}

func (c *cli) codesRm(_ *flag.FlagSet, _ string) func(*vault.Vault, *core.Account, []string) error {
	return func(v *vault.Vault, a *core.Account, args []string) error {
		k, err := c.findCode(a, args[0])
		if err != nil {
			return err
		}
		if err := a.RemoveRecoveryCode(k); err != nil {
			return withHint(err, "`lifeline rm QUERY` deletes the entry")
		}
		if err := c.saveAccount(v, a, time.Now()); err != nil {
			return err
		}
		left := a.RecoveryCodesSummary()
		if left == "" {
			left = "none left"
		}
		fmt.Fprintf(c.stderr, "Deleted code %d of %s (%s).\n", k+1, a.Label(), left)
		return nil
	}
}
