package apps

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/lifelineauth/lifeline/core"
)

// Detect names the format of a file from its content: magic bytes, the keys
// of a JSON or Android-preferences file, the tables of an SQLite database,
// the entries of a ZIP. The file name's extension only breaks a tie between
// formats whose content looks alike (an old andOTP backup is random bytes).
// A file that matches no format gets ErrUnknownFormat with a description of
// what it looks like; one that is recognised but damaged, ErrDamaged.
// WinAuth is never detected: its export is any otpauth list.
func Detect(name string, data []byte) (Format, error) {
	n, err := detect(strings.ToLower(filepath.Ext(name)), bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return Format{}, err
	}
	return FormatByName(n)
}

func unknown(format string, args ...any) error {
	return &Error{Kind: ErrUnknownFormat, Err: fmt.Errorf("it looks like "+format, args...)}
}

func detect(ext string, data []byte) (string, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", unknown("an empty file")
	case bytes.HasPrefix(data, sqliteMagic):
		return detectSQLite(data)
	case bytes.HasPrefix(data, javaMagic):
		return "freeotp", nil
	case bytes.HasPrefix(data, stratumHeader), bytes.HasPrefix(data, stratumHeaderLegacy):
		return "stratum", nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		names, _, err := zipEntryNames(data)
		if err != nil {
			return "", cutShort("", "a ZIP archive that breaks off or is damaged (%v)", err)
		}
		for _, n := range names {
			if strings.EqualFold(filepath.Base(n), authPlusEntry) {
				return "authenticator-plus", nil
			}
		}
		return "", unknown("a ZIP archive holding %s", listSome(names))
	}
	text := bytes.TrimSpace(data)
	switch {
	case text[0] == '{' || text[0] == '[':
		return detectJSON(text)
	case text[0] == '<':
		return detectXML(text)
	case utf8.Valid(text) && !bytes.ContainsRune(text, 0):
		return detectText(text)
	}
	// Random-looking bytes: andOTP's encrypted backups have no signature.
	// The new layout starts with its PBKDF2 round count; the old one is
	// indistinguishable from noise, so only its extension tells.
	if len(data) >= 4+andOTPSaltSize+andOTPNonceSize+gcmTagSize {
		if n := int32(binary.BigEndian.Uint32(data)); n >= minPBKDF2Rounds && n <= maxPBKDF2Rounds {
			return "andotp", nil
		}
	}
	if (ext == ".bin" || ext == ".aes") && len(data) >= andOTPNonceSize+gcmTagSize {
		return "andotp", nil
	}
	return "", unknown("%d bytes of binary data with no signature this importer knows (an encrypted backup? choose its format by name)", len(data))
}

func detectText(text []byte) (string, error) {
	lines := splitLines(text)
	uris, ente := 0, false
	for _, l := range lines {
		if core.IsSetupLink(l) {
			uris++
			ente = ente || strings.Contains(l, "codeDisplay=")
		}
	}
	switch {
	case ente:
		return "ente", nil
	case uris > 0:
		return "otpauth", nil
	case strings.Contains(lines[0], "login_totp"):
		return "bitwarden", nil
	}
	// TOTP Authenticator's backup is base64 of AES blocks and nothing else.
	if b, err := base64.StdEncoding.DecodeString(string(bytes.Join(bytes.Fields(text), nil))); err == nil && len(b) > 0 && len(b)%16 == 0 {
		return "totp-authenticator", nil
	}
	return "", unknown("a text file of %d %s, none of them an otpauth:// URI", len(lines), plural(len(lines), "line", "lines"))
}

func detectSQLite(data []byte) (string, error) {
	db, err := openSQLite(data)
	if err != nil {
		return "", err
	}
	defer db.Close()
	tables, err := db.tables()
	if err != nil {
		return "", err
	}
	if hasTable(tables, "authenticator") {
		return "stratum", nil
	}
	if hasTable(tables, "accounts") {
		cols, err := db.columns("accounts")
		if err != nil {
			return "", err
		}
		switch {
		case cols["oath_secret_key"]:
			return "microsoft-authenticator", nil
		case cols["email"] && cols["secret"]:
			return "google-authenticator", nil
		}
	}
	return "", unknown("an SQLite database with the tables %s", listSome(tables))
}

// listSome names up to eight items of at most 40 characters, for a
// message: names of keys and tables, never values.
func listSome(items []string) string {
	if len(items) == 0 {
		return "(none)"
	}
	const most, width = 8, 40
	var out []string
	for _, it := range items[:min(len(items), most)] {
		// A long "key" may be data (TOTP Authenticator keys its list by
		// the list itself): name its length, never its content.
		if n := len([]rune(it)); n > width {
			out = append(out, fmt.Sprintf("(a key of %d characters)", n))
			continue
		}
		out = append(out, fmt.Sprintf("%q", it))
	}
	s := strings.Join(out, ", ")
	if len(items) > most {
		s += fmt.Sprintf(" and %d more", len(items)-most)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
