package ready_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/ready"
	"github.com/lifelineauth/lifeline/core/vault"
)

func vaultFinding(t *testing.T, r ready.Report, k ready.Kind) ready.Finding {
	t.Helper()
	for _, f := range r.Vault {
		if f.Kind == k {
			return f
		}
	}
	t.Fatalf("no %s finding in %+v", k, r.Vault)
	return ready.Finding{}
}

func accountFinding(r ready.Report, label string, k ready.Kind) (ready.Finding, bool) {
	for _, a := range r.Accounts {
		if a.Label != label {
			continue
		}
		for _, f := range a.Findings {
			if f.Kind == k {
				return f, true
			}
		}
	}
	return ready.Finding{}, false
}

// want checks the report's verdict, its summary and that the finding of
// kind k has severity s, a text containing text and, unless OK, the fix.
func want(t *testing.T, r ready.Report, ready_ bool, summary string) {
	t.Helper()
	if r.Ready != ready_ || r.Summary != summary {
		t.Errorf("ready %v, summary %q; want %v, %q\n%+v", r.Ready, r.Summary, ready_, summary, r.Lines())
	}
}

func wantFinding(t *testing.T, f ready.Finding, s ready.Severity, text string, action ready.Action) {
	t.Helper()
	if f.Severity != s || !strings.Contains(f.Text, text) {
		t.Errorf("%s: %s %q; want %s containing %q", f.Kind, f.Severity, f.Text, s, text)
	}
	switch {
	case action == "" && f.Fix != nil:
		t.Errorf("%s: fix %+v, want none", f.Kind, f.Fix)
	case action != "" && (f.Fix == nil || f.Fix.Action != action || f.Fix.Command == "" || f.Fix.Label == ""):
		t.Errorf("%s: fix %+v, want %s", f.Kind, f.Fix, action)
	}
}

