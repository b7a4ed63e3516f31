package qr

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// pdfDoc is a PDF's objects by number, in the order the file holds them:
// those kept as plain objects and those packed in object streams (PDF
// 1.5, as qpdf writes them). Cross-reference
// tables are not read: the objects are found where they stand, which
// also reads a file whose table is damaged.
type pdfDoc struct {
	objs  map[string][]byte // the object's bytes: a value, or a dictionary and its stream
	order []string
	dicts map[string]pdfDict // the dictionaries read so far: a picture's is asked for often
}

// MaxPDFObjectBytes bounds what object streams unpack to, all together:
// a kit's come to a few KB, and each is held while the PDF is read.
const MaxPDFObjectBytes = 32 << 20

var (
	pdfObject = regexp.MustCompile(`(?s)(\d+)\s+\d+\s+obj\b(.*?)\bendobj`)
	// errPDFObjects refuses object streams that unpack to too much.
	errPDFObjects = fmt.Errorf("the PDF's object streams unpack to over %d MB; it is not scanned", MaxPDFObjectBytes>>20)
	// errPDFFilter is a stream in an encoding this reader does not undo.
	errPDFFilter = errors.New("a PDF stream in an encoding Lifeline does not read")
)

// loadPDF finds the objects of a PDF file.
func loadPDF(b []byte) (*pdfDoc, error) {
	d := &pdfDoc{objs: map[string][]byte{}}
	var packed []string
	for _, m := range pdfObject.FindAllSubmatch(b, -1) {
		num := string(m[1])
		if _, seen := d.objs[num]; !seen {
			d.order = append(d.order, num)
		}
		d.objs[num] = m[2] // a later update of an object wins
		if name(parseDict(m[2])["Type"]) == "ObjStm" {
			packed = append(packed, num)
		}
	}
	budget := MaxPDFObjectBytes
	for _, num := range packed {
		if err := d.unpack(num, &budget); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// unpack adds the objects of object stream num that the file does not
// hold as plain objects: a header of N pairs "number offset", then the
// objects from /First on.
func (d *pdfDoc) unpack(num string, budget *int) error {
	dict, data := d.stream(num)
	r, last, _, err := d.decoder(dict, data)
	if err != nil || last != "" {
		return nil // damaged or strange: the other objects may still do
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(*budget)+1))
	if len(b) > *budget {
		return errPDFObjects
	}
	*budget -= len(b)
	if err != nil && len(b) == 0 {
		return nil
	}
	n, _ := d.int(dict, "N")
	first, _ := d.int(dict, "First")
	if first <= 0 || first > len(b) || n <= 0 {
		return nil
	}
	head := bytes.Fields(b[:first])
	n = min(n, len(head)/2)
	// Offsets are checked before they are added: a hostile one may be
	// negative or near the int's limit.
	offset := func(j int) (int, bool) {
		v, err := strconv.Atoi(string(head[j]))
		return first + v, err == nil && v >= 0 && v <= len(b)-first
	}
	for i := range n {
		start, ok := offset(2*i + 1)
		end := len(b)
		if i+1 < n {
			if next, ok := offset(2*i + 3); ok {
				end = next
			}
		}
		if !ok || start > end || !isInt(head[2*i]) {
			continue
		}
		obj := string(head[2*i])
		if _, plain := d.objs[obj]; !plain {
			d.objs[obj] = b[start:end]
			d.order = append(d.order, obj)
		}
	}
	return nil
}

// pages are the page objects in the order of the document's page tree;
// in the order of the file when the tree is damaged or leaves pages out.
func (d *pdfDoc) pages() []string {
	var all, tree []string
	for _, num := range d.order {
		switch dict := d.dict(num); name(dict["Type"]) {
		case "Page":
			all = append(all, num)
		case "Catalog":
			if tree == nil {
				tree = d.kids(refNumber(dict["Pages"]), 0, map[string]bool{}, nil)
			}
		}
	}
	if len(tree) != len(all) {
		return all
	}
	return tree
}

// kids adds the pages below page-tree node num to out, each node once,
// at most maxPDFNesting levels down and MaxPDFPages+1 pages (more is
// refused anyway).
func (d *pdfDoc) kids(num string, depth int, seen map[string]bool, out []string) []string {
	if num == "" || seen[num] || len(out) > MaxPDFPages || depth > maxPDFNesting {
		return out
	}
	seen[num] = true
	dict := d.dict(num)
	if name(dict["Type"]) == "Page" {
		return append(out, num)
	}
	for _, k := range arrayItems(d.resolve(dict["Kids"])) {
		out = d.kids(refNumber(k), depth+1, seen, out)
	}
	return out
}

// dict is object num's dictionary (nil when it has none).
func (d *pdfDoc) dict(num string) pdfDict {
	if dict, ok := d.dicts[num]; ok {
		return dict
	}
	dict := parseDict(d.objs[num])
	if d.dicts == nil {
		d.dicts = map[string]pdfDict{}
	}
	d.dicts[num] = dict
	return dict
}

// resolve follows a reference to the object it names; other values are
// their own.
func (d *pdfDoc) resolve(raw []byte) []byte {
	if num := refNumber(raw); num != "" {
		return bytes.TrimSpace(d.objs[num])
	}
	return raw
}

// int is a dictionary's number, direct or by reference.
func (d *pdfDoc) int(dict pdfDict, key string) (int, bool) {
	v, err := strconv.Atoi(string(d.resolve(dict[key])))
	return v, err == nil
}

// stream is object num's dictionary and its stream's bytes (nil when it
// has no stream). The data's length is the dictionary's /Length when
// that fits, or else all up to the last "endstream".
func (d *pdfDoc) stream(num string) (pdfDict, []byte) {
	obj := d.objs[num]
	dict, end := parseDictEnd(obj)
	rest := bytes.TrimLeft(obj[end:], " \t\r\n")
	if dict == nil || !bytes.HasPrefix(rest, []byte("stream")) {
		return dict, nil
	}
	data := rest[len("stream"):]
	data = bytes.TrimPrefix(bytes.TrimPrefix(data, []byte("\r")), []byte("\n"))
	if n, ok := d.int(dict, "Length"); ok && n >= 0 && n <= len(data) &&
		bytes.HasPrefix(bytes.TrimLeft(data[n:], "\r\n \t"), []byte("endstream")) {
		return dict, data[:n]
	}
	if j := bytes.LastIndex(data, []byte("endstream")); j >= 0 {
		data = data[:j]
	}
	return dict, data
}

// decoder undoes a stream's general filters (Flate, with or without a
// PNG predictor). When the last filter is an image encoding (DCT,
// CCITT fax), it is left for the image decoder: last names it, and parms
// are its parameters. Any other filter gives errPDFFilter.
func (d *pdfDoc) decoder(dict pdfDict, data []byte) (r io.Reader, last string, parms pdfDict, err error) {
	filters := arrayItems(d.resolve(dict["Filter"]))
	if dict["Filter"] == nil {
		filters = nil
	}
	allParms := arrayItems(d.resolve(dict["DecodeParms"]))
	r = bytes.NewReader(data)
	for i, f := range filters {
		var p pdfDict
		if i < len(allParms) {
			p = parseDict(d.resolve(allParms[i]))
		}
		switch name(f) {
		case "FlateDecode", "Fl":
			z, err := zlib.NewReader(r)
			if err != nil {
				return nil, "", nil, errPDFFilter
			}
			if r, err = d.predicted(z, p); err != nil {
				return nil, "", nil, err
			}
		case "DCTDecode", "DCT", "CCITTFaxDecode", "CCF":
			if i != len(filters)-1 {
				return nil, "", nil, errPDFFilter
			}
			return r, name(f), p, nil
		default:
			return nil, "", nil, errPDFFilter
		}
	}
	return r, "", nil, nil
}

// predicted undoes a Flate stream's predictor: none, or PNG's (10–15),
// which image and cross-reference streams use. TIFF's (2) is rare and
// not read.
func (d *pdfDoc) predicted(r io.Reader, p pdfDict) (io.Reader, error) {
	pred, ok := d.int(p, "Predictor")
	if !ok || pred == 1 {
		return r, nil
	}
	if pred < 10 || pred > 15 {
		return nil, errPDFFilter
	}
	colors, bpc, columns := 1, 8, 1
	if v, ok := d.int(p, "Colors"); ok {
		colors = v
	}
	if v, ok := d.int(p, "BitsPerComponent"); ok {
		bpc = v
	}
	if v, ok := d.int(p, "Columns"); ok {
		columns = v
	}
	bits := colors * bpc
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || columns < 1 || columns > 1<<20 || columns*bits > 32<<20 {
		return nil, errPDFFilter // a row of over 4 MB is no picture of a page
	}
	return &pngRows{r: r, bpp: max(1, bits/8), cur: make([]byte, 1+(columns*bits+7)/8)}, nil
}

// pngRows undoes PNG's per-row filters (None, Sub, Up, Average, Paeth),
// a row at a time: what a PDF with a PNG predictor holds. image/png does
// the same inside its decoder but exports nothing of it, and a PDF's
// rows come without PNG's chunks, so it is written here.
type pngRows struct {
	r        io.Reader
	bpp      int
	prev     []byte
	cur      []byte // the filter-type byte, then the row
	pos      int    // where the next Read starts in cur[1:]
	have     bool   // cur holds a decoded row
	finished error  // what ended the data
}

func (p *pngRows) Read(out []byte) (int, error) {
	if !p.have || p.pos == len(p.cur)-1 {
		if p.finished != nil {
			return 0, p.finished
		}
		if p.have {
			p.prev, p.cur = p.cur, p.prev // the row served is the one above
		}
		if p.prev == nil {
			p.prev = make([]byte, len(p.cur)) // above the first row: zeros
		}
		if _, err := io.ReadFull(p.r, p.cur); err != nil {
			if err == io.ErrUnexpectedEOF {
				err = io.EOF // a short last row ends the data
			}
			p.finished = err
			return 0, err
		}
		unfilter(p.cur, p.prev, p.bpp)
		p.pos, p.have = 0, true
	}
	n := copy(out, p.cur[1+p.pos:])
	p.pos += n
	return n, nil
}

// unfilter decodes one PNG row in place (row[0] is its filter type)
// against the row above.
func unfilter(row, prev []byte, bpp int) {
	cur, up := row[1:], prev[1:]
	switch row[0] {
	case 1:
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2:
		for i := range cur {
			cur[i] += up[i]
		}
	case 3:
		for i := range cur {
			left := 0
			if i >= bpp {
				left = int(cur[i-bpp])
			}
			cur[i] += byte((left + int(up[i])) / 2)
		}
	case 4:
		for i := range cur {
			var a, c int
			if i >= bpp {
				a, c = int(cur[i-bpp]), int(up[i-bpp])
			}
			cur[i] += paeth(a, int(up[i]), c)
		}
	}
}

func paeth(a, b, c int) byte {
	p := a + b - c
	pa, pb, pc := abs(p-a), abs(p-b), abs(p-c)
	switch {
	case pa <= pb && pa <= pc:
		return byte(a)
	case pb <= pc:
		return byte(b)
	}
	return byte(c)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
