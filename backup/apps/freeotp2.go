package apps

import (
	"encoding/asn1"
	"encoding/json"
	"sort"
	"strings"
)

// A FreeOTP 2 backup (externalBackup.xml, despite the name) is a Java-
// serialised HashMap<String,String> (javaser.go):
//
//	"masterKey"     {mAlgorithm, mIterations, mSalt, mEncryptedKey}
//	"<uuid>"        {"key": "<JSON of an encrypted secret>"}
//	"<uuid>-token"  {algo, digits, period|counter, issuerExt, label, type}
//
// The key-encryption key is PBKDF2-HMAC-SHA1 or -SHA512(password, mSalt,
// mIterations); it opens the master key (AES-GCM, AAD = mToken "AES"), which
// opens each secret (AES-GCM, AAD = its mToken, "HmacSHA1" and so on). The
// GCM nonce is in mParameters: DER, an OCTET STRING or SEQUENCE{OCTET
// STRING, INTEGER tag length}.
type freeOTPSealed struct {
	Cipher     string      `json:"mCipher"`
	CipherText signedBytes `json:"mCipherText"`
	Parameters signedBytes `json:"mParameters"`
	Token      string      `json:"mToken"`
}

type freeOTPMasterKey struct {
	Algorithm    string        `json:"mAlgorithm"`
	EncryptedKey freeOTPSealed `json:"mEncryptedKey"`
	Iterations   int           `json:"mIterations"`
	Salt         signedBytes   `json:"mSalt"`
}

func readFreeOTP2(data []byte, pw *passwordSource, out *results) error {
	m, err := readJavaStringMap(data)
	if err != nil {
		return damaged("%v", err)
	}
	var mk freeOTPMasterKey
	raw, ok := m["masterKey"]
	if !ok {
		return damaged("no masterKey: not a FreeOTP backup")
	}
	if err := json.Unmarshal([]byte(raw), &mk); err != nil {
		return damaged("masterKey: %v", err)
	}
	h, ok := hashByName(mk.Algorithm)
	if !ok {
		return unsupported("key derivation %q (FreeOTP writes PBKDF2withHmacSHA1 or PBKDF2withHmacSHA512)", mk.Algorithm)
	}
	if err := checkRounds("FreeOTP", mk.Iterations, MaxFreeOTPRounds, "100000 PBKDF2 rounds"); err != nil {
		return err
	}
	password, err := pw.get()
	if err != nil {
		return err
	}
	kek, err := pbkdf2Key(h, []byte(password), mk.Salt, mk.Iterations, aesKeySize)
	if err != nil {
		return err
	}
	master, err := mk.EncryptedKey.open(kek)
	if err == errAuth {
		return wrongPassword("the master key does not decrypt with it")
	}
	if err != nil {
		return damaged("masterKey: %v", err)
	}
	var ids []string
	for k := range m {
		if id, ok := strings.CutSuffix(k, "-token"); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for i, id := range ids {
		var meta freeOTPToken
		if err := json.Unmarshal([]byte(m[id+"-token"]), &meta); err != nil {
			return damaged("token %s: %v", id, err)
		}
		var wrapper struct {
			Key string `json:"key"`
		}
		var sealed freeOTPSealed
		if err := json.Unmarshal([]byte(m[id]), &wrapper); err != nil {
			return damaged("secret of token %s: %v", id, err)
		}
		if err := json.Unmarshal([]byte(wrapper.Key), &sealed); err != nil {
			return damaged("secret of token %s: %v", id, err)
		}
		secret, err := sealed.open(master)
		if err != nil {
			return damaged("secret of token %s does not decrypt with the master key: %v", id, err)
		}
		if err := meta.add(out, i, secret); err != nil {
			return err
		}
	}
	return nil
}

// open decrypts with AES-GCM, the nonce from the DER parameters and the
// token name as additional data.
func (s *freeOTPSealed) open(key []byte) ([]byte, error) {
	if s.Cipher != "AES/GCM/NoPadding" {
		return nil, unsupported("cipher %q (FreeOTP writes AES/GCM/NoPadding)", s.Cipher)
	}
	var nonce []byte
	var params struct {
		Nonce  []byte
		TagLen int
	}
	if rest, err := asn1.Unmarshal(s.Parameters, &params); err == nil && len(rest) == 0 {
		if params.TagLen != 16 && params.TagLen != 128 {
			return nil, unsupported("GCM tag of %d (FreeOTP writes 16 bytes)", params.TagLen)
		}
		nonce = params.Nonce
	} else if rest, err := asn1.Unmarshal(s.Parameters, &nonce); err != nil || len(rest) != 0 {
		return nil, damaged("mParameters is neither a DER nonce nor a DER GCM parameter sequence")
	}
	return openGCM(key, nonce, s.CipherText, []byte(s.Token))
}
