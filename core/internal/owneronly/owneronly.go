// Package owneronly keeps a folder Lifeline creates (the vault's, the
// backups') readable by its owner alone, on every system. Unix file modes
// (0700 folders, 0600 files) already do it there; Windows ignores them, and
// a folder outside %AppData% inherits its parent's ACL, which may let every
// user of the machine read it.
package owneronly
