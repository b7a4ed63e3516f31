package backup_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
	"github.com/lifelineauth/lifeline/backup/qr"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// documented are the limits docs/LIMITS.md lists, by the name its
// Constant column gives them: each must be in the table, and the table
// must say its value.
var documented = map[string]int64{
	"backup.MaxBackupFile":    backup.MaxBackupFile,
	"backup.MaxImportFile":    backup.MaxImportFile,
	"backup.MaxDroppedFile":   backup.MaxDroppedFile,
	"backup.MaxImageFile":     backup.MaxImageFile,
	"backup.MaxCodesFile":     backup.MaxCodesFile,
	"backup.MaxLinksText":     backup.MaxLinksText,
	"backup.MaxKeyFile":       backup.MaxKeyFile,
	"backup.MaxSecretFile":    backup.MaxSecretFile,
	"backup.MaxStatusFile":    backup.MaxStatusFile,
	"qr.MaxPixels":            qr.MaxPixels,
	"vault.MaxVaultFile":      vault.MaxVaultFile,
	"vault.MaxPasswordFile":   vault.MaxPasswordFile,
	"vault.MaxMetaFile":       vault.MaxMetaFile,
	"core.MaxRecoveryCodes":   core.MaxRecoveryCodes,
	"core.MaxRecoveryCodeLen": core.MaxRecoveryCodeLen,
	"core.MaxLabelLen":        core.MaxLabelLen,
	"core.MaxGroups":          core.MaxGroups,
	"core.MaxNoteBytes":       core.MaxNoteBytes,
	"core.MaxSecretBytes":     core.MaxSecretBytes,
	"core.MaxPINLen":          core.MaxPINLen,
	"core.MaxIDLen":           core.MaxIDLen,
	"core.MaxAccounts":        core.MaxAccounts,
	"vault.MaxDocument":       vault.MaxDocument,
	"vault.MaxWorkFactor":     vault.MaxWorkFactor,
	"qr.MaxFinderPatterns":    qr.MaxFinderPatterns,
	"qr.MaxPDFPages":          qr.MaxPDFPages,
	"qr.MaxPDFPageBytes":      qr.MaxPDFPageBytes,
	"qr.MaxPDFShapes":         qr.MaxPDFShapes,
	"qr.MaxPDFPixels":         qr.MaxPDFPixels,
	"qr.MaxPDFObjectBytes":    qr.MaxPDFObjectBytes,
	"qr.MaxPDFImages":         qr.MaxPDFImages,
	"qr.MaxPDFImagePixels":    qr.MaxPDFImagePixels,
	"qr.MaxPDFImageSide":      qr.MaxPDFImageSide,
	"qr.ScanBudget":           qr.ScanBudget.Milliseconds(),

	"apps.MaxAegisScryptN":       apps.MaxAegisScryptN,
	"apps.MaxAegisScryptR":       apps.MaxAegisScryptR,
	"apps.MaxAegisScryptP":       apps.MaxAegisScryptP,
	"apps.MaxAegisPasswordSlots": apps.MaxAegisPasswordSlots,
	"apps.MaxAndOTPRounds":       apps.MaxAndOTPRounds,
	"apps.MaxFreeOTPRounds":      apps.MaxFreeOTPRounds,
	"apps.MaxAuthyRounds":        apps.MaxAuthyRounds,
	"apps.MaxAuthyTotalRounds":   apps.MaxAuthyTotalRounds,
}

// limitRow is one row of a limits table: its limit as written, the
// constant it names and the tests it cites.
type limitRow struct {
	line            int
	input, limit    string
	constant, tests string
}

// limitRows reads the rows of the tables of md whose header starts
// "| Input | Limit | Constant |".
func limitRows(t *testing.T, md string) []limitRow {
	t.Helper()
	var rows []limitRow
	in := false
	for n, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "| Input | Limit | Constant |"):
			in = true
			continue
		case !strings.HasPrefix(line, "|"):
			in = false
			continue
		case !in || strings.HasPrefix(line, "|---"):
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if len(cells) != 5 {
			t.Fatalf("LIMITS.md:%d: %d cells, want 5 (input, limit, constant, beyond, test)", n+1, len(cells))
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, limitRow{n + 1, cells[0], cells[1], cells[2], cells[4]})
	}
	return rows
}

