package apps

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// andOTP backups: a JSON array of entries, in the clear or encrypted with
// AES-256-GCM in one of two layouts:
//
//	new: [iterations int32 BE][salt 12][nonce 12][ciphertext‖tag], key PBKDF2-HMAC-SHA1
//	old: [nonce 12][ciphertext‖tag], key SHA-256(password)
type andOTPEntry struct {
	Secret    string   `json:"secret"`
	Issuer    string   `json:"issuer"`
	Label     string   `json:"label"`
	Digits    flexInt  `json:"digits"`
	Type      string   `json:"type"`
	Algorithm string   `json:"algorithm"`
	Period    flexInt  `json:"period"`
	Counter   uint64   `json:"counter"`
	Tags      []string `json:"tags"`
}

const (
	andOTPSaltSize  = 12
	andOTPNonceSize = 12
)

func readAndOTP(data []byte, pw *passwordSource, out *results) error {
	plain := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if !bytes.HasPrefix(plain, []byte("[")) {
		var err error
		if plain, err = andOTPDecrypt(data, pw); err != nil {
			return err
		}
	}
	var entries []andOTPEntry
	if err := json.Unmarshal(plain, &entries); err != nil {
		return damaged("not an andOTP entry list: %v", err)
	}
	for i, e := range entries {
		a := core.Account{Issuer: e.Issuer, Name: e.Label, Digits: int(e.Digits), Period: int(e.Period), Groups: groupNames(e.Tags...)}
		// The old format had no issuer field: the label was "Issuer - Name".
		if a.Issuer == "" {
			if iss, name, ok := strings.Cut(e.Label, " - "); ok {
				a.Issuer, a.Name = iss, name
			}
		}
		t, ok := typeByName(e.Type)
		switch {
		case !ok:
			out.skip(label(&a, i), fmt.Sprintf("type %q is not one Lifeline knows", e.Type))
			continue
		case t == core.MOTP:
			out.skip(label(&a, i), "andOTP does not store the PIN of mOTP accounts; add this one by hand")
			continue
		}
		a.Type = t
		if t == core.HOTP {
			a.Counter = e.Counter
		}
		var err error
		if a.Algorithm, err = parseAlgorithm(e.Algorithm); err != nil {
			return damaged("entry %d (%s): %v", i+1, label(&a, i), err)
		}
		if a.Secret, err = core.ParseSecret(e.Secret); err != nil {
			return damaged("entry %d (%s): %v", i+1, label(&a, i), err)
		}
		out.add(a)
	}
	return nil
}

// andOTPDecrypt tries the old layout (cheap) and then the new one; the file
// does not say which it is.
func andOTPDecrypt(data []byte, pw *passwordSource) ([]byte, error) {
	if len(data) < andOTPNonceSize+gcmTagSize {
		return nil, damaged("%d bytes is too short for an encrypted andOTP backup", len(data))
	}
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	old := sha256.Sum256([]byte(password))
	if plain, err := openGCM(old[:], data[:andOTPNonceSize], data[andOTPNonceSize:], nil); err == nil {
		return plain, nil
	}
	head := 4 + andOTPSaltSize + andOTPNonceSize
	if len(data) < head+gcmTagSize {
		return nil, wrongPassword("the backup does not decrypt with it; if the password is right, the file is damaged")
	}
	rounds := int(int32(binary.BigEndian.Uint32(data)))
	if rounds < minPBKDF2Rounds || rounds > maxPBKDF2Rounds {
		// Not the new layout, and the old one did not open.
		return nil, wrongPassword("the backup does not decrypt with it; if the password is right, the file is damaged")
	}
	if err := checkRounds("andOTP", rounds, MaxAndOTPRounds, "140000 to 160000 PBKDF2 rounds"); err != nil {
		return nil, err
	}
	key, err := pbkdf2Key(sha1.New, []byte(password), data[4:4+andOTPSaltSize], rounds, aesKeySize)
	if err != nil {
		return nil, err
	}
	plain, err := openGCM(key, data[4+andOTPSaltSize:head], data[head:], nil)
	if err != nil {
		return nil, wrongPassword("the backup does not decrypt with it; if the password is right, the file is damaged")
	}
	return plain, nil
}
