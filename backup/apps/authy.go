package apps

import (
	"crypto/sha1"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Authy keeps its tokens in shared_prefs/com.authy.storage.tokens.
// authenticator.xml (a rooted phone), as a JSON array under one key. Each
// token has its secret in the clear (decryptedSecret) or encrypted with the
// backup password: PBKDF2-HMAC-SHA1(password, salt as UTF-8, 1000 rounds),
// AES-256-CBC with a zero IV, the plaintext being the Base32 secret.
const (
	authyPrefKey = "com.authy.storage.tokens.authenticator.key"
	authyRounds  = 1000
	authyPeriod  = 30
)

type authyToken struct {
	AccountType     string  `json:"accountType"`
	Digits          flexInt `json:"digits"`
	DecryptedSecret *string `json:"decryptedSecret"`
	EncryptedSecret *string `json:"encryptedSecret"`
	Salt            string  `json:"salt"`
	Rounds          int     `json:"key_derivation_iterations"`
	OriginalName    string  `json:"originalName"`
	OriginalIssuer  string  `json:"originalIssuer"`
	Name            string  `json:"name"`
}

func readAuthy(data []byte, pw *passwordSource, out *results) error {
	raw, err := prefEntry(data, authyPrefKey, "Authy's token file")
	if err != nil {
		return err
	}
	var tokens []authyToken
	if err := json.Unmarshal([]byte(raw), &tokens); err != nil {
		return damaged("tokens: %v", err)
	}
	if err := checkAuthyTokens(tokens); err != nil {
		return err
	}
	for i, t := range tokens {
		a := core.Account{Type: core.TOTP, Algorithm: otp.SHA1, Digits: int(t.Digits), Period: authyPeriod}
		a.Issuer, a.Name = t.names()
		var secret string
		switch {
		case t.DecryptedSecret != nil:
			secret = *t.DecryptedSecret
		case t.EncryptedSecret != nil:
			if secret, err = t.decrypt(pw); err != nil {
				return err
			}
		default:
			return damaged("token %d (%s) has no secret", i+1, label(&a, i))
		}
		if a.Secret, err = core.ParseSecret(secret); err != nil {
			return damaged("token %d (%s): %v", i+1, label(&a, i), err)
		}
		out.add(a)
	}
	return nil
}

// names splits Authy's display name as Aegis does: the issuer is what comes
// before ':' in originalName, or before " - " in name, or else the account
// type ("authenticator" → "Authenticator"); the name is the rest.
func (t *authyToken) names() (issuer, name string) {
	sep := ""
	switch {
	case strings.Contains(t.OriginalName, ":"):
		issuer, _, _ = strings.Cut(t.OriginalName, ":")
		sep = ":"
	case strings.Contains(t.Name, " - "):
		issuer, _, _ = strings.Cut(t.Name, " - ")
		sep = " - "
	case t.OriginalIssuer != "":
		issuer = t.OriginalIssuer
	case t.AccountType != "":
		r := []rune(t.AccountType)
		issuer = string(unicode.ToUpper(r[0])) + string(r[1:])
	}
	name = t.Name
	if issuer != "" {
		name = strings.Replace(name, issuer+sep, "", 1)
	}
	return strings.TrimSpace(issuer), strings.TrimSpace(name)
}

// rounds is the token's PBKDF2 rounds: Authy's 1000 unless it names others.
func (t *authyToken) rounds() int {
	if t.Rounds > 0 {
		return t.Rounds
	}
	return authyRounds
}

func (t *authyToken) decrypt(pw *passwordSource) (string, error) {
	ct, err := decodeBase64(*t.EncryptedSecret)
	if err != nil {
		return "", damaged("encryptedSecret is not base64: %v", err)
	}
	password, err := pw.get()
	if err != nil {
		return "", err
	}
	key, err := pbkdf2Key(sha1.New, []byte(password), []byte(t.Salt), t.rounds(), aesKeySize)
	if err != nil {
		return "", err
	}
	plain, err := decryptCBC(key, make([]byte, 16), ct)
	if err != nil {
		return "", wrongPassword("a token's secret does not decrypt with it")
	}
	// Without a tag, a wrong key can leave valid padding around noise:
	// a secret that is not Base32 is a wrong password too.
	if _, err := core.ParseSecret(string(plain)); err != nil {
		return "", wrongPassword("a token's secret does not decrypt with it")
	}
	return string(plain), nil
}