var limitText = regexp.MustCompile(`^([0-9][0-9,]*) ?(MiB|KiB|bytes|characters|pixels|patterns|ms|rounds|slots|pages|shapes)?$`)

// parseLimit reads "64 MiB", "10 KiB", "256 characters", "100,000".
func parseLimit(s string) (int64, bool) {
	m := limitText.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
	if err != nil {
		return 0, false
	}
	switch m[2] {
	case "MiB":
		n <<= 20
	case "KiB":
		n <<= 10
	}
	return n, true
}

// testNames is every Test function of the module.
func testNames(t *testing.T) map[string]bool {
	t.Helper()
	def := regexp.MustCompile(`(?m)^func (Test\w+)\(`)
	names := map[string]bool{}
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		b, err := os.ReadFile(p)
		for _, m := range def.FindAllStringSubmatch(string(b), -1) {
			names[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestLimitsDocument keeps docs/LIMITS.md true: every limit it lists is
// the value of the constant the code enforces, every such constant is
// listed, and every test it cites exists.
func TestLimitsDocument(t *testing.T) {
	md, err := os.ReadFile("../docs/LIMITS.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := limitRows(t, string(md))
	if len(rows) < len(documented) {
		t.Fatalf("LIMITS.md has %d rows; the code has %d limits", len(rows), len(documented))
	}
	tests := testNames(t)
	seen := map[string]bool{}
	for _, r := range rows {
		if strings.HasPrefix(r.constant, "see ") {
			continue // filled in and checked by the work it names
		}
		name := strings.Trim(r.constant, "`")
		want, ok := documented[name]
		if !ok {
			t.Errorf("LIMITS.md:%d (%s): no constant %s known to this test", r.line, r.input, r.constant)
			continue
		}
		seen[name] = true
		if got, ok := parseLimit(r.limit); !ok || got != want {
			t.Errorf("LIMITS.md:%d (%s): limit %q, but %s is %d", r.line, r.input, r.limit, name, want)
		}
		if r.tests == "" {
			t.Errorf("LIMITS.md:%d (%s): no test named", r.line, r.input)
		}
		for _, test := range strings.Split(r.tests, ", ") {
			if !tests[test] {
				t.Errorf("LIMITS.md:%d (%s): no test %s in the module", r.line, r.input, test)
			}
		}
	}
	for name := range documented {
		if !seen[name] {
			t.Errorf("LIMITS.md does not list %s", name)
		}
	}
	for _, name := range declaredLimits(t) {
		if _, ok := documented[name]; !ok {
			t.Errorf("%s is declared in a limits.go but not in this test's table, nor in LIMITS.md", name)
		}
	}
}

// declaredLimits is every exported Max… constant of the limits.go files,
// as pkg.Name, so a limit added there cannot be left out of LIMITS.md.
func declaredLimits(t *testing.T) []string {
	t.Helper()
	var out []string
	for file, pkg := range map[string]string{"limits.go": "backup", "../core/limits.go": "core", "../core/vault/limits.go": "vault",
		"apps/kdflimits.go": "apps", "qr/finders.go": "qr", "qr/pdf.go": "qr",
		"qr/pdfobj.go": "qr", "qr/pdfimage.go": "qr"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				for _, n := range spec.(*ast.ValueSpec).Names {
					if strings.HasPrefix(n.Name, "Max") {
						out = append(out, pkg+"."+n.Name)
					}
				}
			}
		}
	}
	if len(out) < 20 {
		t.Fatalf("found only %d limits in the limits.go files: %v", len(out), out)
	}
	return out
}

func TestParseLimit(t *testing.T) {
	for s, want := range map[string]int64{"64 MiB": 64 << 20, "10 KiB": 10 << 10, "256 characters": 256, "100,000": 100_000, "50,000,000 pixels": 50_000_000, "1 KiB": 1024} {
		if got, ok := parseLimit(s); !ok || got != want {
			t.Errorf("parseLimit(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, bad := range []string{"", "many", "64 MB", "see backup/qr"} {
		if _, ok := parseLimit(bad); ok {
			t.Errorf("parseLimit(%q) accepted", bad)
		}
	}
}