func TestCheckAllReady(t *testing.T) {
	v, _ := allReady(t, 5)
	r := check(t, v, now.Add(time.Hour), nil)
	want(t, r, true, "Ready: all 5 accounts; nothing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.OK, "(a Syncthing folder), made", "")
	wantFinding(t, vaultFinding(t, r, ready.PrintedKit), ready.OK, "holds the current key", "")
	wantFinding(t, vaultFinding(t, r, ready.TestedKey), ready.OK, "You tested your printed recovery key on", "")
}

func TestCheckNoOffDeviceCopy(t *testing.T) {
	v, rk := newVault(t, 3)
	testKey(t, v, rk, now)
	printKit(t, v, rk)
	backupTo(t, v, "") // backups/ in the vault folder
	r := check(t, v, now, nil)
	want(t, r, false, "Ready: all 3 accounts; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.Problem, "backups, on this computer: they are lost with it", ready.BackupFolder)
}

func TestCheckNeverBackedUp(t *testing.T) {
	v, rk := newVault(t, 2)
	testKey(t, v, rk, now)
	printKit(t, v, rk)
	r := check(t, v, now, nil)
	// The accounts are in no backup; a folder off this computer fixes them all.
	want(t, r, false, "Ready: 0 of 2 accounts; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.Problem, "", ready.BackupFolder)
	f, _ := accountFinding(r, r.Accounts[0].Label, ready.BackedUp)
	wantFinding(t, f, ready.Problem, "Not in any verified backup yet", ready.BackupFolder)
}

func TestCheckStaleKit(t *testing.T) {
	v, rk := allReady(t, 3)
	// New codes for an account: the printed kit no longer lists them.
	a := &v.Doc.Accounts[1]
	if err := a.AddRecoveryCodes([]string{"1111-2222", "3333-4444", "5555-6666"}, now); err != nil {
		t.Fatal(err)
	}
	v.Doc.Touch(1, now.Add(time.Minute))
	save(t, v)
	backupNow(t, v)
	r := check(t, v, now.Add(time.Hour), nil)
	want(t, r, false, "Ready: all 3 accounts; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.PrintedKit), ready.Problem, "the printed one is stale", ready.SaveKit)

	// A rotated key makes the kit and the test old.
	if _, err := v.RotateRecoveryKey(now.Add(2 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	backupNow(t, v)
	r = check(t, v, now.Add(3*time.Hour), nil)
	wantFinding(t, vaultFinding(t, r, ready.PrintedKit), ready.Problem, "the printed key no longer opens the vault", ready.SaveKit)
	wantFinding(t, vaultFinding(t, r, ready.TestedKey), ready.Problem, "test the new one", ready.TestKey)
	_ = rk
}

func TestCheckKeyNeverTested(t *testing.T) {
	v, rk := newVault(t, 2)
	printKit(t, v, rk)
	backupTo(t, v, syncFolder(t))
	r := check(t, v, now, nil)
	want(t, r, false, "Ready: all 2 accounts; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.TestedKey), ready.Problem, "never tested", ready.TestKey)

	// Tested, then a year passes: a warning, still ready.
	testKey(t, v, rk, now)
	backupNow(t, v)
	r = check(t, v, now.Add(ready.KeyTestInterval+24*time.Hour), nil)
	want(t, r, true, "Ready: all 2 accounts; nothing to fix, 1 warning")
	wantFinding(t, vaultFinding(t, r, ready.TestedKey), ready.Warning, "over a year ago", ready.TestKey)
}

func TestCheckCodesLow(t *testing.T) {
	v, rk := newVault(t, 0)
	add := func(issuer string, codes []string, used int) {
		a := testAccount(issuer)
		p, err := v.Doc.Add(a, now)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.AddRecoveryCodes(codes, now); err != nil {
			t.Fatal(err)
		}
		for i := range used {
			p.MarkRecoveryCode(i, true, now)
		}
	}
	add("GitHub", []string{"aaaa-1", "bbbb-2", "cccc-3", "dddd-4"}, 2)
	add("Binance", []string{"q1", "q2", "q3"}, 1)
	add("Forum", []string{"z1", "z2", "z3"}, 0)
	makeReady(t, v, rk)

	r := check(t, v, now, fakeTable)
	want(t, r, true, "Ready: all 3 accounts; nothing to fix, 2 warnings")
	f, _ := accountFinding(r, "GitHub:user", ready.CodesLow)
	wantFinding(t, f, ready.Warning, "Only 2 unused recovery codes left: make new ones at GitHub (https://github.com/settings/auth/recovery-codes)", ready.ReplaceCodes)
	f, _ = accountFinding(r, "Binance:user", ready.CodesLow)
	wantFinding(t, f, ready.Warning, "Binance cannot make new ones: keep them printed", "")
	f, _ = accountFinding(r, "Binance:user", ready.SiteNote)
	wantFinding(t, f, ready.Info, "Binance cannot regenerate recovery codes: keep them printed.", "")
	if _, low := accountFinding(r, "Forum:user", ready.CodesLow); low {
		t.Error("3 unused codes count as low")
	}
}

func TestCheckCodesMissingWhereTheSiteIssuesThem(t *testing.T) {
	v, rk := newVault(t, 0)
	for _, issuer := range []string{"GitHub", "Forum"} {
		if _, err := v.Doc.Add(testAccount(issuer), now); err != nil {
			t.Fatal(err)
		}
	}
	makeReady(t, v, rk)
	r := check(t, v, now, fakeTable)
	want(t, r, false, "Ready: 1 of 2 accounts; 1 thing to fix")
	f, _ := accountFinding(r, "GitHub:user", ready.CodesSaved)
	wantFinding(t, f, ready.Problem, "GitHub issues recovery codes and none are saved here", ready.AddCodes)
	if !strings.Contains(f.Fix.Command, "lifeline codes add GitHub:user CODE...") {
		t.Errorf("fix command %q", f.Fix.Command)
	}
	// Without the services table nothing is known about GitHub.
	want(t, check(t, v, now, nil), true, "Ready: all 2 accounts; nothing to fix")
}

func TestCheckAccountChangedSinceBackup(t *testing.T) {
	v, _ := allReady(t, 4)
	v.Doc.Accounts[2].Note = "new note"
	v.Doc.Touch(2, now.Add(time.Minute))
	save(t, v) // no backup after it
	r := check(t, v, now.Add(time.Hour), nil)
	// The vault's copy and the account are out of date: one backup fixes both.
	want(t, r, false, "Ready: 3 of 4 accounts; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.Problem, "changes since are only on this computer", ready.BackupNow)
	f, _ := accountFinding(r, r.Accounts[2].Label, ready.BackedUp)
	wantFinding(t, f, ready.Problem, "Changed since the last verified backup", ready.BackupNow)
	for i, a := range r.Accounts {
		if i != 2 && !a.Ready {
			t.Errorf("unchanged account %s: %+v", a.Label, a.Findings)
		}
	}
}

// While the window's backup of the latest change waits for changes to
// settle, the change is not a problem yet; once the wait is over without
// a backup, it is.
func TestCheckBackupScheduled(t *testing.T) {
	v, _ := allReady(t, 2)
	v.Doc.Touch(1, now.Add(time.Minute))
	save(t, v)
	r, err := ready.Check(v, now.Add(time.Hour), ready.Options{BackupScheduled: true, Lookup: noFacts})
	if err != nil {
		t.Fatal(err)
	}
	want(t, r, true, "Ready: all 2 accounts; nothing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.OK, "The latest changes are about to be backed up to", "")
	want(t, check(t, v, now.Add(time.Hour), nil), false, "Ready: 1 of 2 accounts; 1 thing to fix")
}

func TestCheckDroppedVault(t *testing.T) {
	if _, err := ready.Check(&vault.Vault{}, now, ready.Options{}); err == nil {
		t.Fatal("a locked vault was checked")
	}
}

func TestLinesGroupAccountsMissingFromTheBackup(t *testing.T) {
	v, _ := newVault(t, 8)
	r := check(t, v, now, fakeTable)
	lines := r.Lines()
	var grouped []ready.Line
	for _, l := range lines {
		if strings.Contains(l.Text, "not in a verified backup") {
			grouped = append(grouped, l)
		}
	}
	if len(grouped) != 1 || !strings.HasPrefix(grouped[0].Text, "8 accounts are not in a verified backup since their last change: ") ||
		!strings.HasSuffix(grouped[0].Text, " and 3 more.") || grouped[0].Fix == nil {
		t.Fatalf("grouped lines %+v", grouped)
	}
	if lines[0].Account != "" || len(lines) < 4 {
		t.Fatalf("lines %+v", lines)
	}
}

func TestTestRecoveryKey(t *testing.T) {
	v, rk := newVault(t, 1)
	other, _ := vault.NewRecoveryKey()
	typo := []byte(rk.Reveal())
	typo[0] = map[bool]byte{true: 'A', false: 'B'}[typo[0] != 'A']

	for _, c := range []struct {
		name, typed string
		err         error
		text        string
	}{
		{"another vault's key", other.Reveal(), ready.ErrWrongRecoveryKey, "not this vault's"},
		{"a typo", string(typo), vault.ErrRecoveryKeyTypo, ""},
		{"too short", "ABCD-EFGH", nil, "want 32"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := ready.TestRecoveryKey(v, c.typed, now)
			if err == nil || (c.err != nil && !errors.Is(err, c.err)) || !strings.Contains(err.Error(), c.text) {
				t.Fatalf("err %v, want %v containing %q", err, c.err, c.text)
			}
			if strings.Contains(err.Error(), rk.Reveal()[:9]) {
				t.Fatalf("the error shows the key: %v", err)
			}
			if _, ok := ready.LastKeyTest(v.Doc); ok {
				t.Fatal("a failed test was recorded")
			}
		})
	}

	// Typed as people do: lower case, spaces for dashes, the prefix.
	typed := "lifeline-recovery-key: " + strings.ToLower(strings.ReplaceAll(rk.Reveal(), "-", " "))
	if err := ready.TestRecoveryKey(v, typed, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	k, ok := ready.LastKeyTest(v.Doc)
	if rr, _ := v.RecoveryRecipient(); !ok || !k.Tested.Equal(now.Add(time.Hour)) || k.Recipient != rr {
		t.Fatalf("recorded %+v %v", k, ok)
	}
	// The record survives a save and an unlock.
	save(t, v)
	o, err := vault.OpenRecoveryKey(v.Dir, rk)
	if err != nil {
		t.Fatal(err)
	}
	if k2, ok := ready.LastKeyTest(o.Doc); !ok || k2 != k {
		t.Fatalf("after reopening: %+v %v", k2, ok)
	}
}

func TestCheckBackupsOff(t *testing.T) {
	v, _ := allReady(t, 1)
	s, _ := backup.LoadSettings(v.Doc)
	s.Off = true
	if err := s.Store(v.Doc); err != nil {
		t.Fatal(err)
	}
	v.Doc.Accounts[0].Note = "changed"
	v.Doc.Touch(0, now.Add(time.Minute))
	save(t, v)
	r := check(t, v, now.Add(time.Hour), nil)
	want(t, r, false, "Ready: 0 of 1 account; 1 thing to fix")
	wantFinding(t, vaultFinding(t, r, ready.OffDeviceCopy), ready.Problem, "changes since are only on this computer", ready.BackupOn)
}

// Without a lookup of its own, the check knows the sites of the services
// table (backup/services): GitHub hands out recovery codes, and Binance
// cannot make new ones.
func TestCheckUsesServicesTable(t *testing.T) {
	v, rk := newVault(t, 0)
	for _, issuer := range []string{"GitHub", "Binance"} {
		if _, err := v.Doc.Add(testAccount(issuer), now); err != nil {
			t.Fatal(err)
		}
	}
	p := &v.Doc.Accounts[len(v.Doc.Accounts)-1]
	if err := p.AddRecoveryCodes([]string{"JBSWY3DPEHPK3PXP"}, now); err != nil {
		t.Fatal(err)
	}
	makeReady(t, v, rk)
	r, err := ready.Check(v, now, ready.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := accountFinding(r, "GitHub:user", ready.CodesSaved)
	wantFinding(t, f, ready.Problem, "GitHub issues recovery codes and none are saved here: get them at the site (https://docs.github.com/", ready.AddCodes)
	f, _ = accountFinding(r, "Binance:user", ready.SiteNote)
	wantFinding(t, f, ready.Info, "Binance cannot regenerate recovery codes: keep them printed.", "")
}
