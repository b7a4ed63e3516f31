package kit_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// The kit PDF itself, dropped on a new computer or given to `lifeline
// scan`, gives back its recovery key, and with a paper backup every
// account, exactly as they are in the vault.
func TestKitPDFScansBack(t *testing.T) {
	doc, rk := fixture(t)
	for _, paper := range []bool{false, true} {
		var pdf bytes.Buffer
		if _, err := kit.Write(&pdf, doc, rk, kit.Options{Paper: paper, Now: kitTime}); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		cs, err := qr.ScanBytes(pdf.Bytes())
		if err != nil {
			t.Fatalf("paper=%v: %v", paper, err)
		}
		t.Logf("paper=%v: %d codes in %v", paper, len(cs), time.Since(start))
		key, ok := qr.RecoveryKeyIn(cs)
		if !ok || key.Reveal() != rk.Reveal() {
			t.Errorf("paper=%v: the recovery key was not read back (%d codes)", paper, len(cs))
		}
		var got, want []string
		for _, c := range cs {
			if c.Kind == qr.KindAccount {
				got = append(got, c.Account.Issuer+"|"+c.Account.Name+"|"+string(c.Account.Secret))
			}
		}
		if paper {
			for _, a := range doc.Accounts {
				want = append(want, a.Issuer+"|"+a.Name+"|"+string(a.Secret))
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if len(got) != len(want) {
			t.Fatalf("paper=%v: %d accounts read, want %d", paper, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("paper=%v: account %d read as %q, want %q", paper, i, got[i], want[i])
			}
		}
	}
}

// A kit that went through another program (poppler's cairo back end
// writes the pages again, as a "print to PDF" would) still scans.
func TestKitPDFThroughCairo(t *testing.T) {
	doc, rk := fixture(t)
	var pdf bytes.Buffer
	if _, err := kit.Write(&pdf, doc, rk, kit.Options{Now: kitTime}); err != nil {
		t.Fatal(err)
	}
	dir := testkit.TempDir(t)
	in, out := filepath.Join(dir, "kit.pdf"), filepath.Join(dir, "cairo.pdf")
	os.WriteFile(in, pdf.Bytes(), 0o600)
	testkit.Run(t, "", testkit.NeedTool(t, "pdftocairo"), "-pdf", in, out)
	cs, err := qr.ScanFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if key, ok := qr.RecoveryKeyIn(cs); !ok || key.Reveal() != rk.Reveal() {
		t.Errorf("the recovery key was not read back from cairo's PDF (%d codes)", len(cs))
	}
}
