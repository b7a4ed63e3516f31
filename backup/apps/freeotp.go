package apps

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/lifelineauth/lifeline/core"
)

// FreeOTP: version 2 backups are Java-serialised (freeotp2.go); version 1
// kept shared_prefs/tokens.xml (a rooted phone), one JSON token per
// <string>, plus a tokenOrder list. FreeOTP+ writes the same tokens.
type freeOTPToken struct {
	Algo      string      `json:"algo"`
	Counter   uint64      `json:"counter"`
	Digits    int         `json:"digits"`
	IssuerExt string      `json:"issuerExt"`
	IssuerInt string      `json:"issuerInt"`
	Label     string      `json:"label"`
	Period    int         `json:"period"`
	Secret    signedBytes `json:"secret"`
	Type      string      `json:"type"`
}

var javaMagic = []byte{0xAC, 0xED, 0x00, 0x05}

func readFreeOTP(data []byte, pw *passwordSource, out *results) error {
	if bytes.HasPrefix(data, javaMagic) {
		return readFreeOTP2(data, pw, out)
	}
	return readFreeOTPTokensXML(data, out)
}

func readFreeOTPTokensXML(data []byte, out *results) error {
	prefs, err := parsePrefs(data)
	if err != nil {
		return err
	}
	i := 0
	for _, p := range prefs {
		if p.Kind != "string" || p.Name == "tokenOrder" {
			continue
		}
		var t freeOTPToken
		if err := json.Unmarshal([]byte(p.Value), &t); err != nil {
			return damaged("token %q: %v", p.Name, err)
		}
		if err := t.add(out, i, t.Secret); err != nil {
			return err
		}
		i++
	}
	return nil
}

// add converts a token. The counter is kept as FreeOTP stored it (Aegis
// does the same, and expected.json says so).
func (t *freeOTPToken) add(out *results, i int, secret []byte) error {
	a := core.Account{Issuer: t.IssuerExt, Name: t.Label, Digits: t.Digits, Period: t.Period, Secret: secret}
	if a.Issuer == "" {
		a.Issuer = t.IssuerInt
	}
	typ, ok := typeByName(t.Type)
	if !ok || (typ != core.TOTP && typ != core.HOTP) {
		out.skip(label(&a, i), fmt.Sprintf("type %q is not one FreeOTP writes", t.Type))
		return nil
	}
	a.Type = typ
	// FreeOTP has no Steam type; as in Aegis, a TOTP token whose issuer is
	// Steam is taken for Steam Guard.
	if typ == core.TOTP && t.IssuerExt == "Steam" {
		a.Type = core.Steam
	}
	if typ == core.HOTP {
		a.Counter, a.Period = t.Counter, 0
	}
	var err error
	if a.Algorithm, err = parseAlgorithm(t.Algo); err != nil {
		return damaged("token %d (%s): %v", i+1, label(&a, i), err)
	}
	out.add(a)
	return nil
}

// readFreeOTPPlus reads FreeOTP+'s JSON export {tokenOrder, tokens}, or its
// tokens.xml, which is FreeOTP 1's.
func readFreeOTPPlus(data []byte, _ *passwordSource, out *results) error {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if bytes.HasPrefix(trimmed, []byte("<")) {
		return readFreeOTPTokensXML(trimmed, out)
	}
	var f struct {
		Tokens []freeOTPToken `json:"tokens"`
	}
	if err := json.Unmarshal(trimmed, &f); err != nil {
		return damaged("not a FreeOTP+ export: %v", err)
	}
	for i := range f.Tokens {
		if err := f.Tokens[i].add(out, i, f.Tokens[i].Secret); err != nil {
			return err
		}
	}
	return nil
}
