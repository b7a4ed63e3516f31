package gui

import (
	"strings"
	"testing"
)

// An entry of recovery codes only, added from the window: listed with its
// unused count and no code; tapping it opens its codes, and nothing offers
// its QR code or secret.
func TestAddRecoveryCodesOnly(t *testing.T) {
	u, _, dir := unlockedVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"))
	u.askAddCodesOnly()
	typeInto(t, u, "Site, e.g. Bank of Example", "Bank")
	typeInto(t, u, "Paste the codes as the site shows them", "1111-2222\n3333-4444 5555-6666")
	tapButton(t, u, "Add")
	u.Wait()
	if n := len(reopen(t, dir).Doc.Accounts); n != 2 {
		t.Fatalf("accounts saved = %d, want 2", n)
	}
	i := u.vault.Doc.Index(u.vault.Doc.Accounts[1].ID)
	a := &u.vault.Doc.Accounts[i]
	if a.Issuer != "Bank" || a.HasSecret() || len(a.RecoveryCodes) != 3 {
		t.Fatalf("entry = %+v", a)
	}
	if txt := visibleText(u); !strings.Contains(txt, "3 codes left") {
		t.Fatalf("the list does not show the unused count:\n%s", txt)
	}

	// Tapping it copies nothing and opens its codes.
	u.clipboard().SetContent("")
	for pos, j := range u.list.view {
		if j == i {
			u.list.copyAt(pos)
		}
	}
	if u.Screen() != screenCodes || u.clipboard().Content() != "" {
		t.Fatalf("tap: screen %q, clipboard %q", u.Screen(), u.clipboard().Content())
	}

	u.showDetails(i)
	if txt := visibleText(u); strings.Contains(txt, "Show QR") || strings.Contains(txt, "Reveal secret") || !strings.Contains(txt, "Recovery codes only") {
		t.Fatalf("details of a codes-only entry:\n%s", txt)
	}
	if p := newQRPicker(u); len(p.offered) != 1 {
		t.Fatalf("QR export offers %v", p.offered)
	}

	// No codes: refused, nothing added.
	u.showList()
	u.askAddCodesOnly()
	typeInto(t, u, "Site, e.g. Bank of Example", "Empty")
	tapButton(t, u, "Add")
	u.Wait()
	if len(u.vault.Doc.Accounts) != 2 || !strings.Contains(visibleText(u), "No recovery codes found") {
		t.Fatalf("an entry without codes: %d accounts\n%s", len(u.vault.Doc.Accounts), visibleText(u))
	}
}
