package core

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lifelineauth/lifeline/core/otp"
)

// ErrNotOTPAuth says the text is not an otpauth URI at all (another scheme,
// or no scheme), as opposed to an otpauth URI with a bad part. Callers use it
// to try the next format (otpauth-migration, a bare secret).
var ErrNotOTPAuth = errors.New("not an otpauth URI")

// ParseURI reads an otpauth:// URI (Google's Key URI format and the
// extensions of Aegis, FreeOTP and KeePassXC) into an Account with Defaults
// applied and no ID or times. It forgives what people and peer apps write —
// spaces, dashes, lower case and padding in the secret, %3A colons, '+' for
// space, upper-case scheme and type, "sha-256", surrounding whitespace — and
// rejects what is truly wrong, naming the part and its value (never the
// secret). It checks what the URI carries; whether the account is complete
// (a Yandex or mOTP PIN, a name) is Validate's question.
func ParseURI(s string) (Account, error) {
	u, err := splitURI(s, ErrNotOTPAuth, "otpauth", "motp")
	if err != nil {
		return Account{}, err
	}
	if u.scheme == "otpauth" {
		u.typ, u.path, _ = strings.Cut(u.path, "/")
		u.typ = strings.ToLower(unescape(u.typ))
	}
	a, err := u.account()
	if err != nil {
		return Account{}, fmt.Errorf("otpauth URI: %w", err)
	}
	a.Defaults()
	return a, nil
}

// rawURI is a URI cut into its parts.
type rawURI struct {
	scheme string            // one of those splitURI was asked for, lower case
	typ    string            // the host of otpauth://TYPE/, lower case
	path   string            // after "//"; for otpauth the label once typ is cut off
	params map[string]string // percent-decoded, keys lower case; the first of repeated keys wins
}

// splitURI cuts "scheme://path?query" for one of the given schemes, or
// returns notIt. It is hand-written rather than url.Parse because url.Parse
// rejects or misreads what real QR codes hold: a stray '%', an unencoded '#'
// or space in a label, "otpauth:/totp" and Aegis's "motp:/label".
func splitURI(s string, notIt error, schemes ...string) (rawURI, error) {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || !isScheme(scheme) {
		return rawURI{}, fmt.Errorf("%w: no scheme (want %s://)", notIt, schemes[0])
	}
	u := rawURI{scheme: strings.ToLower(scheme), params: map[string]string{}}
	if !slices.Contains(schemes, u.scheme) {
		return rawURI{}, fmt.Errorf("%w: scheme %q (want %s://)", notIt, scheme, schemes[0])
	}
	path, query, _ := strings.Cut(rest, "?")
	// "//" as the format has it, or the single "/" of "otpauth:/totp/" and
	// Aegis's "motp:/label"; a third slash would begin an empty type.
	if u.path, ok = strings.CutPrefix(path, "//"); !ok {
		u.path = strings.TrimPrefix(path, "/")
	}
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		k = strings.ToLower(strings.TrimSpace(unescape(k)))
		if _, seen := u.params[k]; !seen && k != "" {
			u.params[k] = unescape(v)
		}
	}
	return u, nil
}

