package gui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/core/vault"
)

// severalScreen is Settings → "Use on several computers": what it takes,
// where the vault is, moving it into a synced folder, and the computers
// that use it with when each last wrote.
type severalScreen struct {
	u       *UI
	devices *widget.Label
}

const severalIntro = "Put the vault in a folder that Syncthing, Dropbox, OneDrive, Nextcloud or iCloud Drive keeps on each of your computers, then, on the other computer, choose “Open a vault from a synced folder” on Lifeline’s first page. " +
	"Each computer writes its own copy of the vault and merges the others’: what you change on two computers while they are apart is all kept, and a new password or recovery key reaches every computer (one that only has the old key asks once for the new password)."

func (u *UI) showSeveral() {
	if u.vault == nil {
		return
	}
	s := &severalScreen{u: u, devices: &widget.Label{Text: devicesText(u.vault.DeviceList()), Wrapping: fyne.TextWrapWord}}
	u.show(screenSeveral, s.content())
}

func (s *severalScreen) content() fyne.CanvasObject {
	u := s.u
	engine := vault.SyncEngine(u.dir)
	// The folder on a line of its own: a long path wraps the words around
	// it badly (Fyne breaks inside the word after it).
	where := "No sync engine seems to keep the vault's folder:\n" + u.dir
	if engine != "" {
		where = engine + " keeps the vault's folder in step:\n" + u.dir
	}
	moves := container.NewVBox()
	if engine == "" {
		home, _ := os.UserHomeDir()
		for _, f := range vault.SyncedFolders(home) {
			dst := filepath.Join(f.Path, "lifeline")
			moves.Add(widget.NewButtonWithIcon("Move into "+f.Engine+" ("+dst+")", theme.UploadIcon(), func() { s.askMove(dst) }))
		}
		moves.Add(widget.NewButtonWithIcon("Move to a folder…", theme.FolderOpenIcon(), s.onChooseFolder))
	}
	if engine == "Syncthing" {
		moves.Add(widget.NewButtonWithIcon("Write .stignore", theme.DocumentSaveIcon(), s.onStignore))
	}
	body := container.NewVBox(
		&widget.Label{Text: severalIntro, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: where, Wrapping: fyne.TextWrapBreak},
		moves,
		widget.NewSeparator(),
		section("Computers using this vault", s.devices),
	)
	return page("Use on several computers", u.showSettings, nil, body, nil)
}

// devicesText is one line per computer: its name, when it last changed
// the vault (by its own clock), and what is wrong with its copy, if
// anything.
func devicesText(ds []vault.DeviceView) string {
	var b strings.Builder
	for _, d := range ds {
		name := d.Name
		if d.This {
			name += " (this computer)"
		}
		fmt.Fprintf(&b, "%s — last change %s", name, d.Edited.Local().Format("2 Jan 2006 15:04"))
		if d.Err != nil {
			fmt.Fprintf(&b, " — its copy could not be read: %v", d.Err)
		}
		b.WriteString("\n")
	}
	if b.Len() == 0 {
		return "Only this computer, so far."
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (s *severalScreen) onChooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		s.askMove(filepath.Join(l.Path(), "lifeline"))
	}, s.u.win)
	s.u.trackDialog(d).Show()
}

func (s *severalScreen) askMove(dst string) {
	d := dialog.NewConfirm("Move the vault?",
		"The vault moves to "+dst+" and this computer opens it from there. The old folder is kept beside, renamed, until you delete it. Lifeline locks: unlock it again to go on.",
		func(ok bool) {
			if ok {
				s.u.moveVault(dst)
			}
		}, s.u.win)
	s.u.trackDialog(d).Show()
}

func (s *severalScreen) onStignore() {
	n, err := vault.WriteStignore(s.u.dir)
	if err != nil {
		s.u.showError("Could not write .stignore", err)
		return
	}
	s.u.notice.show(fmt.Sprintf("Syncthing now ignores what is each computer’s own (%d lines added).", n), "", nil)
}

// moveVault moves the open vault to dst, then locks and unlocks it there.
func (u *UI) moveVault(dst string) {
	if u.vault == nil {
		return
	}
	old, err := vault.MoveVault(u.dir, dst, u.clock.Now())
	if err != nil {
		u.showError("Could not move the vault", err)
		return
	}
	u.dir = dst
	u.lock()
	u.notice.show("The vault is now in "+dst+"; the old folder is kept as "+filepath.Base(old)+".", "", nil)
}

// onOpenSynced is first run's "Open a vault from a synced folder": the
// folder itself, or a lifeline folder inside it, becomes this computer's
// vault.
func (u *UI) onOpenSynced() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		u.openSynced(l.Path())
	}, u.win)
	u.trackDialog(d).Show()
}

func (u *UI) openSynced(dir string) {
	if !vault.Exists(dir) && vault.Exists(filepath.Join(dir, "lifeline")) {
		dir = filepath.Join(dir, "lifeline")
	}
	if !vault.Exists(dir) {
		u.showError("No vault in this folder", errors.New(dir+" holds no Lifeline vault (vault.age and lifeline.json): choose the folder your other computer moved it into, once it has synced here"))
		return
	}
	if err := vault.SetDefaultDir(dir); err != nil {
		u.showError("Could not remember the folder", err)
		return
	}
	u.dir = dir
	u.showUnlock(false)
}
