package cli

import (
	"flag"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/backup/services/icons"
)

func (c *cli) cmdEdit(fs *flag.FlagSet) func(pos []string) error {
	var issuer, name, note, icon optString
	var groups stringList
	var fav optBool
	fs.Var(&issuer, "issuer", "new issuer")
	fs.Var(&name, "name", "new account name")
	fs.Var(&groups, "group", "group (repeat for several; --group \"\" clears)")
	fs.Var(&note, "note", "note")
	fs.Var(&fav, "favorite", "true or false")
	fs.Var(&icon, "icon", "an icon's name (github), letter, or auto")
	return func(pos []string) error {
		if !issuer.set && !name.set && !groups.set && !note.set && !fav.set && !icon.set {
			return usagef("edit: nothing to change; give --issuer, --name, --group, --note, --favorite or --icon")
		}
		choice, err := icons.ParseChoice(icon.val)
		if err != nil {
			return usagef("edit: %v", err)
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
		if icon.set {
			a.Icon = choice
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
}

// optString and optBool are flags that remember whether they were given,
// so `--note ""` clears the note while an absent --note leaves it.
type optString struct {
	val string
	set bool
}

type optBool struct {
	val bool
	set bool
}
