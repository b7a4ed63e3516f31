package ready

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// dateFormat is how findings give dates: the day is enough for "when".
const dateFormat = "2 January 2006"

func when(t time.Time) string { return t.Local().Format(dateFormat) }

var (
	fixBackupOn = &Fix{BackupOn, "Turn on backups",
		"lifeline backup config --on --folder DIR (a folder on another drive, or one a sync tool keeps)"}
	fixBackupFolder = &Fix{BackupFolder, "Choose a backup folder",
		"lifeline backup config --folder DIR (a folder on another drive, or one a sync tool keeps)"}
	fixBackupNow = &Fix{BackupNow, "Back up now", "lifeline backup now"}
	fixKit       = &Fix{SaveKit, "Save a Recovery Kit", "lifeline kit FILE.pdf (then print it)"}
	fixTestKey   = &Fix{TestKey, "Test your printed key", "lifeline recovery-key --test"}
)

// backups is what the backup status says about the vault's copies.
type backups struct {
	status backup.Status
	// verified is true when the last verified backup's file is still there.
	verified bool
	place    Place // where that file (or, with none, the folder) is
	folder   string
	fix      *Fix // what makes a verified backup of the vault off this computer
	// scheduled is a backup of the vault as it is now on its way to a
	// folder off this computer, with no failure so far.
	scheduled bool
}

func backupState(v *vault.Vault, scheduled bool) backups {
	st, _ := backup.ReadStatus(v) // unreadable settings: the defaults, which is what backs up
	b := backups{status: st, folder: st.Folder}
	if st.LastFile != "" {
		if _, err := os.Stat(st.LastFile); err == nil {
			b.verified, b.folder = true, filepath.Dir(st.LastFile)
		}
	}
	b.place = OffDevice(b.folder, v.Dir)
	switch {
	case !st.Enabled:
		b.fix = fixBackupOn
	case !OffDevice(st.Folder, v.Dir).Off:
		b.fix = fixBackupFolder
	default:
		b.fix = fixBackupNow
		b.scheduled = scheduled && st.Failure == nil
	}
	return b
}

// holds reports whether the verified backup holds the account as it is,
// or will once the scheduled backup is written.
func (b backups) holds(a *core.Account) bool {
	return b.verified && (b.scheduled || !a.Updated.After(b.status.BackedUp))
}

func (b backups) offDevice(v *vault.Vault) Finding {
	f := Finding{Kind: OffDeviceCopy, Severity: Problem, Fix: b.fix}
	st := b.status
	switch {
	case !st.Enabled && !b.verified:
		f.Text = "Automatic backups are off: no copy of the vault exists off this computer."
	case !b.place.Off:
		f.Text = fmt.Sprintf("Backups go to %s, on this computer: they are lost with it.", b.folder)
	case !b.verified:
		f.Text = fmt.Sprintf("No verified backup is in %s (%s) yet.", b.folder, b.place.Kind)
	case b.scheduled:
		f.Severity, f.Fix = OK, nil
		f.Text = fmt.Sprintf("The latest changes are about to be backed up to %s (%s).", st.Folder, OffDevice(st.Folder, v.Dir).Kind)
	case v.Doc.Updated.After(st.BackedUp):
		f.Text = fmt.Sprintf("The backup in %s (%s) is from %s: changes since are only on this computer.",
			b.folder, b.place.Kind, when(st.LastBackup))
	default:
		f.Severity, f.Fix = OK, nil
		f.Text = fmt.Sprintf("A verified backup of the vault as it is now is in %s (%s), made %s.",
			b.folder, b.place.Kind, when(st.LastBackup))
	}
	if f.Severity == Problem && st.Failure != nil {
		f.Text += fmt.Sprintf(" The last backup failed: %s.", st.Failure.Reason)
	}
	return f
}

func kitFinding(v *vault.Vault) Finding {
	f := Finding{Kind: PrintedKit, Severity: Problem, Fix: fixKit}
	m, _ := kit.Recorded(v.Doc)
	switch kit.Check(v) {
	case kit.Missing:
		f.Text = "No Recovery Kit has been saved for this vault: nothing on paper opens it."
	case kit.OldKey:
		f.Text = fmt.Sprintf("The recovery key was replaced after your Recovery Kit of %s: the printed key no longer opens the vault.", when(m.Created))
	case kit.Outdated:
		f.Text = fmt.Sprintf("Accounts or recovery codes changed since your Recovery Kit of %s: the printed one is stale.", when(m.Created))
	default:
		f.Severity, f.Fix = OK, nil
		f.Text = fmt.Sprintf("Your Recovery Kit of %s holds the current key, accounts and codes.", when(m.Created))
	}
	return f
}

