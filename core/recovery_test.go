package core

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The sample files' expected codes are found by a second, independent
// route: a pattern for the site's code shape over the raw bytes.
func TestParseRecoveryCodesFiles(t *testing.T) {
	cases := []struct {
		file    string
		pattern string // the site's code shape
		count   int
		skipped int // header and footer lines
	}{
		{"github-recovery-codes.txt", `(?m)^[0-9a-f]{5}-[0-9a-f]{5}`, 16, 0},
		{"gitlab-recovery-codes.txt", `(?m)^[0-9a-f]{16}$`, 10, 0},
		{"Backup-codes-alice.example.txt", `\b\d{4} \d{4}\b`, 10, 6},
		{"discord_backup_codes.txt", `\b\d{8}\b`, 10, 1},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "testdata", "recovery-codes", c.file))
			if err != nil {
				t.Fatal(err)
			}
			want := regexp.MustCompile(c.pattern).FindAllString(string(raw), -1)
			if len(want) != c.count {
				t.Fatalf("sample file has %d codes of the shape, want %d", len(want), c.count)
			}
			got, skipped := ParseRecoveryCodes(string(raw))
			if len(got) != len(want) {
				t.Fatalf("parsed %d codes, want %d: %q", len(got), len(want), got)
			}
			// Google's file lists its columns row by row: compare as sets.
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("codes = %q, want %q", got, want)
			}
			if len(skipped) != c.skipped {
				t.Fatalf("skipped lines %v, want %d of them", skipped, c.skipped)
			}
		})
	}
}

func TestParseRecoveryCodesPaste(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
		skipped  []int
	}{
		{"spaces", "abcd-1234 efgh-5678  R12345", []string{"abcd-1234", "efgh-5678", "R12345"}, nil},
		{"commas", "a1b2c3d4,e5f6a7b8, 99887766 ;12345678", []string{"a1b2c3d4", "e5f6a7b8", "99887766", "12345678"}, nil},
		{"crlf and blanks", "\r\n\r\nabc12\r\n\r\n  def34  \r\n", []string{"abc12", "def34"}, nil},
		{"header", "Your codes:\nx1y2z3\n", []string{"x1y2z3"}, []int{1}},
		{"numbered", "1) 1111-2222\n2) 3333-4444\n#3 5555-6666\n(4) 7777-8888", []string{"1111-2222", "3333-4444", "5555-6666", "7777-8888"}, nil},
		{"google pairs", "1234 5678 2345 6789", []string{"1234 5678", "2345 6789"}, nil},
		{"bom", "\uFEFFq9w8e7r6", []string{"q9w8e7r6"}, nil},
		{"letters only code", "WXYZWXYZWXYZ\nabcde-fabcd", []string{"WXYZWXYZWXYZ", "abcde-fabcd"}, nil},
		{"prose only", "Keep these safe.\nGenerated: today\nBACKUP CODES", nil, []int{1, 2, 3}},
		{"url is prose", "Visit https://example.com/2fa\nk2k2k2k2", []string{"k2k2k2k2"}, []int{1}},
		{"empty", "", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, skipped := ParseRecoveryCodes(c.in)
			if !slices.Equal(got, c.want) || !slices.Equal(skipped, c.skipped) {
				t.Fatalf("ParseRecoveryCodes(%q) = %q, skipped %v; want %q, skipped %v", c.in, got, skipped, c.want, c.skipped)
			}
		})
	}
}

func TestSameRecoveryCode(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"abcde-12345", "ABCDE12345", true},
		{"1234 5678", "12345678", true},
		{"1234-5678", "1234 5678", true},
		{"r12345", "R12345", true},
		{"Ça-Va", "çava", true},
		{"abcde-12345", "abcde-12346", false},
		{"1234 5678", "1234 567", false},
	}
	for _, c := range cases {
		t.Run(c.a+"|"+c.b, func(t *testing.T) {
			if got := SameRecoveryCode(c.a, c.b); got != c.same {
				t.Fatalf("SameRecoveryCode(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
			}
		})
	}
}

