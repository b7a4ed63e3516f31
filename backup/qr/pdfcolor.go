package qr

import (
	"bytes"
	"encoding/hex"
	"image"
	"io"
	"strconv"
)

// colorSpace is how a picture's samples become the gray the QR reader
// wants: the number of components, and for an indexed picture the gray
// of each index.
type colorSpace struct {
	comps  int
	lookup []byte
}

// colorSpace reads a /ColorSpace: the device spaces, their calibrated
// and ICC forms, and an indexed palette over one of those.
func (d *pdfDoc) colorSpace(raw []byte, indexed bool) (colorSpace, bool) {
	raw = d.resolve(raw)
	switch name(raw) {
	case "DeviceGray", "G", "CalGray":
		return colorSpace{comps: 1}, true
	case "DeviceRGB", "RGB", "CalRGB":
		return colorSpace{comps: 3}, true
	case "DeviceCMYK", "CMYK":
		return colorSpace{comps: 4}, true
	}
	items := arrayItems(raw)
	if len(items) < 2 {
		return colorSpace{}, false
	}
	switch name(items[0]) {
	case "CalGray":
		return colorSpace{comps: 1}, true
	case "CalRGB":
		return colorSpace{comps: 3}, true
	case "ICCBased":
		n, _ := d.int(d.dict(refNumber(items[1])), "N")
		return colorSpace{comps: n}, n == 1 || n == 3 || n == 4
	case "Indexed", "I":
		if indexed || len(items) < 4 {
			return colorSpace{}, false
		}
		base, ok := d.colorSpace(items[1], true)
		hival, err := strconv.Atoi(string(d.resolve(items[2])))
		if !ok || err != nil || hival < 0 || hival > 255 {
			return colorSpace{}, false
		}
		table := d.palette(items[3], (hival+1)*base.comps)
		if table == nil {
			return colorSpace{}, false
		}
		lookup := make([]byte, 256)
		for i := range hival + 1 {
			lookup[i] = grayOf(table[i*base.comps : (i+1)*base.comps])
		}
		return colorSpace{comps: 1, lookup: lookup}, true
	}
	return colorSpace{}, false
}

// palette is an indexed colour space's table of n bytes: a hex string,
// a literal string or a stream. Nil when it is shorter.
func (d *pdfDoc) palette(raw []byte, n int) []byte {
	var b []byte
	switch raw = bytes.TrimSpace(raw); {
	case refNumber(raw) != "":
		dict, data := d.stream(refNumber(raw))
		if data == nil {
			if b = d.resolve(raw); refNumber(b) != "" {
				return nil
			}
			return d.palette(b, n) // a string kept as an object of its own
		}
		r, last, _, err := d.decoder(dict, data)
		if err != nil || last != "" {
			return nil
		}
		b, _ = io.ReadAll(io.LimitReader(r, int64(n)))
	case bytes.HasPrefix(raw, []byte("<")):
		digits := bytes.Map(func(r rune) rune {
			if isPDFSpace(byte(r)) || r == '<' || r == '>' {
				return -1
			}
			return r
		}, raw)
		b, _ = hex.DecodeString(string(digits[:len(digits)&^1]))
	case bytes.HasPrefix(raw, []byte("(")):
		b = literal(raw)
	}
	if len(b) < n {
		return nil
	}
	return b[:n]
}

// literal is the bytes of a literal string "(…)" with its escapes undone.
func literal(raw []byte) []byte {
	var out []byte
	body := raw[1:]
	if len(body) > 0 && body[len(body)-1] == ')' {
		body = body[:len(body)-1]
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			out = append(out, c)
			continue
		}
		i++
		switch e := body[i]; e {
		case 'n', 'r', 't', 'b', 'f':
			out = append(out, map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}[e])
		case '\r', '\n':
			// a line continuation
		default:
			if e < '0' || e > '7' {
				out = append(out, e)
				continue
			}
			v := 0
			for j := 0; j < 3 && i < len(body) && body[i] >= '0' && body[i] <= '7'; j++ {
				v = v*8 + int(body[i]-'0')
				i++
			}
			i--
			out = append(out, byte(v))
		}
	}
	return out
}

// grayOf is the luminance of one colour of 1, 3 or 4 components.
func grayOf(c []byte) byte {
	switch len(c) {
	case 3:
		return byte((299*int(c[0]) + 587*int(c[1]) + 114*int(c[2])) / 1000)
	case 4:
		k := 255 - int(c[3])
		r, g, b := (255-int(c[0]))*k/255, (255-int(c[1]))*k/255, (255-int(c[2]))*k/255
		return byte((299*r + 587*g + 114*b) / 1000)
	}
	return c[0]
}

// samples decodes a picture kept as raw samples (after Flate, or as
// they are): 1 to 16 bits a component, in any colour space colorSpace
// reads, or a stencil mask.
func (d *pdfDoc) samples(dict pdfDict, r io.Reader, im pdfImage) (image.Image, error) {
	bpc, _ := d.int(dict, "BitsPerComponent")
	cs, ok := colorSpace{comps: 1}, true
	if string(d.resolve(dict["ImageMask"])) == "true" {
		bpc = 1 // 0 paints (in the fill colour, black in a scan), as in gray
	} else {
		cs, ok = d.colorSpace(dict["ColorSpace"], false)
	}
	if !ok || (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) {
		return nil, errPDFFilter
	}
	invert := cs.lookup == nil && inverted(d.resolve(dict["Decode"]))
	img := whitePage(im.w, im.h)
	row := make([]byte, (im.w*cs.comps*bpc+7)/8)
	px := make([]byte, cs.comps)
	maxv := 1<<bpc - 1
	for y := range im.h {
		if _, err := io.ReadFull(r, row); err != nil {
			if y == 0 {
				return nil, nil // no row at all: nothing to scan
			}
			break // a short stream is kept for the rows it holds
		}
		out := img.Pix[y*img.Stride : y*img.Stride+im.w]
		for x := range out {
			for i := range px {
				v := sample(row, x*cs.comps+i, bpc)
				if cs.lookup == nil {
					v = v * 255 / maxv
				}
				px[i] = byte(v)
			}
			g := grayOf(px)
			if cs.lookup != nil {
				g = cs.lookup[px[0]]
			}
			if invert {
				g = 0xff - g
			}
			out[x] = g
		}
	}
	return img, nil
}

// sample is the i-th value of bpc bits in row (the high byte of 16).
func sample(row []byte, i, bpc int) int {
	switch bpc {
	case 8:
		return int(row[i])
	case 16:
		return int(row[2*i])<<8 | int(row[2*i+1])
	}
	bit := i * bpc
	return int(row[bit/8]>>(8-bpc-bit%8)) & (1<<bpc - 1)
}
