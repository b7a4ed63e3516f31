package apps

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/lifelineauth/lifeline/core"
)

// The parameters Aegis itself writes for a password slot.
const (
	aegisScryptN    = 1 << 15
	aegisScryptR    = 8
	aegisScryptP    = 1
	aegisSaltSize   = 32
	aegisFileFormat = 1 // the outer "version"
)

// ExportAegis writes accounts as an Aegis vault file that Aegis on a phone
// imports (Import & Export → Import from Aegis). With a password the vault
// is encrypted as Aegis does it: a random master key wrapped in one password
// slot (scrypt N=32768 r=8 p=1, AES-256-GCM) and the db sealed with the
// master key (AES-256-GCM, base64, nonce and tag in hex in the header).
// With password "" the db is plain JSON — anyone who reads the file has
// every secret. Groups become Aegis groups; notes and favourites carry over.
// Entries that keep only recovery codes are left out.
func ExportAegis(accounts []core.Account, password string) ([]byte, error) {
	db := aegisDBFor(accounts)
	f := aegisFile{Version: aegisFileFormat}
	if password == "" {
		raw, err := marshal(db, "")
		if err != nil {
			return nil, err
		}
		f.DB = raw
	} else {
		plain, err := marshal(db, "")
		if err != nil {
			return nil, err
		}
		if f.Header, f.DB, err = aegisSeal(plain, password); err != nil {
			return nil, err
		}
	}
	return marshal(f, "    ")
}

// aegisDBFor builds the db content, version 3 as Aegis 3.x writes it.
func aegisDBFor(accounts []core.Account) aegisDB {
	db := aegisDB{Version: aegisMaxDBVersion, Entries: []aegisEntry{}, Groups: []aegisGroup{}, IconsOptimized: true}
	groupIDs := map[string]string{}
	accounts, _ = core.SplitCodesOnly(accounts) // no secret, nothing for Aegis to make codes with
	for i := range accounts {
		a := &accounts[i]
		e := aegisEntry{
			Type: aegisType(a.Type), UUID: newUUID(), Name: a.Name, Issuer: a.Issuer,
			Note: a.Note, Favorite: a.Favorite, Groups: []string{},
			Info: aegisInfo{Secret: a.Secret.Base32(), Algo: a.Algorithm.String(), Digits: a.Digits},
		}
		switch a.Type {
		case core.HOTP:
			c := a.Counter
			e.Info.Counter = &c
		default:
			e.Info.Period = a.Period
		}
		if a.Type == core.Yandex || a.Type == core.MOTP {
			pin := string(a.PIN)
			e.Info.PIN = &pin
		}
		for _, g := range a.Groups {
			id, ok := groupIDs[g]
			if !ok {
				id = newUUID()
				groupIDs[g] = id
				db.Groups = append(db.Groups, aegisGroup{UUID: id, Name: g})
			}
			e.Groups = append(e.Groups, id)
		}
		db.Entries = append(db.Entries, e)
	}
	return db
}

// aegisSeal encrypts the db and returns the header and the base64 db.
func aegisSeal(plain []byte, password string) (aegisHeader, json.RawMessage, error) {
	master := randomBytes(aesKeySize)
	salt := randomBytes(aegisSaltSize)
	kek, err := scryptKey(password, salt, aegisScryptN, aegisScryptR, aegisScryptP)
	if err != nil {
		return aegisHeader{}, nil, err
	}
	wrapped, keyParams, err := sealGCM(kek, master)
	if err != nil {
		return aegisHeader{}, nil, err
	}
	ct, params, err := sealGCM(master, plain)
	if err != nil {
		return aegisHeader{}, nil, err
	}
	slot := aegisSlot{
		Type: aegisSlotPassword, UUID: newUUID(), Key: wrapped, KeyParams: keyParams,
		N: aegisScryptN, R: aegisScryptR, P: aegisScryptP, Salt: salt, Repaired: true,
	}
	db, err := json.Marshal(base64.StdEncoding.EncodeToString(ct))
	if err != nil {
		return aegisHeader{}, nil, err
	}
	return aegisHeader{Slots: []aegisSlot{slot}, Params: &params}, db, nil
}

// sealGCM encrypts with a fresh 12-byte nonce and returns the ciphertext
// and, apart, the nonce and tag, as Aegis stores them.
func sealGCM(key, plain []byte) ([]byte, aegisParams, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, aegisParams{}, fmt.Errorf("aes key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, aegisParams{}, err
	}
	nonce := randomBytes(standardGCMNonce)
	sealed := aead.Seal(nil, nonce, plain, nil)
	n := len(sealed) - gcmTagSize
	return sealed[:n], aegisParams{Nonce: nonce, Tag: sealed[n:]}, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("importers: crypto/rand failed: " + err.Error())
	}
	return b
}

// newUUID returns a random (version 4) UUID, as Aegis gives entries.
func newUUID() string {
	b := randomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// marshal writes JSON without HTML escaping, indented when indent is set.
func marshal(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
