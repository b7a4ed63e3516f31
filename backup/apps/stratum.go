package apps

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Stratum (formerly Authenticator Pro) backups: JSON {Authenticators,
// Categories, AuthenticatorCategories}, or that JSON encrypted behind a
// 16-byte header:
//
//	"AUTHENTICATORPRO" [salt 16][iv 12][ciphertext‖tag]: Argon2id (t=3, 64 MiB, p=4), AES-256-GCM
//	"AuthenticatorPro" [salt 20][iv 16][ciphertext]: PBKDF2-HMAC-SHA1 64000, AES-256-CBC
//
// Its internal database (authenticator.db3) is read in stratum_db.go.
type stratumFile struct {
	Authenticators []stratumAuth `json:"Authenticators"`
	Categories     []struct {
		ID   string `json:"Id"`
		Name string `json:"Name"`
	} `json:"Categories"`
	AuthenticatorCategories []struct {
		CategoryID          string `json:"CategoryId"`
		AuthenticatorSecret string `json:"AuthenticatorSecret"`
	} `json:"AuthenticatorCategories"`
}

type stratumAuth struct {
	Type      int     `json:"Type"`
	Issuer    string  `json:"Issuer"`
	Username  *string `json:"Username"`
	Secret    string  `json:"Secret"`
	Algorithm int     `json:"Algorithm"`
	Digits    int     `json:"Digits"`
	Period    int     `json:"Period"`
	Counter   uint64  `json:"Counter"`
}

var (
	stratumHeader       = []byte("AUTHENTICATORPRO")
	stratumHeaderLegacy = []byte("AuthenticatorPro")
)

const stratumLegacyRounds = 64000

// Stratum's enums: AuthenticatorType and HashAlgorithm.
var (
	stratumTypes      = map[int]core.Type{1: core.HOTP, 2: core.TOTP, 4: core.Steam}
	stratumTypeNames  = map[int]string{3: "mOTP", 5: "Yandex"}
	stratumAlgorithms = []otp.Algorithm{otp.SHA1, otp.SHA256, otp.SHA512}
)

func readStratum(data []byte, pw *passwordSource, out *results) error {
	var plain []byte
	var err error
	switch {
	case bytes.HasPrefix(data, sqliteMagic):
		return readStratumDB(data, out)
	case bytes.HasPrefix(data, stratumHeader):
		plain, err = stratumDecrypt(data[len(stratumHeader):], pw)
	case bytes.HasPrefix(data, stratumHeaderLegacy):
		plain, err = stratumDecryptLegacy(data[len(stratumHeaderLegacy):], pw)
	default:
		plain = data
	}
	if err != nil {
		return err
	}
	var f stratumFile
	if err := json.Unmarshal(plain, &f); err != nil {
		return damaged("not a Stratum backup: %v", err)
	}
	categories := map[string]string{}
	for _, c := range f.Categories {
		categories[c.ID] = c.Name
	}
	groups := map[string][]string{}
	for _, ac := range f.AuthenticatorCategories {
		if name, ok := categories[ac.CategoryID]; ok {
			groups[ac.AuthenticatorSecret] = append(groups[ac.AuthenticatorSecret], name)
		}
	}
	for i, s := range f.Authenticators {
		name := ""
		if s.Username != nil {
			name = *s.Username
		}
		if err := stratumAdd(out, i, s, name, groups[s.Secret]); err != nil {
			return err
		}
	}
	return nil
}

// stratumAdd converts one authenticator, from the JSON or the database.
func stratumAdd(out *results, i int, s stratumAuth, name string, groups []string) error {
	a := core.Account{Issuer: s.Issuer, Name: name, Digits: s.Digits, Period: s.Period, Groups: groupNames(groups...)}
	t, ok := stratumTypes[s.Type]
	if !ok {
		why := fmt.Sprintf("type %d is not one Lifeline knows", s.Type)
		if n, known := stratumTypeNames[s.Type]; known {
			why = n + " entries from Stratum are not imported (their secret and PIN encoding is not documented); add this one by hand"
		}
		out.skip(label(&a, i), why)
		return nil
	}
	if s.Algorithm < 0 || s.Algorithm >= len(stratumAlgorithms) {
		out.skip(label(&a, i), fmt.Sprintf("algorithm code %d is not one Lifeline knows", s.Algorithm))
		return nil
	}
	a.Type, a.Algorithm = t, stratumAlgorithms[s.Algorithm]
	if t == core.HOTP {
		a.Counter, a.Period = s.Counter, 0
	}
	var err error
	if a.Secret, err = core.ParseSecret(s.Secret); err != nil {
		return damaged("authenticator %d (%s): %v", i+1, label(&a, i), err)
	}
	out.add(a)
	return nil
}

func stratumDecrypt(body []byte, pw *passwordSource) ([]byte, error) {
	const saltSize, ivSize = 16, 12
	if len(body) < saltSize+ivSize+gcmTagSize {
		return nil, damaged("%d bytes after the header is too short for an encrypted backup", len(body))
	}
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	key := argon2idKey(password, body[:saltSize])
	plain, err := openGCM(key, body[saltSize:saltSize+ivSize], body[saltSize+ivSize:], nil)
	if err != nil {
		return nil, wrongPassword("the backup does not decrypt with it; if the password is right, the file is damaged")
	}
	return plain, nil
}

func stratumDecryptLegacy(body []byte, pw *passwordSource) ([]byte, error) {
	const saltSize, ivSize = 20, 16
	if len(body) < saltSize+ivSize+16 || (len(body)-saltSize-ivSize)%16 != 0 {
		return nil, damaged("%d bytes after the header is not a whole encrypted backup", len(body))
	}
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	key, err := pbkdf2Key(sha1.New, []byte(password), body[:saltSize], stratumLegacyRounds, aesKeySize)
	if err != nil {
		return nil, err
	}
	plain, err := decryptCBC(key, body[saltSize:saltSize+ivSize], body[saltSize+ivSize:])
	// CBC has no tag: a wrong key shows as bad padding or, 1 time in 256,
	// as padding that happens to fit around bytes that are not JSON.
	if err != nil || !json.Valid(plain) {
		return nil, wrongPassword("the backup does not decrypt with it; if the password is right, the file is damaged")
	}
	return plain, nil
}
