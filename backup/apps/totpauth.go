package apps

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// TOTP Authenticator (com.authenticator.authservice2): its backup is base64
// of AES-256-CBC with a zero IV and key SHA-256(password); the plaintext is
// a JSON object whose first key is the entry list as a JSON string. Without
// a user password the app uses "TotpAuthenticator", which is tried first.
// On a rooted phone the list is in shared_prefs under STATIC_TOTP_CODES_LIST.
const (
	totpAuthPrefKey         = "STATIC_TOTP_CODES_LIST"
	totpAuthDefaultPassword = "TotpAuthenticator"
)

type totpAuthEntry struct {
	Base   int    `json:"base"`
	Key    string `json:"key"`
	Name   string `json:"name"`
	Issuer string `json:"issuer"`
}

func readTotpAuth(data []byte, pw *passwordSource, out *results) error {
	var list []byte
	if trimmed := bytes.TrimSpace(data); bytes.HasPrefix(trimmed, []byte("<")) {
		v, err := prefEntry(trimmed, totpAuthPrefKey, "TOTP Authenticator's preferences")
		if err != nil {
			return err
		}
		list = []byte(v)
	} else {
		var err error
		if list, err = totpAuthDecrypt(trimmed, pw); err != nil {
			return err
		}
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(list, &raw); err != nil {
		return damaged("entry list: %v", err)
	}
	for i, r := range raw {
		// Each entry is an object, or a string holding the object.
		var s string
		if json.Unmarshal(r, &s) == nil {
			r = json.RawMessage(s)
		}
		var e totpAuthEntry
		if err := json.Unmarshal(r, &e); err != nil {
			return damaged("entry %d: %v", i+1, err)
		}
		// As Aegis does: the app's digits and period fields are not read
		// and every entry is SHA1, 6 digits, 30 s (what expected.json says).
		a := core.Account{Type: core.TOTP, Issuer: e.Issuer, Name: e.Name, Algorithm: otp.SHA1, Digits: 6, Period: 30}
		var err error
		switch e.Base {
		case 16:
			a.Secret, err = hex.DecodeString(e.Key)
		case 32:
			a.Secret, err = core.ParseSecret(e.Key)
		case 64:
			a.Secret, err = decodeBase64(e.Key)
		default:
			err = fmt.Errorf("secret in base %d, which the app does not write", e.Base)
		}
		if err != nil {
			return damaged("entry %d (%s): secret: %v", i+1, label(&a, i), err)
		}
		out.add(a)
	}
	return nil
}

func totpAuthDecrypt(text []byte, pw *passwordSource) ([]byte, error) {
	ct, err := base64.StdEncoding.DecodeString(string(bytes.Join(bytes.Fields(text), nil)))
	if err != nil {
		return nil, damaged("backup is not base64: %v", err)
	}
	if list, ok := totpAuthOpen(ct, totpAuthDefaultPassword); ok {
		return list, nil
	}
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	if list, ok := totpAuthOpen(ct, password); ok {
		return list, nil
	}
	return nil, wrongPassword("the backup does not decrypt with it, nor with the app's default; if the password is right, the file is damaged")
}

// totpAuthOpen decrypts and returns the first key of the plaintext object.
func totpAuthOpen(ct []byte, password string) ([]byte, bool) {
	key := sha256.Sum256([]byte(password))
	plain, err := decryptCBC(key[:], make([]byte, 16), ct)
	if err != nil {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(plain))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	t, err := dec.Token()
	k, ok := t.(string)
	if err != nil || !ok {
		return nil, false
	}
	return []byte(k), true
}
