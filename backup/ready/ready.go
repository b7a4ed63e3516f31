// Package ready answers "if this computer died today, could I get back into
// every account?": Check looks at where the backups are, the printed kit,
// the tested recovery key and each account's recovery codes, and says in
// plain sentences what is missing and the one action that fixes it.
// LostDevice turns the same facts into the steps for the day after a
// device is lost. The package never imports Fyne; the window and the CLI
// (`lifeline check`, `lifeline lost-device`) only show what it returns.
package ready

import (
	"fmt"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/core/vault"
)

// Severity is how much a finding matters.
type Severity int

const (
	OK      Severity = iota // nothing to do
	Info                    // a fact worth knowing; nothing to fix
	Warning                 // worth doing soon; still ready
	Problem                 // not ready until fixed
)

func (s Severity) String() string {
	return [...]string{"ok", "info", "warning", "problem"}[s]
}

// MarshalText writes the severity as its name in `check --json`.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Action is what the fix of a finding does, so the window can put a
// button on it.
type Action string

const (
	BackupOn     Action = "backup-on"     // turn automatic backups on
	BackupFolder Action = "backup-folder" // choose a backup folder off this computer
	BackupNow    Action = "backup-now"    // make a backup now
	SaveKit      Action = "kit"           // save (and print) a new Recovery Kit
	TestKey      Action = "test-key"      // type the printed recovery key
	AddCodes     Action = "add-codes"     // save the site's recovery codes
	ReplaceCodes Action = "replace-codes" // save the new codes the site made
)

// Fix is the one action that resolves a finding: a button label for the
// window and a command line for the CLI's hint.
type Fix struct {
	Action  Action `json:"action"`
	Label   string `json:"label"`
	Command string `json:"command"`
}

// Kind names a check.
type Kind string

const (
	OffDeviceCopy Kind = "off-device" // a verified backup of the current vault off this computer
	PrintedKit    Kind = "kit"        // a printed kit for the current key and codes
	TestedKey     Kind = "key-test"   // the printed key was typed back and works
	BackedUp      Kind = "backed-up"  // the account is in a verified backup since its last change
	CodesSaved    Kind = "codes"      // the site's recovery codes are kept here
	CodesLow      Kind = "codes-low"  // few unused recovery codes left
	NoWayIn       Kind = "no-way-in"  // neither a secret nor an unused code
	SiteNote      Kind = "site"       // a fact about the site
)

// Finding is one check's result: a sentence and, unless it is OK or Info,
// the fix.
type Finding struct {
	Kind     Kind     `json:"kind"`
	Severity Severity `json:"severity"`
	Text     string   `json:"text"`
	Fix      *Fix     `json:"fix,omitempty"`
}

// AccountReport is one account's findings (only the ones that are not OK).
type AccountReport struct {
	ID        string    `json:"id"`
	Label     string    `json:"label"`
	HasSecret bool      `json:"has_secret"`
	CodesLeft int       `json:"codes_left"`
	Codes     int       `json:"codes"`
	Ready     bool      `json:"ready"`
	Findings  []Finding `json:"findings,omitempty"`
}

// Report is the whole check.
type Report struct {
	At       time.Time       `json:"at"`
	Ready    bool            `json:"ready"`
	Summary  string          `json:"summary"`
	Vault    []Finding       `json:"vault"` // off-device copy, kit, key test: always all three
	Accounts []AccountReport `json:"accounts"`
	// ReadyAccounts counts accounts without a Problem.
	ReadyAccounts int `json:"ready_accounts"`
	// ToFix and Warnings count distinct fixes (one backup fixes every
	// account changed since the last one).
	ToFix    int `json:"to_fix"`
	Warnings int `json:"warnings"`
}

// Options are what Check needs besides the vault.
type Options struct {
	// Lookup finds an account's service; nil uses Services.
	Lookup Lookup
	// BackupScheduled says an automatic backup of the vault as it is now
	// is waiting to be written (the window's Backuper pauses for changes
	// to settle): changes since the last backup are then not yet a
	// problem, unless the last attempt failed.
	BackupScheduled bool
}

// Check checks the vault's readiness at now. It reads the backup status
// and the backup folder; it changes nothing.
func Check(v *vault.Vault, now time.Time, opt Options) (Report, error) {
	if v == nil || v.Doc == nil {
		return Report{}, vault.ErrDropped
	}
	bk := backupState(v, opt.BackupScheduled)
	r := Report{At: now, Vault: []Finding{bk.offDevice(v), kitFinding(v), keyFinding(v, now)}}
	r.Accounts = make([]AccountReport, len(v.Doc.Accounts))
	for i := range v.Doc.Accounts {
		r.Accounts[i] = accountReport(&v.Doc.Accounts[i], bk, opt)
		if r.Accounts[i].Ready {
			r.ReadyAccounts++
		}
	}
	r.count()
	r.Ready = r.ToFix == 0
	r.Summary = r.summary()
	return r, nil
}

// count sets ToFix and Warnings: the distinct fixes of the problems and of
// the warnings (the same action for the same account, or for the vault,
// counts once).
func (r *Report) count() {
	type key struct {
		action  Action
		account string
	}
	problems, warnings := map[key]bool{}, map[key]bool{}
	add := func(f Finding, account string) {
		k := key{Action(f.Kind), account} // a warning with nothing to press still counts
		if f.Fix != nil {
			k.action = f.Fix.Action
		}
		switch f.Severity {
		case Problem:
			problems[k] = true
		case Warning:
			warnings[k] = true
		}
	}
	for _, f := range r.Vault {
		add(f, "")
	}
	for _, a := range r.Accounts {
		for _, f := range a.Findings {
			id := a.ID
			if f.Fix != nil && (f.Fix.Action == BackupNow || f.Fix.Action == BackupOn || f.Fix.Action == BackupFolder) {
				id = "" // one backup covers every account
			}
			add(f, id)
		}
	}
	for k := range warnings {
		if problems[k] {
			delete(warnings, k)
		}
	}
	r.ToFix, r.Warnings = len(problems), len(warnings)
}

// summary is "Ready: 23 of 25 accounts; 1 thing to fix".
func (r *Report) summary() string {
	s := fmt.Sprintf("Ready: %d of %d accounts", r.ReadyAccounts, len(r.Accounts))
	if len(r.Accounts) == 1 {
		s = strings.TrimSuffix(s, "s")
	}
	if r.ReadyAccounts == len(r.Accounts) && len(r.Accounts) > 1 {
		s = fmt.Sprintf("Ready: all %d accounts", len(r.Accounts))
	}
	switch r.ToFix {
	case 0:
		s += "; nothing to fix"
	case 1:
		s += "; 1 thing to fix"
	default:
		s += fmt.Sprintf("; %d things to fix", r.ToFix)
	}
	switch r.Warnings {
	case 0:
	case 1:
		s += ", 1 warning"
	default:
		s += fmt.Sprintf(", %d warnings", r.Warnings)
	}
	return s
}
