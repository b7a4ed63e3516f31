package apps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// The JSON and XML half of Detect: which app's file it is, from the keys of
// a JSON object or list and the entry names of Android preferences.

// jsonKeys is a JSON object with its values left undecoded: Detect needs
// the keys, and decoding a big vault into maps of any would cost more than
// importing it.
type jsonKeys map[string]json.RawMessage

// set reports whether key is there and not null.
func (m jsonKeys) set(key string) bool {
	v, ok := m[key]
	return ok && string(v) != "null"
}

func (m jsonKeys) names() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func detectJSON(text []byte) (string, error) {
	if text[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(text, &list); err != nil {
			return "", detectCutJSON(text)
		}
		if len(list) == 0 {
			return "", unknown("an empty JSON list")
		}
		// Look at a few elements: the first may lack what tells (a Duo
		// push account has no otpGenerator).
		var first jsonKeys
		for i, raw := range list[:min(len(list), 16)] {
			var el jsonKeys
			if err := json.Unmarshal(raw, &el); err != nil {
				return "", unknown("a JSON list of values that are not objects")
			}
			if i == 0 {
				first = el
			}
			if n := classifyList(el); n != "" {
				return n, nil
			}
		}
		return "", unknown("a JSON list of objects with the keys %s", listSome(first.names()))
	}
	var obj jsonKeys
	if err := json.Unmarshal(text, &obj); err != nil {
		return "", detectCutJSON(text)
	}
	if n := classifyObject(obj); n != "" {
		return n, nil
	}
	return "", unknown("a JSON object with the keys %s", listSome(obj.names()))
}

// classifyObject names the format of a JSON object from its keys.
func classifyObject(v jsonKeys) string {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := v[k]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("header", "db"):
		return "aegis"
	case has("schemaVersion", "services"), has("schemaVersion", "servicesEncrypted"):
		return "2fas"
	case has("Authenticators"):
		return "stratum"
	case has("tokens", "tokenOrder"):
		return "freeotp-plus"
	case has("items", "folders"), has("items", "encrypted"):
		return "bitwarden"
	case has("version", "entries"):
		return "proton"
	case has("shared_secret"), has("accounts") && steamAccounts(v["accounts"]):
		return "steam"
	case has("kdfParams", "encryptedData"):
		return "ente"
	}
	return ""
}

// classifyList names the format of a JSON list from its first element.
func classifyList(first jsonKeys) string {
	switch {
	case first.set("otpGenerator"), first.set("pkey") && first.set("accountType"):
		return "duo"
	case first.set("secret") && (first.set("label") || first.set("thumbnail") || first.set("tags")):
		return "andotp"
	}
	return ""
}

// steamAccounts reports whether a Steam file's accounts hold a shared_secret.
func steamAccounts(raw json.RawMessage) bool {
	var m map[string]jsonKeys
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	for _, acc := range m {
		if acc.set("shared_secret") {
			return true
		}
	}
	return false
}

// detectCutJSON looks at JSON that does not parse: the keys read before the
// break often still name the app, and the file is then reported damaged.
func detectCutJSON(text []byte) error {
	err := json.Unmarshal(text, new(json.RawMessage)) // for its message
	dec := json.NewDecoder(bytes.NewReader(text))
	keys := jsonKeys{}
	list := false
	tok, _ := dec.Token()
	if tok == json.Delim('[') {
		list = true
		tok, _ = dec.Token()
	}
	if tok == json.Delim('{') {
		for {
			t, terr := dec.Token()
			k, ok := t.(string)
			if terr != nil || !ok {
				break
			}
			keys[k] = json.RawMessage("true")
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				break
			}
		}
	}
	n := classifyObject(keys)
	if list {
		n = classifyList(keys)
	}
	return cutShort(n, "JSON that breaks off or is damaged (%v)", err)
}

// cutShort is ErrDamaged, naming the format when the content told it.
func cutShort(name, format string, args ...any) error {
	e := &Error{Kind: ErrDamaged, Err: fmt.Errorf("it looks like "+format, args...)}
	if f, err := FormatByName(name); name != "" && err == nil {
		e.Format = f.Title
	}
	return e
}

func detectXML(text []byte) (string, error) {
	prefs, err := parsePrefs(text)
	if errors.Is(err, errNotPrefs) {
		return "", unknown("XML that is not an Android preferences file (%v)", err)
	}
	var names []string
	n := ""
	for _, p := range prefs {
		switch p.Name {
		case authyPrefKey:
			n = "authy"
		case battleNetSecretKey:
			n = "battlenet"
		case totpAuthPrefKey:
			n = "totp-authenticator"
		case "tokenOrder":
			n = "freeotp"
		}
		var t map[string]any
		if p.Kind == "string" && json.Unmarshal([]byte(p.Value), &t) == nil && t["secret"] != nil && t["type"] != nil {
			n = "freeotp"
		}
		if n != "" {
			break
		}
		names = append(names, p.Name)
	}
	var e *Error
	switch {
	case errors.As(err, &e):
		return "", cutShort(n, "XML that breaks off or is damaged (%v)", e.Err)
	case n != "":
		return n, nil
	}
	return "", unknown("Android preferences with the entries %s", listSome(names))
}
