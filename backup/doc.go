// Package backup is everything about leaving and re-entering the vault:
// age-encrypted exports, automatic backups after every change, and restore
// with a preview and a merge that never drops what the vault holds.
//
// A backup is the vault document (docs/FORMAT.md) encrypted with age, so the
// official age tool opens it without Lifeline (docs/BACKUPS.md). By default
// it is encrypted to the vault's recovery key alone and carries the vault's
// keys, so a fresh device restores it with the printed key and keeps that
// key. It never imports Fyne: a window drives it through plain structs and
// callbacks (Options.Progress, Preview, Status, Backuper.OnStatus).
package backup
