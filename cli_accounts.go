package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// listEntry is one account in `list --json`: everything but secrets.
type listEntry struct {
	ID            string   `json:"id"`
	Issuer        string   `json:"issuer"`
	Name          string   `json:"name"`
	Type          string   `json:"type"`
	Algorithm     string   `json:"algorithm"`
	Digits        int      `json:"digits"`
	Period        int      `json:"period,omitempty"`
	Counter       *uint64  `json:"counter,omitempty"`
	Groups        []string `json:"groups"`
	Favorite      bool     `json:"favorite"`
	RecoveryCodes struct {
		Total  int `json:"total"`
		Unused int `json:"unused"`
	} `json:"recovery_codes"`
}

func (c *cli) cmdList(args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print a JSON array")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments (got %q)", pos[0])
	}
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	accs := v.Doc.Accounts
	if *asJSON {
		out := make([]listEntry, len(accs))
		for i := range accs {
			a := &accs[i]
			e := listEntry{ID: a.ID, Issuer: a.Issuer, Name: a.Name, Type: string(a.Type),
				Algorithm: a.Algorithm.String(), Digits: a.Digits, Period: a.Period,
				Groups: append([]string{}, a.Groups...), Favorite: a.Favorite}
			if a.Type == core.HOTP {
				n := a.Counter
				e.Counter = &n
			}
			e.RecoveryCodes.Unused, e.RecoveryCodes.Total = a.RecoveryCodesLeft()
			out[i] = e
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(accs) == 0 {
		fmt.Fprintf(c.stderr, "The vault is empty; add an account with `lifeline add URI`.\n")
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ISSUER\tNAME\tTYPE\tGROUPS\tRECOVERY CODES")
	for i := range accs {
		a := &accs[i]
		codes := "-"
		if left, total := a.RecoveryCodesLeft(); total > 0 {
			codes = fmt.Sprintf("%d of %d left", left, total)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", dash(a.Issuer), dash(a.Name), typeName(a), dash(strings.Join(a.Groups, ",")), codes)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
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

func (c *cli) cmdCode(args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	at := fs.String("at", "", "the time as Unix seconds (default: now)")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	t := time.Now()
	if *at != "" {
		sec, err := strconv.ParseInt(*at, 10, 64)
		if err != nil {
			return usagef("code: --at %q is not a number of Unix seconds", *at)
		}
		t = time.Unix(sec, 0)
	}
	v, i, err := c.one("code", pos, anyKey)
	if err != nil {
		return err
	}
	a := &v.Doc.Accounts[i]
	code := a.Code(t)
	if a.Type == core.HOTP {
		// The code is used up once shown: advance and save before printing,
		// so a failed save never hands out a code twice.
		a.Counter++
		a.Uses++
		v.Doc.Touch(i, time.Now())
		if err := v.Save(time.Now()); err != nil {
			return fmt.Errorf("the counter could not be saved, so no code was given: %w", err)
		}
		c.afterSave(v)
	}
	fmt.Fprintln(c.stdout, code)
	return nil
}

func (c *cli) cmdShow(args []string) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	uri := fs.Bool("uri", false, "print the otpauth:// URI (it contains the secret)")
	qr := fs.String("qr", "", "write the otpauth QR code to FILE.png (it contains the secret)")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	v, i, err := c.one("show", pos, anyKey)
	if err != nil {
		return err
	}
	a := &v.Doc.Accounts[i]
	if *qr != "" {
		png, err := qrcode.Encode(core.FormatURI(a), qrcode.Medium, 512)
		if err != nil {
			return fmt.Errorf("cannot make the QR code: %w", err)
		}
		if err := os.WriteFile(*qr, png, 0o600); err != nil {
			return fmt.Errorf("cannot write the QR code: %w", err)
		}
		fmt.Fprintf(c.stderr, "Wrote %s; scan it with your phone, then delete it: it holds the secret.\n", *qr)
	}
	if *uri {
		fmt.Fprintln(c.stdout, core.FormatURI(a))
	}
	if *uri || *qr != "" {
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(tw, "%s\t%s\n", k, v) }
	row("Issuer:", dash(a.Issuer))
	row("Name:", dash(a.Name))
	row("Type:", typeName(a))
	row("Algorithm:", a.Algorithm.String())
	row("Digits:", strconv.Itoa(a.Digits))
	if a.Type == core.HOTP {
		row("Counter:", strconv.FormatUint(a.Counter, 10))
	} else {
		row("Period:", fmt.Sprintf("%d s", a.Period))
	}
	row("Groups:", dash(strings.Join(a.Groups, ", ")))
	row("Favorite:", strconv.FormatBool(a.Favorite))
	row("Note:", dash(a.Note))
	left, total := a.RecoveryCodesLeft()
	row("Recovery codes:", fmt.Sprintf("%d of %d left", left, total))
	row("Created:", a.Created.Local().Format(time.DateTime))
	row("Updated:", a.Updated.Local().Format(time.DateTime))
	row("ID:", a.ID)
	return tw.Flush()
}

func (c *cli) cmdEdit(args []string) error {
	fs := flag.NewFlagSet("edit", flag.ContinueOnError)
	var issuer, name, note optString
	var groups stringList
	var fav optBool
	fs.Var(&issuer, "issuer", "new issuer")
	fs.Var(&name, "name", "new account name")
	fs.Var(&groups, "group", "group (repeat for several; --group \"\" clears)")
	fs.Var(&note, "note", "note")
	fs.Var(&fav, "favorite", "true or false")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	if !issuer.set && !name.set && !groups.set && !note.set && !fav.set {
		return usagef("edit: nothing to change; give --issuer, --name, --group, --note or --favorite")
	}
	v, i, err := c.one("edit", pos, anyKey)
	if err != nil {
		return err
	}
	a := &v.Doc.Accounts[i]
	if issuer.set {
		a.Issuer = issuer.val
	}
	if name.set {
		a.Name = name.val
	}
	if groups.set {
		a.Groups = groups.vals
	}
	if note.set {
		a.Note = note.val
	}
	if fav.set {
		a.Favorite = fav.val
	}
	if err := a.Validate(); err != nil {
		return err
	}
	v.Doc.Touch(i, time.Now())
	if err := v.Save(time.Now()); err != nil {
		return err
	}
	c.afterSave(v)
	fmt.Fprintf(c.stderr, "Updated %s\n", a.Label())
	return nil
}

func (c *cli) cmdRm(args []string) error {
	fs := flag.NewFlagSet("rm", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	pos, err := c.flags(fs, args)
	if err != nil {
		return err
	}
	v, i, err := c.one("rm", pos, anyKey)
	if err != nil {
		return err
	}
	a := v.Doc.Accounts[i]
	if !*yes {
		ok, err := c.confirm(fmt.Sprintf("Delete %s? Its codes will be gone unless a backup has it.", a.Label()))
		if err != nil {
			return withHint(fmt.Errorf("not deleted: cannot ask for confirmation (%v)", err), "pass --yes to delete without asking")
		}
		if !ok {
			return fmt.Errorf("not deleted")
		}
	}
	if err := v.Doc.Remove(a.ID, time.Now()); err != nil {
		return err
	}
	if err := v.Save(time.Now()); err != nil {
		return err
	}
	c.afterSave(v)
	fmt.Fprintf(c.stderr, "Deleted %s\n", a.Label())
	return nil
}

// optString and optBool are flags that remember whether they were given,
// so `--note ""` clears the note while an absent --note leaves it.
type optString struct {
	val string
	set bool
}

func (o *optString) String() string     { return o.val }
func (o *optString) Set(v string) error { o.val, o.set = v, true; return nil }

type optBool struct {
	val bool
	set bool
}

func (o *optBool) String() string { return strconv.FormatBool(o.val) }
func (o *optBool) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("want true or false, got %q", v)
	}
	o.val, o.set = b, true
	return nil
}
func (o *optBool) IsBoolFlag() bool { return true }
