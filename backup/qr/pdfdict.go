package qr

import (
	"bytes"
	"strconv"
)

// pdfDict is the top level of a PDF dictionary: each key (without its
// slash) and the raw bytes of its value, nested dictionaries and arrays
// left whole. Reading the top level alone matters: an image's
// /DecodeParms holds keys (/BitsPerComponent, /Columns) that also stand
// beside it with other meanings.
type pdfDict map[string][]byte

// maxPDFNesting bounds how deep dictionaries and arrays are followed, so
// that a file of "[[[[…" costs no stack.
const maxPDFNesting = 32

// parseDict reads the dictionary at the start of b (spaces first are
// passed over). Anything else, or a damaged one, gives what was read.
func parseDict(b []byte) pdfDict {
	d, _ := parseDictEnd(b)
	return d
}

// parseDictEnd is parseDict and where in b the dictionary ends.
func parseDictEnd(b []byte) (pdfDict, int) {
	p := objParser{b: b}
	p.space()
	if !p.at("<<") {
		return nil, 0
	}
	p.i += 2
	d := pdfDict{}
	for {
		p.space()
		if p.at(">>") {
			return d, p.i + 2
		}
		if p.i >= len(p.b) || p.b[p.i] != '/' {
			return d, p.i
		}
		key := p.name()
		start := p.i
		if !p.value(0) {
			return d, min(p.i, len(p.b))
		}
		d[key] = bytes.TrimSpace(p.b[start:p.i])
	}
}

// arrayItems is each value of the array in raw (a lone value is an array
// of one), references "N G R" kept as one item.
func arrayItems(raw []byte) [][]byte {
	p := objParser{b: raw}
	p.space()
	if !p.at("[") {
		return [][]byte{raw}
	}
	p.i++
	var out [][]byte
	for {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] == ']' {
			return out
		}
		start := p.i
		if !p.value(0) {
			return out
		}
		out = append(out, bytes.TrimSpace(p.b[start:p.i]))
	}
}

// name is a value's name without its slash ("" when it is not a name).
func name(raw []byte) string {
	if len(raw) > 1 && raw[0] == '/' {
		return string(raw[1:])
	}
	return ""
}

// objParser walks PDF objects as bytes, without building them.
type objParser struct {
	b []byte
	i int
}

func (p *objParser) at(s string) bool { return bytes.HasPrefix(p.b[p.i:], []byte(s)) }

func (p *objParser) space() {
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case isPDFSpace(c):
			p.i++
		case c == '%':
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
		default:
			return
		}
	}
}

// name reads "/Name" and returns Name.
func (p *objParser) name() string {
	p.i++
	start := p.i
	p.word()
	return string(p.b[start:p.i])
}

// value passes one object; false when there is none or it is damaged.
func (p *objParser) value(depth int) bool {
	p.space()
	if p.i >= len(p.b) || depth > maxPDFNesting {
		return false
	}
	switch c := p.b[p.i]; {
	case p.at("<<"):
		p.i += 2
		for p.space(); p.i < len(p.b) && !p.at(">>"); p.space() {
			if !p.value(depth + 1) {
				return false
			}
		}
		p.i += 2
	case c == '[':
		p.i++
		for p.space(); p.i < len(p.b) && p.b[p.i] != ']'; p.space() {
			if !p.value(depth + 1) {
				return false
			}
		}
		p.i++
	case c == '(':
		l := lexer{b: p.b, i: p.i}
		l.skipString()
		p.i = l.i
	case c == '<':
		for p.i < len(p.b) && p.b[p.i] != '>' {
			p.i++
		}
		p.i++
	case c == '/':
		p.name()
	case isPDFDelim(c):
		return false
	default:
		p.word()
		p.reference()
	}
	return p.i <= len(p.b)
}

// word passes regular characters: a number or a keyword.
func (p *objParser) word() {
	p.i = wordEnd(p.b, p.i)
}

// reference extends a number just read to "N G R" when that follows.
func (p *objParser) reference() {
	save := p.i
	p.space()
	g := p.i
	p.word()
	if p.i == g || !isInt(p.b[g:p.i]) {
		p.i = save
		return
	}
	p.space()
	if p.at("R") && (p.i+1 == len(p.b) || isPDFSpace(p.b[p.i+1]) || isPDFDelim(p.b[p.i+1])) {
		p.i++
		return
	}
	p.i = save
}

func isInt(b []byte) bool {
	_, err := strconv.Atoi(string(b))
	return err == nil
}

// refNumber is the object number of a reference "N G R"; "" when raw is
// not one.
func refNumber(raw []byte) string {
	f := bytes.Fields(raw)
	if len(f) == 3 && string(f[2]) == "R" && isInt(f[0]) && isInt(f[1]) {
		return string(f[0])
	}
	return ""
}
