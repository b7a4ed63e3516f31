package gui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/lifelineauth/lifeline/core"
)

// shownIssuers lists the issuers in the list, in order.
func shownIssuers(u *UI) []string {
	var out []string
	for _, i := range u.list.view {
		out = append(out, u.vault.Doc.Accounts[i].Issuer)
	}
	return out
}

func TestAddByURI(t *testing.T) {
	migration, _, err := core.FormatMigrationURIs([]core.Account{
		totp("Dropbox", "bob", "GEZDGNBVGY3TQOJQ"),
		totp("Slack", "bob", "MFRGGZDFMZTWQ2LK"),
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text  string
		fromClip    bool
		wantIssuers []string
		wantProblem string
	}{
		{"otpauth", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub", false, []string{"GitHub"}, ""},
		{"otpauth from the clipboard", "otpauth://totp/GitLab:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitLab&digits=8", true, []string{"GitLab"}, ""},
		{"migration", migration[0], false, []string{"Dropbox", "Slack"}, ""},
		{"two lines", "otpauth://totp/A:x?secret=JBSWY3DPEHPK3PXP\n  otpauth://hotp/B:y?secret=JBSWY3DPEHPK3PXP&counter=3  ", false, []string{"A", "B"}, ""},
		{"bad digits", "otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=12", false, nil, "Line 1: otpauth URI: digits"},
		{"not a link", "https://example.com", false, nil, "Line 1: not a setup link (otpauth://, otpauth-migration:// or motp://)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _, dir := unlockedVault(t)
			if tc.fromClip {
				u.clipboard().SetContent(tc.text)
			}
			pressShortcut(t, u, scNew)
			if u.Screen() != screenAdd {
				t.Fatalf("Ctrl+N shows %q, want add", u.Screen())
			}
			paste := findEntry(t, u, "otpauth://totp/Example:alice@example.com?secret=…&issuer=Example")
			if tc.fromClip {
				if paste.Text != tc.text {
					t.Fatalf("clipboard link not offered: entry holds %q", paste.Text)
				}
			} else {
				paste.SetText(tc.text)
			}
			add := findButton(t, u, map[bool]string{true: "Add", false: fmt.Sprintf("Add %d", len(tc.wantIssuers))}[len(tc.wantIssuers) <= 1])
			if tc.wantProblem != "" {
				if !add.Disabled() {
					t.Error("Add is enabled for a bad link")
				}
				if got := visibleText(u); !strings.Contains(got, tc.wantProblem) {
					t.Errorf("no %q on screen; text:\n%s", tc.wantProblem, got)
				}
				return
			}
			test.Tap(add)
			if u.Screen() != screenList {
				t.Fatalf("screen after Add = %q; text:\n%s", u.Screen(), visibleText(u))
			}
			if got := strings.Join(shownIssuers(u), ","); got != strings.Join(tc.wantIssuers, ",") {
				t.Errorf("list shows %s, want %s", got, strings.Join(tc.wantIssuers, ","))
			}
			v := reopen(t, dir)
			if len(v.Doc.Accounts) != len(tc.wantIssuers) {
				t.Errorf("vault on disk has %d accounts, want %d", len(v.Doc.Accounts), len(tc.wantIssuers))
			}
			if tc.fromClip && u.clipboard().Content() != "" {
				t.Error("the setup link (a secret) is still on the clipboard after adding it")
			}
			want := "Added " + plural(len(tc.wantIssuers), "account")
			if u.notice.Text() != want {
				t.Errorf("notice %q, want %q", u.notice.Text(), want)
			}
		})
	}
}

func TestManualFormValidatesAsYouType(t *testing.T) {
	u, _ := unlocked(t, makeVault(t))
	u.showAddManual()
	add := findButton(t, u, "Add")
	for _, step := range []struct {
		placeholder, text string
		wantOK            bool
		wantText          string
	}{
		{"Service, e.g. GitHub", "Example", false, ""},
		{"JBSW Y3DP EHPK 3PXP", "JBSW Y3DP EHPK 3PX1", false, "Secret is not Base32: character '1' at position 19"},
		{"JBSW Y3DP EHPK 3PXP", "", false, ""},
		{"JBSW Y3DP EHPK 3PXP", "jbsw y3dp ehpk 3pxp", true, ""},
	} {
		e := findEntry(t, u, step.placeholder)
		e.SetText(step.text)
		if add.Disabled() == step.wantOK {
			t.Errorf("after %q: Add enabled = %v, want %v", step.text, !add.Disabled(), step.wantOK)
		}
		if step.wantText != "" && !strings.Contains(visibleText(u), step.wantText) {
			t.Errorf("after %q: no %q on screen; text:\n%s", step.text, step.wantText, visibleText(u))
		}
	}
	test.Tap(add)
	v := reopen(t, u.dir)
	if len(v.Doc.Accounts) != 1 || v.Doc.Accounts[0].Issuer != "Example" || v.Doc.Accounts[0].Secret.Base32() != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("vault holds %+v, want the Example account", v.Doc.Accounts)
	}
}

