package qr

// lexer splits a PDF content stream into the tokens filledRects needs:
// numbers and operators. Strings, names, arrays and dictionaries are
// passed over as tokOther, so that text shown on the page (whose strings
// may hold anything) is never read as drawing operators.
type lexer struct {
	b []byte
	i int
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokNumber
	tokOperator
	tokOther
)

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) next() (string, tokKind) {
	for l.i < len(l.b) {
		c := l.b[l.i]
		switch {
		case isPDFSpace(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		case c == '(':
			l.skipString()
			return "", tokOther
		case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<', c == '>' && l.i+1 < len(l.b) && l.b[l.i+1] == '>':
			l.i += 2
			return "", tokOther
		case c == '<':
			for l.i < len(l.b) && l.b[l.i] != '>' {
				l.i++
			}
			l.i++
			return "", tokOther
		case c == '/':
			l.i++
			l.word()
			return "", tokOther
		case isPDFDelim(c):
			l.i++
			return "", tokOther
		default:
			w := l.word()
			if w == "" {
				l.i++
				return "", tokOther
			}
			if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
				return w, tokNumber
			}
			return w, tokOperator
		}
	}
	return "", tokEOF
}

// word reads regular characters up to a space or a delimiter.
func (l *lexer) word() string {
	start := l.i
	l.i = wordEnd(l.b, l.i)
	return string(l.b[start:l.i])
}

// wordEnd is where the regular characters from i end.
func wordEnd(b []byte, i int) int {
	for i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
		i++
	}
	return i
}

// skipString passes a literal string: balanced parentheses, backslash
// escapes.
func (l *lexer) skipString() {
	depth := 0
	for ; l.i < len(l.b); l.i++ {
		switch l.b[l.i] {
		case '\\':
			l.i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.i++
				return
			}
		}
	}
}