func TestAddRecoveryCodes(t *testing.T) {
	now := time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name      string
		have, add []string
		dups      []int // positions refused; nil = accepted
	}{
		{"fresh", nil, []string{"aaaa-1111", "bbbb-2222"}, nil},
		{"onto existing", []string{"aaaa-1111"}, []string{"bbbb-2222"}, nil},
		{"already saved, other spelling", []string{"aaaa-1111"}, []string{"cccc-3333", "AAAA1111"}, []int{2}},
		{"twice in the list", nil, []string{"dddd-4444", "dddd 4444", "eeee-5555"}, []int{2}},
		{"one code, saved", []string{"12345678"}, []string{"1234 5678"}, []int{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Account{Issuer: "GitHub", Name: "alice"}
			if len(c.have) > 0 {
				if err := a.AddRecoveryCodes(c.have, now); err != nil {
					t.Fatal(err)
				}
			}
			err := a.AddRecoveryCodes(c.add, now.Add(time.Hour))
			if c.dups == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(a.RecoveryCodes) != len(c.have)+len(c.add) {
					t.Fatalf("%d codes, want %d", len(a.RecoveryCodes), len(c.have)+len(c.add))
				}
				last := a.RecoveryCodes[len(a.RecoveryCodes)-1]
				if string(last.Code) != c.add[len(c.add)-1] || !last.Added.Equal(now.Add(time.Hour)) {
					t.Fatalf("last code %q added %v", string(last.Code), last.Added)
				}
				return
			}
			var de *DuplicateCodesError
			if !errors.As(err, &de) || !errors.Is(err, ErrDuplicateRecoveryCode) {
				t.Fatalf("err = %v, want a DuplicateCodesError", err)
			}
			if !slices.Equal(de.Positions, c.dups) {
				t.Fatalf("positions %v, want %v", de.Positions, c.dups)
			}
			if len(a.RecoveryCodes) != len(c.have) {
				t.Fatalf("%d codes after a refused add, want %d (all or nothing)", len(a.RecoveryCodes), len(c.have))
			}
			msg := err.Error()
			if !strings.Contains(msg, "GitHub:alice") || !strings.Contains(msg, "nothing was added") {
				t.Fatalf("message %q does not name the account and the outcome", msg)
			}
			for _, code := range append(c.have, c.add...) {
				if strings.Contains(msg, code) {
					t.Fatalf("message %q contains a code", msg)
				}
			}
		})
	}
}

func TestAddRecoveryCodesInvalid(t *testing.T) {
	cases := []struct {
		name  string
		codes []string
		want  string
	}{
		{"none", nil, "no recovery codes given"},
		{"empty", []string{"abcd1", " - "}, "recovery code 2 is empty"},
		{"long", []string{strings.Repeat("x", MaxRecoveryCodeLen+1)}, "recovery code 1: 65 characters given, at most 64 characters are kept"},
		{"control", []string{"ab\x00cd"}, "recovery code 1 contains a control character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var a Account
			err := a.AddRecoveryCodes(c.codes, time.Now())
			if err == nil || !strings.Contains(err.Error(), c.want) || len(a.RecoveryCodes) != 0 {
				t.Fatalf("err = %v, want %q and nothing added", err, c.want)
			}
		})
	}
}

