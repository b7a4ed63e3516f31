package apps

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// The Aegis vault file (docs: Aegis's docs/vault.md). The same types write
// it in export_aegis.go, so import and export agree field by field.
type aegisFile struct {
	Version int             `json:"version"`
	Header  aegisHeader     `json:"header"`
	DB      json.RawMessage `json:"db"`
}

type aegisHeader struct {
	Slots  []aegisSlot  `json:"slots"`
	Params *aegisParams `json:"params"`
}

type aegisParams struct {
	Nonce hexBytes `json:"nonce"`
	Tag   hexBytes `json:"tag"`
}

// aegisSlot is a key slot; type 1 (password) carries the scrypt fields.
type aegisSlot struct {
	Type      int         `json:"type"`
	UUID      string      `json:"uuid"`
	Key       hexBytes    `json:"key"`
	KeyParams aegisParams `json:"key_params"`
	N         int         `json:"n,omitempty"`
	R         int         `json:"r,omitempty"`
	P         int         `json:"p,omitempty"`
	Salt      hexBytes    `json:"salt,omitempty"`
	Repaired  bool        `json:"repaired"`
	IsBackup  bool        `json:"is_backup,omitempty"`
}

type aegisDB struct {
	Version        int          `json:"version"`
	Entries        []aegisEntry `json:"entries"`
	Groups         []aegisGroup `json:"groups"`
	IconsOptimized bool         `json:"icons_optimized"`
}

type aegisGroup struct {
	UUID string `json:"uuid"`
	Name string `json:"name"`
}

type aegisEntry struct {
	Type     string    `json:"type"`
	UUID     string    `json:"uuid"`
	Name     string    `json:"name"`
	Issuer   string    `json:"issuer"`
	Note     string    `json:"note"`
	Favorite bool      `json:"favorite"`
	Icon     *string   `json:"icon"`
	Info     aegisInfo `json:"info"`
	Group    *string   `json:"group,omitempty"` // db version 2: one group by name
	Groups   []string  `json:"groups"`          // db version 3: group UUIDs
}

type aegisInfo struct {
	Secret  string  `json:"secret"`
	Algo    string  `json:"algo"`
	Digits  int     `json:"digits"`
	Period  int     `json:"period,omitempty"`
	Counter *uint64 `json:"counter,omitempty"`
	PIN     *string `json:"pin,omitempty"`
}

const (
	aegisSlotPassword = 1
	aegisMaxDBVersion = 3
)

// hexBytes is a byte string written as hex in JSON.
type hexBytes []byte

func (h hexBytes) MarshalJSON() ([]byte, error) { return json.Marshal(hex.EncodeToString(h)) }

func (h *hexBytes) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("not hex (%d characters)", len(s))
	}
	*h = v
	return nil
}

func readAegis(data []byte, pw *passwordSource, out *results) error {
	// A plain vault decodes in one pass, db and all (what matters for a big
	// vault); in an encrypted one db is a string, which the first pass
	// refuses, and the file is decoded again with db left raw.
	var p struct {
		Version int         `json:"version"`
		Header  aegisHeader `json:"header"`
		DB      aegisDB     `json:"db"`
	}
	perr := json.Unmarshal(data, &p)
	db := p.DB
	if p.Header.Slots != nil || p.Header.Params != nil {
		var f aegisFile
		if err := json.Unmarshal(data, &f); err != nil {
			return damaged("not an Aegis vault: %v", err)
		}
		if f.Version > 1 {
			return unsupported("vault file version %d (this importer reads version 1; update Lifeline)", f.Version)
		}
		plain, err := aegisDecrypt(&f, pw)
		if err != nil {
			return err
		}
		db = aegisDB{}
		if err := json.Unmarshal(plain, &db); err != nil {
			return damaged("db: %v", err)
		}
	} else if perr != nil {
		return damaged("not an Aegis vault: %v", perr)
	} else if p.Version > 1 {
		return unsupported("vault file version %d (this importer reads version 1; update Lifeline)", p.Version)
	}
	if db.Version > aegisMaxDBVersion {
		return unsupported("vault db version %d (this importer reads up to %d)", db.Version, aegisMaxDBVersion)
	}
	groups := map[string]string{}
	for _, g := range db.Groups {
		groups[g.UUID] = g.Name
	}
	for i, e := range db.Entries {
		a, err := e.account(groups)
		if err != nil {
			return damaged("entry %d (%s): %v", i+1, label(&a, i), err)
		}
		if a.Type == "" {
			out.skip(label(&a, i), fmt.Sprintf("type %q is not one Lifeline knows", e.Type))
			continue
		}
		out.add(a)
	}
	return nil
}

