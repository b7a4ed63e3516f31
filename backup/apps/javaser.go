package apps

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// readJavaStringMap reads a java.util.HashMap<String,String> written by
// Java's ObjectOutputStream, which is what a FreeOTP 2 backup is. No kept Go
// library reads Java serialization, so this is a minimal reader written for
// exactly that object graph (Java Object Serialization Specification,
// chapter 6): one TC_OBJECT of class java.util.HashMap with primitive
// fields only, whose writeObject data is a block of two ints (capacity and
// size) followed by size keys and values, each a TC_STRING, TC_LONGSTRING,
// TC_REFERENCE to an earlier string, or TC_NULL. Anything else is an error.
func readJavaStringMap(data []byte) (map[string]string, error) {
	r := &javaReader{b: data}
	if r.u16() != 0xACED || r.u16() != 5 {
		return nil, errors.New("not a Java serialization stream (magic 0xACED, version 5)")
	}
	if r.byte() != tcObject || r.byte() != tcClassDesc {
		return nil, r.fail("want a new object of a new class")
	}
	if err := r.classDesc("java.util.HashMap"); err != nil {
		return nil, err
	}
	r.newHandle(nil) // the HashMap object itself
	for _, size := range r.fields {
		r.skip(size)
	}
	if r.byte() != tcBlockData || r.byte() != 8 {
		return nil, r.fail("want HashMap's 8-byte block of capacity and size")
	}
	r.u32()
	size := int(int32(r.u32()))
	if r.err != nil {
		return nil, r.err
	}
	if size < 0 || size > len(r.b)/2 {
		return nil, fmt.Errorf("java stream: map size %d does not fit in %d bytes", size, len(r.b))
	}
	m := make(map[string]string, size)
	for range size {
		k, v := r.str(), r.str()
		if r.err != nil {
			return nil, r.err
		}
		m[k] = v
	}
	if r.byte() != tcEndBlockData {
		return nil, r.fail("want the end of HashMap's data")
	}
	return m, r.err
}

// Type codes of the serialization grammar.
const (
	tcNull         = 0x70
	tcReference    = 0x71
	tcClassDesc    = 0x72
	tcObject       = 0x73
	tcString       = 0x74
	tcBlockData    = 0x77
	tcEndBlockData = 0x78
	tcLongString   = 0x7C
	baseHandle     = 0x7E0000
)

// primitiveSizes are the field type codes a HashMap's class may declare.
var primitiveSizes = map[byte]int{'B': 1, 'C': 2, 'D': 8, 'F': 4, 'I': 4, 'J': 8, 'S': 2, 'Z': 1}

type javaReader struct {
	b       []byte
	off     int
	err     error
	handles []any
	fields  []int // sizes of the object's primitive field values
}

func (r *javaReader) fail(what string) error {
	if r.err == nil {
		r.err = fmt.Errorf("java stream at byte %d: %s", r.off, what)
	}
	return r.err
}

func (r *javaReader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.off {
		r.fail("unexpected end")
		// Zeros for the fixed-size reads (at most 8 bytes) that go on
		// after a failure; r.err is what the caller looks at.
		return make([]byte, min(max(n, 0), 8))
	}
	r.off += n
	return r.b[r.off-n : r.off]
}

func (r *javaReader) skip(n int)      { r.take(n) }
func (r *javaReader) byte() byte      { return r.take(1)[0] }
func (r *javaReader) u16() uint16     { return binary.BigEndian.Uint16(r.take(2)) }
func (r *javaReader) u32() uint32     { return binary.BigEndian.Uint32(r.take(4)) }
func (r *javaReader) newHandle(v any) { r.handles = append(r.handles, v) }

// classDesc reads a class descriptor after its TC_CLASSDESC byte and checks
// that it is the class wanted, with primitive fields and no superclass.
func (r *javaReader) classDesc(want string) error {
	name := r.utf(int(r.u16()))
	r.skip(8) // serialVersionUID
	r.newHandle(nil)
	r.byte() // flags
	n := int(r.u16())
	for range n {
		size, ok := primitiveSizes[r.byte()]
		r.utf(int(r.u16()))
		if !ok {
			return r.fail("class has a field that is not a primitive")
		}
		r.fields = append(r.fields, size)
	}
	if r.err == nil && name != want {
		return r.fail(fmt.Sprintf("class %q, want %s", name, want))
	}
	if r.byte() != tcEndBlockData || r.byte() != tcNull {
		return r.fail("class annotations or a superclass, which " + want + " does not have")
	}
	return r.err
}

// str reads one string object: new, a back-reference, or null.
func (r *javaReader) str() string {
	var s string
	switch r.byte() {
	case tcString:
		s = r.utf(int(r.u16()))
	case tcLongString:
		n := binary.BigEndian.Uint64(r.take(8))
		if n > uint64(len(r.b)) {
			r.fail("long string longer than the stream")
			return ""
		}
		s = r.utf(int(n))
	case tcReference:
		h := int(r.u32()) - baseHandle
		if h < 0 || h >= len(r.handles) {
			r.fail("reference to an unknown object")
			return ""
		}
		v, ok := r.handles[h].(string)
		if !ok {
			r.fail("reference to an object that is not a string")
		}
		return v
	case tcNull:
		return ""
	default:
		r.fail("want a string")
		return ""
	}
	r.newHandle(s)
	return s
}

// utf decodes Java's "modified UTF-8": NUL as C0 80, and characters beyond
// the BMP as two 3-byte surrogates.
func (r *javaReader) utf(n int) string {
	b := r.take(n)
	u := make([]uint16, 0, n)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			u = append(u, uint16(c))
			i++
		case c&0xE0 == 0xC0 && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			u = append(u, uint16(c&0x1F)<<6|uint16(b[i+1]&0x3F))
			i += 2
		case c&0xF0 == 0xE0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			u = append(u, uint16(c&0x0F)<<12|uint16(b[i+1]&0x3F)<<6|uint16(b[i+2]&0x3F))
			i += 3
		default:
			r.fail("bad modified UTF-8")
			return ""
		}
	}
	return string(utf16.Decode(u))
}