// isScheme reports whether s is an RFC 3986 scheme, so that only such a
// word is quoted back in an error, never a pasted secret.
func isScheme(s string) bool {
	if s == "" || len(s) > 32 || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func (u rawURI) account() (Account, error) {
	var a Account
	switch {
	case u.scheme == "motp":
		a.Type = MOTP
	case u.typ == "totp", u.typ == "hotp", u.typ == "steam", u.typ == "motp":
		a.Type = Type(u.typ)
	case u.typ == "yaotp", u.typ == "yandex":
		a.Type = Yandex
	default:
		return a, fmt.Errorf("unknown type %q (want totp, hotp, steam, yaotp or motp)", u.typ)
	}
	a.Issuer, a.Name = splitLabel(unescape(u.path), u.params["issuer"])
	if !utf8.ValidString(a.Issuer) || !utf8.ValidString(a.Name) {
		return a, errors.New("label or issuer is not valid UTF-8")
	}
	if a.Type == TOTP && isSteamTOTP(u.params, a.Issuer) {
		a.Type = Steam
	}
	var err error
	if a.Secret, err = u.secret(a.Type); err != nil {
		return a, err
	}
	switch a.Type {
	case TOTP, HOTP:
		if v, ok := u.params["algorithm"]; ok && v != "" {
			if a.Algorithm, err = otp.ParseAlgorithm(v); err != nil {
				return a, err
			}
		}
		if a.Digits, err = intParam(u.params, "digits", MinDigits, MaxDigits); err != nil {
			return a, err
		}
	case Yandex, MOTP:
		if a.PIN, err = parsePIN(u.params["pin"]); err != nil {
			return a, err
		}
	}
	switch a.Type {
	case TOTP, Yandex, MOTP:
		a.Period, err = intParam(u.params, "period", MinPeriod, MaxPeriod)
	case HOTP:
		a.Counter, err = counterParam(u.params["counter"])
	}
	return a, err
}

// splitLabel applies the Key URI rules: the issuer parameter wins over the
// label's prefix; a label without a colon is the name alone. When the
// parameter is set the label prefix "Issuer:" is matched whole first, so an
// issuer holding a colon keeps it.
func splitLabel(label, issuer string) (string, string) {
	issuer = strings.TrimSpace(issuer)
	name := label
	if rest, ok := strings.CutPrefix(label, issuer+":"); issuer != "" && ok {
		name = rest
	} else if prefix, rest, ok := strings.Cut(label, ":"); ok {
		name = rest
		if issuer == "" {
			issuer = prefix
		}
	}
	return strings.TrimSpace(issuer), strings.TrimSpace(name)
}

// isSteamTOTP recognises Steam Guard written as a TOTP URI: KeePassXC's
// encoder=steam, algorithm=steam, or digits=5 for the issuer Steam (digits=5
// is otherwise out of range, so no valid account changes meaning).
func isSteamTOTP(p map[string]string, issuer string) bool {
	return strings.EqualFold(p["encoder"], "steam") || strings.EqualFold(p["algorithm"], "steam") ||
		strings.TrimSpace(p["digits"]) == "5" && strings.EqualFold(issuer, "steam")
}

// secret decodes the secret parameter: Base32 everywhere except Aegis's
// motp:// URIs, which carry hex. otpauth://motp/ takes Base32 (what Aegis
// reads there) and falls back to hex, since mOTP secrets are handed out as hex.
func (u rawURI) secret(t Type) (Secret, error) {
	v := u.params["secret"]
	if u.scheme == "motp" {
		return parseHexSecret(v)
	}
	s, err := ParseSecret(v)
	if err != nil && t == MOTP {
		if h, herr := parseHexSecret(v); herr == nil {
			return h, nil
		}
	}
	return s, err
}

func parseHexSecret(v string) (Secret, error) {
	v = strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(strings.TrimSpace(v))
	if v == "" {
		return nil, errors.New("secret is empty")
	}
	b, err := hex.DecodeString(v)
	if err != nil {
		// hex's own error quotes the bad character; this one names only the part.
		return nil, fmt.Errorf("secret is not hex (%d characters; mOTP secrets are 0–9 and a–f)", len(v))
	}
	return Secret(b), nil
}

// intParam reads a numeric parameter; absent or empty means 0 (Defaults).
func intParam(p map[string]string, key string, lo, hi int) (int, error) {
	v := strings.TrimSpace(p[key])
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s is not a number", paramShown(key, p[key]))
	}
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s %q out of range (%d–%d)", key, v, lo, hi)
	}
	return n, nil
}

// paramShown names a parameter in an error, with its value only when that
// is short or digits: a lost "&" makes the rest of the URI, secret and all,
// part of the value, which must then not be echoed.
func paramShown(key, v string) string {
	if len(v) <= 6 || allDigits(v) {
		return key + " " + strconv.Quote(v)
	}
	return key
}

