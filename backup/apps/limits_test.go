package apps

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// TestImportLimits: an entry over a limit of core is skipped, saying why;
// a file of more accounts than a vault holds is refused whole.
func TestImportLimits(t *testing.T) {
	f, err := FormatByName("aegis")
	if err != nil {
		t.Fatal(err)
	}
	entry := func(name, note string) string {
		return fmt.Sprintf(`{"type":"totp","uuid":"u-%s","name":%q,"issuer":"Site","note":%q,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}`, name, name, note)
	}
	data := `{"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":[` +
		entry("ok", "short") + "," + entry("long", strings.Repeat("n", core.MaxNoteBytes+1)) + `]}}`
	res, err := Import(f, []byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Accounts) != 1 || len(res.Skipped) != 1 || res.Skipped[0].Label != "Site:long" ||
		!strings.HasPrefix(res.Skipped[0].Reason, "note: 10241 bytes given, at most 10240 bytes are kept") {
		t.Fatalf("accounts %d, skipped %+v", len(res.Accounts), res.Skipped)
	}

	var b strings.Builder
	for i := range core.MaxAccounts + 1 {
		fmt.Fprintf(&b, "otpauth://totp/S:%d?secret=JBSWY3DPEHPK3PXP\n", i)
	}
	plain, _ := FormatByName("otpauth")
	res, err = Import(plain, []byte(b.String()), nil)
	if !errors.Is(err, core.ErrOverLimit) || res.Accounts != nil ||
		!strings.HasPrefix(err.Error(), "otpauth URI list: accounts: 100001 given, at most 100000 per vault are kept") {
		t.Fatalf("%d accounts: %v", core.MaxAccounts+1, err)
	}
}

// TestResultsStopAtMaxAccounts: past core.MaxAccounts a reader's accounts
// are only counted, so a huge file is never held twice before Import
// refuses it.
func TestResultsStopAtMaxAccounts(t *testing.T) {
	var r results
	a := core.Account{Issuer: "S", Secret: core.Secret("12345678901234567890")}
	for range core.MaxAccounts + 10 {
		r.add(a)
	}
	if len(r.accounts) != core.MaxAccounts || r.given != core.MaxAccounts+10 {
		t.Fatalf("kept %d, counted %d", len(r.accounts), r.given)
	}
	if err := core.CheckAccountCount(r.given); !errors.Is(err, core.ErrOverLimit) {
		t.Fatalf("CheckAccountCount(%d) = %v", r.given, err)
	}
}
