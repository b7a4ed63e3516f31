package apps

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// pref is one entry of an Android shared_prefs file:
//
//	<map><string name="key">value</string><int name="n" value="1" /></map>
type pref struct {
	Kind  string // the element: string, int, long, boolean, float, set
	Name  string
	Value string // the text of <string>, the value attribute of the others
}

// errNotPrefs says the XML is well-formed so far but not a preferences file.
var errNotPrefs = errors.New("not an Android preferences file")

// parsePrefs reads an Android shared_prefs XML file. On an error it also
// returns the entries read before it, which lets Detect name the app of a
// file that was cut short.
func parsePrefs(data []byte) ([]pref, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var out []pref
	var cur *pref
	var text strings.Builder
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if cur != nil {
				out = append(out, *cur) // its name still tells whose file it is
			}
			return out, damaged("XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch depth {
			case 1:
				if roots++; t.Name.Local != "map" {
					return out, fmt.Errorf("%w: the root element is <%s>, not <map>", errNotPrefs, t.Name.Local)
				}
			case 2:
				cur = &pref{Kind: t.Name.Local}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "name":
						cur.Name = a.Value
					case "value":
						cur.Value = a.Value
					}
				}
				text.Reset()
			}
		case xml.CharData:
			if depth == 2 {
				text.Write(t)
			}
		case xml.EndElement:
			if depth == 2 && cur != nil {
				if cur.Kind == "string" {
					cur.Value = text.String()
				}
				out = append(out, *cur)
				cur = nil
			}
			depth--
		}
	}
	if roots == 0 {
		return nil, fmt.Errorf("%w: no root element", errNotPrefs)
	}
	return out, nil
}

// prefEntry reads a shared_prefs file and returns the <string> named key;
// app names the file in the error when the entry is missing.
func prefEntry(data []byte, key, app string) (string, error) {
	prefs, err := parsePrefs(data)
	if err != nil {
		return "", err
	}
	v, ok := prefValue(prefs, key)
	if !ok {
		return "", damaged("no %s entry: not %s", key, app)
	}
	return v, nil
}

// prefValue returns the value of the <string> named name.
func prefValue(prefs []pref, name string) (string, bool) {
	for _, p := range prefs {
		if p.Name == name && p.Kind == "string" {
			return p.Value, true
		}
	}
	return "", false
}
