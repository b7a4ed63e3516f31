package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// screenTimeout bounds a screen capture; on Wayland with X11 it goes
// through the desktop's portal, which may wait on a dialog.
const screenTimeout = 30 * time.Second

// found is one QR code and where it was read.
type found struct {
	source  string
	content qr.Content
}

// cmdScan reads the QR codes in image files (or on the screen) and adds the
// accounts they hold. It prints one line per code naming its kind. Like
// add, every image is read and every code checked before the vault is
// touched: one unreadable image or broken code adds nothing.
func (c *cli) cmdScan(fs *flag.FlagSet) func(pos []string) error {
	screen := fs.Bool("screen", false, "scan every display instead of image files")
	dry := fs.Bool("dry-run", false, "say what the codes hold; add nothing")
	return func(pos []string) error {
		if *screen == (len(pos) > 0) {
			return usagef("usage: lifeline scan %s", synopsis("scan"))
		}
		codes, err := c.readCodes(pos, *screen)
		if err != nil {
			return err
		}
		var accounts []core.Account
		var batches qr.Collector
		unusable, keys := 0, 0
		for _, f := range codes {
			fmt.Fprintf(c.stdout, "%s: %s\n", f.source, f.content.Summary())
			switch {
			case f.content.Err != nil:
				unusable++
			case f.content.Kind == qr.KindAccount:
				accounts = append(accounts, f.content.Account)
			case f.content.Kind == qr.KindMigration:
				if _, err := batches.Add(f.content.Batch); err != nil {
					return fmt.Errorf("%s: %w", f.source, err)
				}
			case f.content.Kind == qr.KindRecoveryKey:
				keys++
			}
		}
		if unusable > 0 {
			return withHint(fmt.Errorf("%d of the QR codes cannot be used (see above); nothing was added", unusable),
				"crop the broken code out of the picture, or ask the site for a new one")
		}
		if keys > 0 {
			fmt.Fprintf(c.stderr, "lifeline: a Lifeline recovery key was found; it was not printed. To unlock or restore with it, pass the same file as --recovery-key-qr FILE (or type the key into a file for --recovery-key-file FILE)\n")
		}
		for _, p := range batches.Exports() {
			if !p.Complete() {
				fmt.Fprintf(c.stderr, "lifeline: Google Authenticator export: %s; batch %s missing (the accounts of the scanned batches are added; scan the rest later)\n",
					p, joinInts(p.Missing))
			}
		}
		accounts = append(accounts, batches.Accounts()...)
		if len(accounts) == 0 {
			return errors.New("no account in the QR codes found; nothing was added")
		}
		if *dry {
			fmt.Fprintf(c.stderr, "Dry run: %d accounts would be added.\n", len(accounts))
			return nil
		}
		return c.addAll(accounts)
	}
}

// readCodes scans the files in order (or the screen) and fails on the
// first that cannot be read or holds no code.
func (c *cli) readCodes(paths []string, screen bool) ([]found, error) {
	var out []found
	if screen {
		ctx, cancel := context.WithTimeout(context.Background(), screenTimeout)
		defer cancel()
		cs, err := qr.ScanScreen(ctx)
		switch {
		case errors.Is(err, qr.ErrNoScreen):
			return nil, withHint(err, "take a screenshot and scan its file: lifeline scan FILE")
		case errors.Is(err, qr.ErrNoCode):
			return nil, withHint(errors.New("no QR code found on the screen"), "show the code larger, or take a screenshot and scan its file")
		case err != nil:
			return nil, err
		}
		for _, content := range cs {
			out = append(out, found{"screen", content})
		}
		return out, nil
	}
	for _, p := range paths {
		cs, err := qr.ScanFile(p)
		if errors.Is(err, qr.ErrNoCode) {
			return nil, withHint(fmt.Errorf("%s: no QR code found", p), "crop the picture around the code, or take it closer; nothing was added")
		}
		if err != nil {
			return nil, withHint(fmt.Errorf("%s: %w", p, err), "nothing was added")
		}
		for _, content := range cs {
			out = append(out, found{p, content})
		}
	}
	return out, nil
}

// addAll adds accounts to the vault for add and scan: duplicates are
// skipped with a note, the vault is saved once and then backed up.
func (c *cli) addAll(accounts []core.Account) error {
	v, err := c.open(anyKey)
	if err != nil {
		return err
	}
	now := time.Now()
	var added []string
	for _, a := range accounts {
		got, err := v.Doc.Add(a, now)
		if errors.Is(err, vault.ErrDuplicate) {
			fmt.Fprintf(c.stderr, "lifeline: skipped %s: already in the vault\n", a.Label())
			continue
		}
		if err != nil {
			return withHint(fmt.Errorf("%s: %w", a.ShortLabel(), err), "nothing was added")
		}
		added = append(added, fmt.Sprintf("Added %s (%s)\n", got.Label(), got.Type.Name()))
	}
	if len(added) == 0 {
		return errors.New("nothing was added")
	}
	// Only what is on disk is reported as added.
	err = v.Save(now)
	if !vault.Written(err) {
		return fmt.Errorf("nothing was added: %w", err)
	}
	fmt.Fprint(c.stderr, strings.Join(added, ""))
	return c.saved(v, err)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
