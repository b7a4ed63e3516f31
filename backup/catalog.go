package backup

import (
	"errors"
	"io/fs"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Entry is one backup of the open vault, as the window's Backups page and
// `lifeline backup list` show it.
type Entry struct {
	File
	// Accounts is how many accounts it holds, once opened.
	Accounts int
	// Verified says it opened with the vault's own key, whole, and was made
	// by this vault (its authenticator says so).
	Verified bool
	// Problem is why it did not open (damaged, cut short), or nil.
	Problem error
}

// ListVault lists the backups of the open vault v in its backup folder,
// newest first, each opened with the vault's own key to count its accounts
// and check it. A folder may be shared by several vaults (a sync folder):
// only v's are listed, those whose names carry v's tag, and the older
// names and snapshots, which carry none, when they open with v's keys and
// hold v's id. Another vault's backups are never listed.
func ListVault(v *vault.Vault) ([]Entry, error) {
	list, err := PrepareList(v)
	if err != nil {
		return nil, err
	}
	return list()
}

// PrepareList takes from v what ListVault needs (the folder, the keys) and
// returns the listing itself, which reads and decrypts the files and may
// run in another goroutine while v is used elsewhere.
func PrepareList(v *vault.Vault) (list func() ([]Entry, error), err error) {
	if v.Doc == nil {
		return nil, vault.ErrDropped
	}
	s, _ := LoadSettings(v.Doc) // damaged settings: the default folder, as the backups use
	folder, vaultID := s.FolderFor(v.Dir), v.Doc.VaultID
	var k Key
	k.DefaultToVault(v)
	return func() ([]Entry, error) { return listOwn(folder, vaultID, k) }, nil
}

func listOwn(folder, vaultID string, k Key) ([]Entry, error) {
	files, err := List(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // made with the first backup
	}
	if err != nil {
		return nil, err
	}
	tag := vaultTag(vaultID)
	var out []Entry
	for _, f := range files {
		if f.Vault != "" && f.Vault != tag {
			continue // another vault's
		}
		e := Entry{File: f}
		o, err := ReadFile(f.Path, k)
		if err == nil {
			forget(o)
		}
		switch {
		case err == nil && o.Doc.VaultID == vaultID:
			e.Accounts, e.Verified = len(o.Doc.Accounts), o.Trusted()
		case f.Vault == "":
			continue // not shown to be this vault's
		case err == nil:
			e.Problem = errors.New("it holds another vault, though its name says this one")
		default:
			e.Problem = err
		}
		out = append(out, e)
	}
	return out, nil
}

// forget zeroes the secrets of a backup opened only to be counted.
func forget(o *Opened) {
	for i := range o.Doc.Accounts {
		clear(o.Doc.Accounts[i].Secret)
	}
	o.Doc.Keys = nil
}

// State words whether a listed backup was checked, the same in both
// faces: "verified", "not made by this vault", or what is wrong with it.
func (e Entry) State() string {
	switch {
	case e.Problem != nil:
		return "cannot be opened: " + e.Problem.Error()
	case e.Verified:
		return "verified"
	}
	return "opens, but not made by this vault"
}

// Holds is "3 accounts", or "" when the backup could not be opened.
func (e Entry) Holds() string {
	if e.Problem != nil {
		return ""
	}
	return plural(e.Accounts, "account")
}
