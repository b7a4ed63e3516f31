package ready

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// Way is how a lost-device step gets back into an account.
type Way string

const (
	WithCode         Way = "code"          // the secret is here: a code from Lifeline
	WithRecoveryCode Way = "recovery-code" // only recovery codes here: the next unused one
	WithSiteRecovery Way = "site-recovery" // neither: the site's account recovery
)

// Step is what to do now for one account after losing a device.
type Step struct {
	AccountID string `json:"account_id"`
	Account   string `json:"account"`
	Way       Way    `json:"way"`
	Text      string `json:"text"`
	Link      string `json:"link,omitempty"`
	// Code is the number (from 1, as `codes list` counts) of the recovery
	// code to sign in with, for WithRecoveryCode; the faces offer to mark
	// it used.
	Code int `json:"code,omitempty"`
}

// Guide is the day-after plan: first the vault's own step, then each
// account's, those needing the most work last.
type Guide struct {
	Title    string   `json:"title"`
	Intro    string   `json:"intro"`
	Vault    string   `json:"vault"`    // rotate the keys if the lost device held an unlocked Lifeline
	Commands []string `json:"commands"` // the commands that do it
	Steps    []Step   `json:"steps"`
}

// LostDevice is the guide for the vault's accounts.
func LostDevice(doc *vault.Document, opt Options) Guide {
	g := Guide{
		Title: "I lost a device",
		Intro: "What to do now, account by account. Do the steps in order and tick each one off.",
		Vault: "If the lost device had Lifeline unlocked, or remembered its vault in the keyring, whoever has it can open the vault: " +
			"a keyring entry cannot be revoked from afar. Replace the recovery key and the password now, then print a new Recovery Kit:",
		Commands: []string{"lifeline recovery-key --rotate", "lifeline passwd", "lifeline kit FILE.pdf"},
	}
	var later [3][]Step
	for i := range doc.Accounts {
		s := stepFor(&doc.Accounts[i], opt)
		switch s.Way {
		case WithCode:
			later[0] = append(later[0], s)
		case WithRecoveryCode:
			later[1] = append(later[1], s)
		default:
			later[2] = append(later[2], s)
		}
	}
	g.Steps = append(append(later[0], later[1]...), later[2]...)
	return g
}

func stepFor(a *core.Account, opt Options) Step {
	f, known := opt.facts(*a)
	name := site(*a, f, known)
	s := Step{AccountID: a.ID, Account: a.Label()}
	twoFA, recovery := f.TwoFactorURL, f.RecoveryURL
	if twoFA == "" {
		twoFA = recovery
	}
	if recovery == "" {
		recovery = twoFA
	}
	if a.HasSecret() {
		s.Way, s.Link = WithCode, twoFA
		s.Text = fmt.Sprintf("Sign in with the code from Lifeline, then remove the lost device in %s's 2FA settings%s.", name, at(twoFA))
		return s
	}
	for i, c := range a.RecoveryCodes {
		if c.UsedAt == nil {
			s.Way, s.Link, s.Code = WithRecoveryCode, twoFA, i+1
			s.Text = fmt.Sprintf("Sign in with recovery code #%d (the next unused one), then set 2FA up again%s.", i+1, at(twoFA))
			return s
		}
	}
	s.Way, s.Link = WithSiteRecovery, recovery
	ready := "the account's name or email (" + nonEmpty(a.Name, a.Label()) + "), the phone number on it, and proof of who you are (an ID, a recent payment)"
	s.Text = fmt.Sprintf("Use %s's account recovery%s; have ready: %s.", name, at(recovery), ready)
	return s
}

func at(link string) string {
	if link == "" {
		return " (on the site's security page)"
	}
	return ": " + link
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// WriteText writes the guide for the terminal, with a box per step.
func (g Guide) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n\n[ ] %s\n", g.Title, g.Intro, g.Vault)
	for _, c := range g.Commands {
		fmt.Fprintf(&b, "      %s\n", c)
	}
	for i, s := range g.Steps {
		fmt.Fprintf(&b, "\n[ ] %d. %s\n    %s\n", i+1, s.Account, s.Text)
		if s.Code > 0 {
			fmt.Fprintf(&b, "    Once used: lifeline codes use %s %d\n", shellQuote(s.Account), s.Code)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WritePDF writes the guide as a checklist in the Recovery Kit's style.
func (g Guide) WritePDF(w io.Writer, page kit.Page, now time.Time) error {
	c := kit.Checklist{Title: g.Title, Subtitle: "Lifeline · " + now.Local().Format(dateFormat), Intro: g.Intro, Created: now}
	c.Sections = append(c.Sections, kit.ChecklistSection{Heading: "First: this vault",
		Items: []kit.ChecklistItem{{Title: "Replace the recovery key and the password", Text: g.Vault, Commands: g.Commands}}})
	items := make([]kit.ChecklistItem, len(g.Steps))
	for i, s := range g.Steps {
		items[i] = kit.ChecklistItem{Title: fmt.Sprintf("%d. %s", i+1, s.Account), Text: s.Text}
	}
	if len(items) > 0 {
		c.Sections = append(c.Sections, kit.ChecklistSection{Heading: "Then each account", Items: items})
	}
	return kit.WriteChecklist(w, c, page)
}
