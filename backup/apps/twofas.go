package apps

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// 2FAS backup (.2fas): JSON with services, in the clear or as
// servicesEncrypted = base64(ciphertext‖tag):base64(salt):base64(iv), the
// key PBKDF2-HMAC-SHA256(password, salt, 10000) and the cipher AES-256-GCM.
type twoFASFile struct {
	SchemaVersion     int             `json:"schemaVersion"`
	Services          []twoFASService `json:"services"`
	ServicesEncrypted *string         `json:"servicesEncrypted"`
	Reference         string          `json:"reference"`
	Groups            []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"groups"`
}

type twoFASService struct {
	Name    string `json:"name"`
	Secret  string `json:"secret"`
	GroupID string `json:"groupId"`
	OTP     struct {
		Account   string  `json:"account"`
		Issuer    string  `json:"issuer"`
		Label     string  `json:"label"`
		Digits    flexInt `json:"digits"`
		Period    flexInt `json:"period"`
		Algorithm string  `json:"algorithm"`
		TokenType string  `json:"tokenType"`
		Counter   uint64  `json:"counter"`
	} `json:"otp"`
}

const (
	twoFASMaxSchema = 4
	twoFASRounds    = 10_000
)

func readTwoFAS(data []byte, pw *passwordSource, out *results) error {
	var f twoFASFile
	if err := json.Unmarshal(data, &f); err != nil {
		return damaged("not a 2FAS backup: %v", err)
	}
	if f.SchemaVersion > twoFASMaxSchema {
		return unsupported("schema version %d (this importer reads 1 to %d; update Lifeline)", f.SchemaVersion, twoFASMaxSchema)
	}
	services := f.Services
	if f.ServicesEncrypted != nil && *f.ServicesEncrypted != "" {
		plain, err := twoFASDecrypt(*f.ServicesEncrypted, f.Reference, pw)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(plain, &services); err != nil {
			return damaged("decrypted services: %v", err)
		}
	}
	groups := map[string]string{}
	for _, g := range f.Groups {
		groups[g.ID] = g.Name
	}
	for i, s := range services {
		a, ok, err := s.account(groups)
		switch {
		case err != nil:
			return damaged("service %d (%s): %v", i+1, label(&a, i), err)
		case !ok:
			out.skip(label(&a, i), fmt.Sprintf("token type %q is not one Lifeline knows", s.OTP.TokenType))
		default:
			out.add(a)
		}
	}
	return nil
}

func (s *twoFASService) account(groups map[string]string) (core.Account, bool, error) {
	a := core.Account{Issuer: s.Name, Name: s.OTP.Account, Digits: int(s.OTP.Digits), Period: int(s.OTP.Period)}
	if a.Issuer == "" {
		a.Issuer = s.OTP.Issuer
	}
	if a.Name == "" {
		a.Name = s.OTP.Label
	}
	if g, ok := groups[s.GroupID]; ok {
		a.Groups = groupNames(g)
	}
	// Schemas 1 and 2 have no tokenType: everything is TOTP there.
	a.Type = core.TOTP
	if s.OTP.TokenType != "" {
		t, ok := typeByName(s.OTP.TokenType)
		if !ok {
			return a, false, nil
		}
		a.Type = t
	}
	if a.Type == core.HOTP {
		a.Counter, a.Period = s.OTP.Counter, 0
	}
	var err error
	if a.Algorithm, err = parseAlgorithm(s.OTP.Algorithm); err != nil {
		return a, true, err
	}
	a.Secret, err = core.ParseSecret(s.Secret)
	return a, true, err
}

// twoFASDecrypt opens servicesEncrypted. The file's reference field is a
// fixed text sealed with the same key: when it opens and the services do
// not, the password is right and the file is damaged.
func twoFASDecrypt(field, reference string, pw *passwordSource) ([]byte, error) {
	services, err := twoFASParts(field, "servicesEncrypted")
	if err != nil {
		return nil, err
	}
	ref, refErr := twoFASParts(reference, "reference")
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	key, err := pbkdf2Key(sha256.New, []byte(password), services[1], twoFASRounds, aesKeySize)
	if err != nil {
		return nil, err
	}
	refOK := false
	if refErr == nil && bytes.Equal(ref[1], services[1]) {
		if _, err := openGCM(key, ref[2], ref[0], nil); err != nil {
			return nil, wrongPassword("the backup's reference does not decrypt with it")
		}
		refOK = true
	}
	plain, err := openGCM(key, services[2], services[0], nil)
	switch {
	case err == nil:
		return plain, nil
	case refOK:
		return nil, damaged("servicesEncrypted does not decrypt, though the password is right: %v", err)
	}
	return nil, wrongPassword("the services do not decrypt with it; if the password is right, the file is damaged")
}

// twoFASParts splits base64(ciphertext‖tag):base64(salt):base64(iv).
func twoFASParts(field, name string) ([3][]byte, error) {
	var raw [3][]byte
	parts := strings.Split(field, ":")
	if len(parts) < 3 {
		return raw, damaged("%s has %d parts (want ciphertext:salt:iv)", name, len(parts))
	}
	for i, part := range []string{"ciphertext", "salt", "iv"} {
		b, err := decodeBase64(parts[i])
		if err != nil {
			return raw, damaged("%s %s is not base64: %v", name, part, err)
		}
		raw[i] = b
	}
	return raw, nil
}