func keyFinding(v *vault.Vault, now time.Time) Finding {
	f := Finding{Kind: TestedKey, Severity: Problem, Fix: fixTestKey}
	k, ok := LastKeyTest(v.Doc)
	current, _ := v.RecoveryRecipient()
	switch {
	case !ok:
		f.Text = "Your printed recovery key was never tested: type it back once to be sure it opens the vault."
	case k.Recipient != current:
		f.Text = fmt.Sprintf("The recovery key was replaced after you tested it on %s: test the new one.", when(k.Tested))
	case now.Sub(k.Tested) > KeyTestInterval:
		f.Severity = Warning
		f.Text = fmt.Sprintf("You last tested your printed recovery key on %s, over a year ago: test it again.", when(k.Tested))
	default:
		f.Severity, f.Fix = OK, nil
		f.Text = fmt.Sprintf("You tested your printed recovery key on %s.", when(k.Tested))
	}
	return f
}

func accountReport(a *core.Account, b backups, opt Options) AccountReport {
	left, total := a.RecoveryCodesLeft()
	r := AccountReport{ID: a.ID, Label: a.Label(), HasSecret: a.HasSecret(), CodesLeft: left, Codes: total}
	add := func(k Kind, s Severity, fix *Fix, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{Kind: k, Severity: s, Text: fmt.Sprintf(format, args...), Fix: fix})
	}
	if !b.holds(a) {
		if b.verified {
			add(BackedUp, Problem, b.fix, "Changed since the last verified backup (%s).", when(b.status.LastBackup))
		} else {
			add(BackedUp, Problem, b.fix, "Not in any verified backup yet.")
		}
	}
	facts, known := opt.facts(*a)
	name := site(*a, facts, known)
	where := ""
	if known && facts.RecoveryURL != "" {
		where = " (" + facts.RecoveryURL + ")"
	}
	switch {
	case !r.HasSecret && left == 0:
		add(NoWayIn, Problem, codesFix(AddCodes, a),
			"No secret and no unused recovery code: Lifeline cannot get you into %s. Make new codes at the site%s and save them.", name, where)
	case total == 0 && known && facts.IssuesCodes:
		add(CodesSaved, Problem, codesFix(AddCodes, a),
			"%s issues recovery codes and none are saved here: get them at the site%s and save them.", name, where)
	case total > 0 && left <= core.LowRecoveryCodes:
		if known && facts.Regenerable != nil && !*facts.Regenerable {
			add(CodesLow, Warning, nil, "Only %s left, and %s cannot make new ones: keep them printed.", unusedCodes(left), name)
		} else {
			add(CodesLow, Warning, codesFix(ReplaceCodes, a), "Only %s left: make new ones at %s%s and save them.", unusedCodes(left), name, where)
		}
	}
	if known {
		switch { // the one fact that changes what to do comes first
		case facts.Regenerable != nil && !*facts.Regenerable && total > 0:
			add(SiteNote, Info, nil, "%s cannot regenerate recovery codes: keep them printed.", name)
		case facts.Note != "":
			add(SiteNote, Info, nil, "%s", facts.Note)
		}
	}
	r.Ready = true
	for _, f := range r.Findings {
		if f.Severity == Problem {
			r.Ready = false
		}
	}
	return r
}

func unusedCodes(n int) string {
	if n == 1 {
		return "1 unused recovery code"
	}
	return fmt.Sprintf("%d unused recovery codes", n)
}

func codesFix(action Action, a *core.Account) *Fix {
	q := shellQuote(a.Label())
	if action == ReplaceCodes {
		return &Fix{ReplaceCodes, "Save new codes", "lifeline codes import " + q + " FILE --replace"}
	}
	return &Fix{AddCodes, "Add recovery codes", "lifeline codes add " + q + " CODE..."}
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.@:+", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