// counterParam reads the HOTP counter. Google's format calls it required;
// Lifeline defaults to 0 like most peers, since a missing counter is a
// fresh token more often than a broken one.
func counterParam(v string) (uint64, error) {
	t := strings.TrimSpace(v)
	if t == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(t, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s is not a whole number from 0 to %d", paramShown("counter", v), uint64(1<<64-1))
	}
	return n, nil
}

// parsePIN reads the pin parameter of Yandex and mOTP URIs. Aegis writes it
// Base32-encoded; other writers put the digits themselves. PINs of both
// kinds are digits, which makes the two forms unambiguous: the Base32 of
// ASCII digits always starts with a letter.
func parsePIN(v string) (Sensitive, error) {
	v = strings.TrimSpace(v)
	if v == "" || allDigits(v) {
		return Sensitive(v), nil
	}
	if b, err := ParseSecret(v); err == nil && allDigits(string(b)) {
		return Sensitive(b), nil
	}
	return "", errors.New("pin is not a number, nor Base32-encoded digits (Yandex and mOTP PINs are digits)")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// unescape decodes %XX and '+' (a space in query strings, and in labels as
// pyotp and others write them). It is hand-written because url.QueryUnescape
// fails on a stray '%'; here a '%' that starts no escape stays as it is.
func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				c = byte(v)
				i += 2
			}
		} else if c == '+' {
			c = ' '
		}
		b = append(b, c)
	}
	return string(b)
}

// FormatURI writes the canonical URI, which ParseURI reads back unchanged:
//
//	otpauth://totp/Issuer:Name?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
//
// HOTP carries counter instead of period. Steam Guard is written as
// otpauth://totp/...&digits=5&encoder=steam: KeePassXC reads encoder=steam,
// apps that know Steam by its issuer see issuer=Steam (when the account has
// it), and the rest still see a TOTP account instead of rejecting an unknown
// type; Aegis's
// otpauth://steam/ is read but not written, since only Aegis knows it.
// Yandex is written otpauth://yaotp/ and mOTP otpauth://motp/ with a Base32
// secret, as Aegis reads them; their PIN, if set, goes in pin= Base32-encoded
// as Aegis writes it. A caller showing a QR code to someone else's phone
// clears PIN first if it should stay in the user's head.
//
// An entry without a secret (HasSecret) has no URI: FormatURI returns "",
// and callers check NeedSecret first.
func FormatURI(a *Account) string {
	if !a.HasSecret() {
		return ""
	}
	typ := string(a.Type)
	switch a.Type {
	case "", Steam:
		typ = string(TOTP)
	case Yandex:
		typ = "yaotp"
	}
	var b strings.Builder
	b.WriteString("otpauth://" + typ + "/")
	if a.Issuer != "" || strings.Contains(a.Name, ":") {
		// An empty prefix keeps a colon in a name from reading as an issuer.
		b.WriteString(escapeLabel(a.Issuer) + ":")
	}
	b.WriteString(escapeLabel(a.Name))
	b.WriteString("?secret=" + a.Secret.Base32())
	if a.Issuer != "" {
		b.WriteString("&issuer=" + queryEscape(a.Issuer))
	}
	b.WriteString("&algorithm=" + a.Algorithm.String())
	b.WriteString("&digits=" + strconv.Itoa(a.Digits))
	if a.Type == HOTP {
		b.WriteString("&counter=" + strconv.FormatUint(a.Counter, 10))
	} else {
		b.WriteString("&period=" + strconv.Itoa(a.Period))
	}
	switch {
	case a.Type == Steam:
		b.WriteString("&encoder=steam")
	case (a.Type == Yandex || a.Type == MOTP) && a.PIN != "":
		b.WriteString("&pin=" + b32.EncodeToString([]byte(a.PIN)))
	}
	return b.String()
}

// queryEscape writes a space as %20, not '+': iOS's URLComponents and
// others read '+' in a query as a plus.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// escapeLabel escapes one half of the label. url.PathEscape leaves '+' and
// ':' alone; '+' would read back as a space and ':' as the separator in
// other apps, so both are escaped too.
func escapeLabel(s string) string {
	e := url.PathEscape(s)
	return strings.NewReplacer("+", "%2B", ":", "%3A").Replace(e)
}