func searchVault(t *testing.T) string {
	gh := totp("GitHub", "alice", "JBSWY3DPEHPK3PXP")
	gh.Groups = []string{"Work"}
	gl := totp("Google", "alice@gmail.com", "GEZDGNBVGY3TQOJQ")
	gl.Note = "backup phone in the drawer"
	aws := totp("AWS", "root", "MFRGGZDFMZTWQ2LK")
	aws.Groups = []string{"Work"}
	aws.Favorite = true
	return makeVault(t, gh, gl, aws)
}

func TestSearchFilters(t *testing.T) {
	u, _ := unlocked(t, searchVault(t))
	if got := strings.Join(shownIssuers(u), ","); got != "AWS,GitHub,Google" {
		t.Fatalf("initial order %s, want the favourite AWS first, then by name", got)
	}
	for _, tc := range []struct{ query, want string }{
		{"git", "GitHub"},
		{"GOOGLE", "Google"},
		{"work", "AWS,GitHub"}, // group
		{"drawer", "Google"},   // note
		{"alice", "GitHub,Google"},
		{"alice work", "GitHub"}, // every word must match
		{"nothing", ""},
		{"", "AWS,GitHub,Google"},
	} {
		u.list.search.SetText(tc.query)
		if got := strings.Join(shownIssuers(u), ","); got != tc.want {
			t.Errorf("search %q shows %q, want %q", tc.query, got, tc.want)
		}
	}
	u.list.search.SetText("nothing")
	if !strings.Contains(visibleText(u), "No account matches “nothing”.") {
		t.Errorf("no-match message missing; text:\n%s", visibleText(u))
	}

	// Just start typing: a rune typed on the list goes to the search.
	u.list.search.SetText("")
	u.win.Canvas().Focus(u.list.list)
	test.Type(u.list.list, "goo")
	if got := strings.Join(shownIssuers(u), ","); got != "Google" {
		t.Errorf("typing on the list shows %q, want Google", got)
	}
	// Esc clears.
	u.list.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.list.search.Text != "" || len(u.list.view) != 3 {
		t.Errorf("Esc left search %q and %d rows", u.list.search.Text, len(u.list.view))
	}
}

func TestSortAndGroupFilter(t *testing.T) {
	u, _ := unlocked(t, searchVault(t))
	u.list.group.SetSelected("Work")
	if got := strings.Join(shownIssuers(u), ","); got != "AWS,GitHub" {
		t.Errorf("group Work shows %s", got)
	}
	u.list.group.SetSelected(allGroups)
	u.list.copyAt(2) // Google, twice
	u.list.copyAt(2)
	u.list.sortBy.SetSelected(sortLabels[sortMostUsed])
	if got := strings.Join(shownIssuers(u), ","); got != "AWS,Google,GitHub" {
		t.Errorf("most used shows %s, want the favourite, then Google (copied twice)", got)
	}
	u.list.sortBy.SetSelected(sortLabels[sortManual])
	if got := strings.Join(shownIssuers(u), ","); got != "AWS,GitHub,Google" {
		t.Errorf("manual order shows %s, want the favourite, then vault order", got)
	}
	if p := loadPrefs(u.app.Preferences()); p.sort != sortManual {
		t.Errorf("sort saved as %q", p.sort)
	}
}

func TestCopyClearsClipboard(t *testing.T) {
	for _, tc := range []struct {
		name      string
		replaceBy string // what the person copies meanwhile, "" for nothing
		wantAfter func(code string) string
	}{
		{"cleared after timeout", "", func(string) string { return "" }},
		{"left alone if replaced", "something else", func(string) string { return "something else" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, clk, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
			a := u.vault.Doc.Accounts[0]
			want := a.Code(clk.Now())
			u.list.list.Select(0)
			if got := u.clipboard().Content(); got != want {
				t.Fatalf("clipboard = %q, want the code %q", got, want)
			}
			if got := u.notice.Text(); got != "Copied — clears in 30 s" {
				t.Errorf("notice = %q", got)
			}
			if tc.replaceBy != "" {
				u.clipboard().SetContent(tc.replaceBy)
			}
			clk.Advance(29 * time.Second)
			if tc.replaceBy == "" && u.clipboard().Content() != want {
				t.Fatal("clipboard cleared before the timeout")
			}
			clk.Advance(1 * time.Second)
			if got := u.clipboard().Content(); got != tc.wantAfter(want) {
				t.Errorf("clipboard after 30 s = %q, want %q", got, tc.wantAfter(want))
			}
			if uses := reopen(t, dir).Doc.Accounts[0].Uses; uses != 1 {
				t.Errorf("saved use count = %d, want 1", uses)
			}
		})
	}
}

func TestEnterCopiesFocusedRow(t *testing.T) {
	u, clk := unlocked(t, searchVault(t))
	u.win.Canvas().Focus(u.list.list)
	u.list.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	u.list.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := u.vault.Doc.Accounts[u.list.view[1]].Code(clk.Now())
	if got := u.clipboard().Content(); got != want {
		t.Errorf("Down, Enter copied %q, want GitHub's %q", got, want)
	}
}