func TestRecoveryCodeLifecycle(t *testing.T) {
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	a := Account{Issuer: "GitLab", Name: "bob", Secret: Secret("12345678901234567890")}
	var codes []string
	for i := range 5 {
		codes = append(codes, fmt.Sprintf("code-%d%d%d", i, i, i))
	}
	if err := a.AddRecoveryCodes(codes, t0); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		do      func() error
		summary string
		warn    bool
	}{
		{"start", func() error { return nil }, "5 of 5 left", false},
		{"use by other spelling", func() error { return use(&a, "CODE 000", true, t0.Add(time.Minute)) }, "4 of 5 left", false},
		{"use again keeps date", func() error { return use(&a, "code-000", true, t0.Add(time.Hour)) }, "4 of 5 left", false},
		{"copy marks used", func() error { a.CopyRecoveryCode(1, true, t0); return nil }, "3 of 5 left", false},
		{"copy without the option", func() error { a.CopyRecoveryCode(2, false, t0); return nil }, "3 of 5 left", false},
		{"third used: low", func() error { return use(&a, "code-222", true, t0) }, "2 of 5 left", true},
		{"unuse", func() error { return use(&a, "code-111", false, t0) }, "3 of 5 left", false},
		{"remove an unused", func() error { return remove(&a, "code-444") }, "2 of 4 left", true},
		{"unknown code", func() error {
			if err := use(&a, "code-999", true, t0); !errors.Is(err, ErrRecoveryCodeNotFound) {
				return fmt.Errorf("err = %v, want ErrRecoveryCodeNotFound", err)
			}
			return nil
		}, "2 of 4 left", true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := s.do(); err != nil {
				t.Fatal(err)
			}
			if got := a.RecoveryCodesSummary(); got != s.summary {
				t.Fatalf("summary %q, want %q", got, s.summary)
			}
			w := a.RecoveryCodesWarning()
			if (w != "") != s.warn || a.RecoveryCodesLow() != s.warn {
				t.Fatalf("warning %q, low %v; want warning %v", w, a.RecoveryCodesLow(), s.warn)
			}
			if s.warn && !strings.Contains(w, "generate new ones at GitLab") {
				t.Fatalf("warning %q does not say where to get new codes", w)
			}
		})
	}
	if u := a.RecoveryCodes[0].UsedAt; u == nil || !u.Equal(t0.Add(time.Minute)) {
		t.Fatalf("first code used at %v, want the first marking's time", u)
	}
	if err := a.ReplaceRecoveryCodes([]string{"new-1", "new-2"}, t0); err != nil {
		t.Fatal(err)
	}
	if got := a.RecoveryCodesSummary(); got != "2 of 2 left" {
		t.Fatalf("after replace: %q", got)
	}
	mustRemove(t, &a, 0)
	mustRemove(t, &a, 0)
	if a.RecoveryCodes != nil || a.RecoveryCodesSummary() != "" || a.RecoveryCodesLow() {
		t.Fatalf("no codes left should read as none: %v %q", a.RecoveryCodes, a.RecoveryCodesSummary())
	}
}

func use(a *Account, code string, used bool, now time.Time) error {
	i, err := a.FindRecoveryCode(code)
	if err != nil {
		return err
	}
	a.MarkRecoveryCode(i, used, now)
	return nil
}

func remove(a *Account, code string) error {
	i, err := a.FindRecoveryCode(code)
	if err != nil {
		return err
	}
	return a.RemoveRecoveryCode(i)
}

// The codes are Sensitive: printing an account never shows them.
func TestRecoveryCodesNotPrinted(t *testing.T) {
	a := Account{Issuer: "X"}
	if err := a.AddRecoveryCodes([]string{"zz99-qq88"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fmt.Sprintf("%v", a), fmt.Sprintf("%+v", a), fmt.Sprintf("%#v", a)} {
		if strings.Contains(s, "zz99") {
			t.Fatalf("formatted account shows a code: %s", s)
		}
	}
}

func FuzzParseRecoveryCodes(f *testing.F) {
	for _, s := range []string{"abcd-1234 efgh-5678", "1. 1234 5678\t\t6. 2345 6789", "Header:\r\nx1y2z3\r\n", "(4) 7777-8888"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		codes, _ := ParseRecoveryCodes(s)
		for _, c := range codes {
			if strings.TrimSpace(c) != c || NormalizeRecoveryCode(c) == "" {
				t.Fatalf("code %q is not trimmed or is empty", c)
			}
			if strings.ContainsAny(c, "\n\r,;\t") {
				t.Fatalf("code %q holds a separator", c)
			}
		}
		var a Account
		if len(codes) > 0 {
			// Parsed codes are always acceptable, or refused only as duplicates.
			if err := a.AddRecoveryCodes(codes, time.Now()); err != nil && !errors.Is(err, ErrDuplicateRecoveryCode) {
				t.Fatalf("parsed codes refused: %v", err)
			}
		}
	})
}

func mustRemove(t *testing.T, a *Account, i int) {
	t.Helper()
	if err := a.RemoveRecoveryCode(i); err != nil {
		t.Fatal(err)
	}
}
