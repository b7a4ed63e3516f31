package core

import (
	"strings"
	"unicode"
)

// ParseRecoveryCodes reads codes as people paste them and as sites save
// them: separated by newlines (LF or CRLF), spaces, tabs or commas, one
// or several per line, with header and footer prose, numbering ("1.",
// "2)"), bullets and blank lines skipped. Google's "1234 5678" (two groups
// of four digits) stays one code, as written. Shapes handled are in
// testdata/recovery-codes/ (GitHub, GitLab, Google, Discord).
//
// skipped lists the 1-based numbers of non-blank lines that held no code,
// so the window can say what it left out ("lines 1, 2 and 15 were not
// codes") without echoing a line that might be one.
//
// This is hand-written: no site publishes a grammar, and a line is either
// all codes or prose, which a few shape rules tell apart (codeLike).
func ParseRecoveryCodes(text string) (codes []string, skipped []int) {
	text = strings.TrimPrefix(text, "\uFEFF") // a BOM from Windows editors
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		got, ok := lineCodes(line)
		if !ok {
			skipped = append(skipped, n+1)
			continue
		}
		codes = append(codes, got...)
	}
	return codes, skipped
}

// lineCodes returns the codes on one line, or false if the line is prose.
func lineCodes(line string) ([]string, bool) {
	line = strings.TrimLeft(line, "*•·-–> \t")
	tokens := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	var out []string
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		if isNumbering(t) {
			continue
		}
		// Google prints each code as two groups of four digits.
		if isDigits(t, 4) && i+1 < len(tokens) && isDigits(tokens[i+1], 4) {
			out = append(out, t+" "+tokens[i+1])
			i++
			continue
		}
		if !codeLike(t) {
			return nil, false
		}
		out = append(out, t)
	}
	return out, len(out) > 0
}

// isNumbering matches list numbers: "1." "10)" "(3)" "#4" "5:".
func isNumbering(t string) bool {
	if len(t) > 1 && len(t) <= 4 && t[0] == '#' {
		return isDigits(t[1:], 0)
	}
	t = strings.TrimPrefix(t, "(")
	if len(t) < 2 || len(t) > 4 {
		return false
	}
	last := t[len(t)-1]
	return (last == '.' || last == ')' || last == ':') && isDigits(t[:len(t)-1], 0)
}

// isDigits reports whether t is all ASCII digits, of length n (any when 0).
func isDigits(t string, n int) bool {
	if t == "" || (n > 0 && len(t) != n) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// codeLike tells a code from a word of prose. Codes are letters, digits
// and dashes, with at least 4 letters or digits, and hold a digit or a
// dash between groups ("R12345", "a1b2c-3d4e5", "abcde-fabcd"); letters
// alone must be long and of one case ("WXYZWXYZWXYZ"), which headers such
// as "Generated:", "SAVE YOUR BACKUP CODES" or "Keep these codes safe."
// never are.
func codeLike(t string) bool {
	if len([]rune(t)) < 4 || len([]rune(t)) > MaxRecoveryCodeLen {
		return false
	}
	var digit, dash, upper, lower bool
	alnum := 0
	for _, r := range t {
		if r != '-' && r != '_' {
			alnum++
		}
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r == '-' || r == '_':
			dash = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		default:
			return false
		}
	}
	if alnum < 4 || strings.HasPrefix(t, "-") || strings.HasSuffix(t, "-") {
		return false
	}
	return digit || dash || (len([]rune(t)) >= 12 && upper != lower)
}
