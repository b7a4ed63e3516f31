package apps

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// splitLines cuts text into trimmed lines, dropping a UTF-8 byte-order mark.
func splitLines(data []byte) []string {
	lines := strings.Split(string(bytes.TrimPrefix(data, utf8BOM)), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return lines
}

// queryParam returns one query parameter of a URI, percent-decoded (the raw
// value when it does not decode), or "".
func queryParam(uri, key string) string {
	_, query, ok := strings.Cut(uri, "?")
	if !ok {
		return ""
	}
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if strings.EqualFold(k, key) {
			if d, err := url.QueryUnescape(v); err == nil {
				return d
			}
			return v
		}
	}
	return ""
}

// decodeBase64 accepts standard and URL alphabets, padded or not, with
// line breaks, as apps and their Java or .NET libraries write them.
func decodeBase64(s string) ([]byte, error) {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	if strings.ContainsAny(s, "-_") {
		return base64.RawURLEncoding.DecodeString(s)
	}
	return base64.RawStdEncoding.DecodeString(s)
}

// signedBytes is a byte array as Java's JSON writes byte[]: numbers from
// -128 to 127 (FreeOTP's secrets and ciphertexts).
type signedBytes []byte

func (s *signedBytes) UnmarshalJSON(b []byte) error {
	var v []int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	out := make([]byte, len(v))
	for i, n := range v {
		if n < -128 || n > 255 {
			return fmt.Errorf("byte %d at index %d out of range", n, i)
		}
		out[i] = byte(n)
	}
	*s = out
	return nil
}

// flexInt is a number that some apps write as a JSON string ("6").
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(bytes.Trim(b, `"`), &n); err != nil {
		if string(b) == `""` || string(b) == "null" {
			*f = 0
			return nil
		}
		return fmt.Errorf("not a number")
	}
	v, err := n.Int64()
	if err != nil || v < -1<<31 || v > 1<<31-1 {
		return fmt.Errorf("%s is not a whole number in range", n)
	}
	*f = flexInt(v)
	return nil
}

// parseAlgorithm reads an algorithm name, "" meaning the SHA1 default.
func parseAlgorithm(s string) (otp.Algorithm, error) {
	if strings.TrimSpace(s) == "" {
		return otp.SHA1, nil
	}
	return otp.ParseAlgorithm(s)
}

// typeByName reads "TOTP", "hotp", "Steam"...; ok is false for a type
// Lifeline does not know, which the reader lists as skipped.
func typeByName(s string) (core.Type, bool) {
	t, err := core.ParseType(s)
	return t, err == nil
}

// groupNames drops empty and repeated names, keeping the first order.
func groupNames(names ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