func (e *aegisEntry) account(groups map[string]string) (core.Account, error) {
	a := core.Account{Issuer: e.Issuer, Name: e.Name, Note: e.Note, Favorite: e.Favorite}
	switch {
	case e.Groups != nil:
		for _, id := range e.Groups {
			// Aegis drops a group UUID the vault does not list; so do we.
			if name, ok := groups[id]; ok {
				a.Groups = append(a.Groups, name)
			}
		}
	case e.Group != nil && *e.Group != "":
		a.Groups = []string{*e.Group}
	}
	t, err := core.ParseType(e.Type)
	if err != nil {
		return a, nil // reported as skipped by the caller (a.Type stays "")
	}
	if a.Secret, err = core.ParseSecret(e.Info.Secret); err != nil {
		return a, err
	}
	if e.Info.Algo != "" {
		if a.Algorithm, err = otp.ParseAlgorithm(e.Info.Algo); err != nil {
			return a, err
		}
	}
	a.Type, a.Digits, a.Period = t, e.Info.Digits, e.Info.Period
	if e.Info.Counter != nil {
		a.Counter = *e.Info.Counter
	}
	if e.Info.PIN != nil {
		a.PIN = core.Sensitive(*e.Info.PIN)
	}
	return a, nil
}

// aegisDecrypt opens the master key with the first password slot the
// password fits, then the db with the master key.
func aegisDecrypt(f *aegisFile, pw *passwordSource) ([]byte, error) {
	var db string
	if err := json.Unmarshal(f.DB, &db); err != nil {
		return nil, damaged("db of an encrypted vault is not a base64 string")
	}
	ct, err := base64.StdEncoding.DecodeString(db)
	if err != nil {
		return nil, damaged("db is not base64: %v", err)
	}
	if f.Header.Params == nil || len(f.Header.Params.Tag) != gcmTagSize {
		return nil, damaged("header params are missing or the tag is not %d bytes", gcmTagSize)
	}
	var slots []aegisSlot
	for _, s := range f.Header.Slots {
		if s.Type == aegisSlotPassword {
			slots = append(slots, s)
		}
	}
	if len(slots) == 0 {
		return nil, unsupported("the vault has no password slot (only biometric or raw keys); set a password in Aegis and export again")
	}
	if err := checkAegisSlots(slots); err != nil {
		return nil, err
	}
	password, err := pw.get()
	if err != nil {
		return nil, err
	}
	var master []byte
	for _, s := range slots {
		if master, err = s.open(password); err != nil {
			return nil, err
		}
		if master != nil {
			break
		}
	}
	if master == nil {
		return nil, wrongPassword("no password slot opens with it")
	}
	plain, err := openGCM(master, f.Header.Params.Nonce, append(ct, f.Header.Params.Tag...), nil)
	if err != nil {
		return nil, damaged("db does not decrypt with the vault's master key: %v", err)
	}
	return plain, nil
}

// open returns the master key, or nil if the password does not fit.
func (s *aegisSlot) open(password string) ([]byte, error) {
	if len(s.KeyParams.Tag) != gcmTagSize {
		return nil, damaged("slot %s: key tag is not %d bytes", s.UUID, gcmTagSize)
	}
	tries := [][]byte{[]byte(password)}
	// Aegis before 0.4 fed scrypt a Java buffer with zeros after the
	// password (its issue #95; "repaired" marks slots rewritten since).
	// Zeros change the key only past 64 bytes, HMAC-SHA256's block size.
	if old := javaLegacyBytes(password); !s.Repaired && len(old) > 64 && len(old) != len(password) {
		tries = append(tries, old)
	}
	for _, p := range tries {
		key, err := scryptKey(string(p), s.Salt, s.N, s.R, s.P)
		if err != nil {
			return nil, err
		}
		if master, err := openGCM(key, s.KeyParams.Nonce, append(s.Key[:len(s.Key):len(s.Key)], s.KeyParams.Tag...), nil); err == nil {
			return master, nil
		}
	}
	return nil, nil
}

// javaLegacyBytes is what StandardCharsets.UTF_8.encode(CharBuffer).array()
// returned for a password: the UTF-8 bytes, then zeros up to the buffer size
// Java's CharsetEncoder grew to (1.1 bytes per UTF-16 unit, then 2n+1).
func javaLegacyBytes(password string) []byte {
	units := len(utf16.Encode([]rune(password)))
	n := int(float32(units) * float32(1.1))
	size := len(password)
	if !utf8.ValidString(password) {
		return []byte(password)
	}
	for n < size {
		n = 2*n + 1
	}
	return append([]byte(password), make([]byte, n-size)...)
}

// aegisType is the Aegis name of an account type.
func aegisType(t core.Type) string { return strings.ToLower(string(t)) }
