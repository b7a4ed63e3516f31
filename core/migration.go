package core

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/lifelineauth/lifeline/core/otp"
	"google.golang.org/protobuf/encoding/protowire"
)

// ErrNotMigration says the text is not an otpauth-migration URI at all.
var ErrNotMigration = errors.New("not an otpauth-migration URI")

// MigrationBatchMax is how many accounts Google Authenticator puts in one
// QR code; FormatMigrationURIs splits larger exports into a batch.
const MigrationBatchMax = 10

// Batch is one otpauth-migration URI: its accounts and its place in a
// multi-QR export (BatchIndex is 0-based, BatchSize the number of QR codes,
// BatchID shared by all codes of one export).
type Batch struct {
	Accounts                                []Account
	Version, BatchSize, BatchIndex, BatchID int
}

// Field numbers and enum values of Google Authenticator's MigrationPayload
// (docs: shared reference, "otpauth-migration"). The message is read and
// written with protowire by hand: two flat messages do not warrant
// generated code and a protoc step.
const (
	fieldParams     protowire.Number = 1
	fieldVersion    protowire.Number = 2
	fieldBatchSize  protowire.Number = 3
	fieldBatchIndex protowire.Number = 4
	fieldBatchID    protowire.Number = 5

	fieldSecret    protowire.Number = 1
	fieldName      protowire.Number = 2
	fieldIssuer    protowire.Number = 3
	fieldAlgorithm protowire.Number = 4
	fieldDigits    protowire.Number = 5
	fieldType      protowire.Number = 6
	fieldCounter   protowire.Number = 7

	migrationHOTP = 1
	migrationTOTP = 2
)

// migrationAlgorithms maps the Algorithm enum (index) to ours; 0 is
// UNSPECIFIED and means SHA1, as in Google Authenticator.
var migrationAlgorithms = [...]otp.Algorithm{otp.SHA1, otp.SHA1, otp.SHA256, otp.SHA512, otp.MD5}

// migrationDigits maps DigitCount (UNSPECIFIED, SIX, EIGHT) to digits.
var migrationDigits = [...]int{6, 6, 8}

// ParseMigrationURI reads one otpauth-migration://offline?data=... URI.
// The data may be percent-encoded or raw, standard or URL-safe base64,
// padded or not, and may have had its '+' turned into spaces by a query
// parser on the way. Unknown protobuf fields are skipped.
func ParseMigrationURI(s string) (Batch, error) {
	u, err := splitURI(s, ErrNotMigration, "otpauth-migration")
	if err != nil {
		return Batch{}, err
	}
	payload, err := decodeMigrationData(u.params["data"])
	var b Batch
	if err == nil {
		b, err = parseMigrationPayload(payload)
	}
	if err != nil {
		return Batch{}, fmt.Errorf("otpauth-migration URI: %w", err)
	}
	return b, nil
}

func decodeMigrationData(v string) ([]byte, error) {
	// splitURI's unescape turned '+' into ' ', as query parsers do; a space
	// is never base64, so every space here was a '+' once. The URL alphabet
	// is folded into the standard one.
	v = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-':
			return '+'
		case '_':
			return '/'
		case '=', '\n', '\r', '\t':
			return -1
		}
		return r
	}, v)
	if v == "" {
		return nil, errors.New("data parameter is missing or empty")
	}
	b, err := base64.RawStdEncoding.DecodeString(v)
	if err != nil {
		// The base64 error names only a position, never the data.
		return nil, fmt.Errorf("data is not base64: %w", err)
	}
	return b, nil
}

func parseMigrationPayload(b []byte) (Batch, error) {
	var batch Batch
	err := eachField(b, func(num protowire.Number, wt protowire.Type, v uint64, bs []byte) error {
		// The int32 fields arrive sign-extended to 64 bits when negative.
		switch {
		case num == fieldParams && wt == protowire.BytesType:
			a, err := parseMigrationParams(bs)
			if err != nil {
				return fmt.Errorf("account %d: %w", len(batch.Accounts)+1, err)
			}
			batch.Accounts = append(batch.Accounts, a)
		case wt != protowire.VarintType: // unknown, skipped
		case num == fieldVersion:
			batch.Version = int(int32(v))
		case num == fieldBatchSize:
			batch.BatchSize = int(int32(v))
		case num == fieldBatchIndex:
			batch.BatchIndex = int(int32(v))
		case num == fieldBatchID:
			batch.BatchID = int(int32(v))
		}
		return nil
	})
	if err != nil {
		return batch, err
	}
	if len(batch.Accounts) == 0 {
		return batch, errors.New("payload holds no accounts")
	}
	return batch, nil
}

// eachField walks one protobuf message and hands f every varint (v) and
// length-delimited (bs) field; fields of other wire types are skipped.
func eachField(b []byte, f func(num protowire.Number, wt protowire.Type, v uint64, bs []byte) error) error {
	for len(b) > 0 {
		num, wt, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("data is not a migration payload: %w", protowire.ParseError(n))
		}
		b = b[n:]
		var v uint64
		var bs []byte
		switch wt {
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			bs, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, wt, b)
		}
		if n < 0 {
			return fmt.Errorf("data is not a migration payload: field %d: %w", num, protowire.ParseError(n))
		}
		b = b[n:]
		if wt == protowire.VarintType || wt == protowire.BytesType {
			if err := f(num, wt, v, bs); err != nil {
				return err
			}
		}
	}
	return nil
}

func parseMigrationParams(b []byte) (Account, error) {
	var a Account
	var name string
	var alg, digits, typ, counter uint64
	err := eachField(b, func(num protowire.Number, wt protowire.Type, v uint64, bs []byte) error {
		switch {
		case wt == protowire.BytesType && num == fieldSecret:
			a.Secret = Secret(bytes.Clone(bs))
		case wt == protowire.BytesType && num == fieldName:
			name = string(bs)
		case wt == protowire.BytesType && num == fieldIssuer:
			a.Issuer = string(bs)
		case wt != protowire.VarintType: // unknown, skipped
		case num == fieldAlgorithm:
			alg = v
		case num == fieldDigits:
			digits = v
		case num == fieldType:
			typ = v
		case num == fieldCounter:
			counter = v
		}
		return nil
	})
	if err != nil {
		return a, err
	}
	if len(a.Secret) == 0 {
		return a, errors.New("secret is empty")
	}
	if !utf8.ValidString(name) || !utf8.ValidString(a.Issuer) {
		return a, errors.New("name or issuer is not valid UTF-8")
	}
	a.Issuer, a.Name = splitMigrationName(name, a.Issuer)
	if alg >= uint64(len(migrationAlgorithms)) {
		return a, fmt.Errorf("unknown algorithm %d (want 0–%d)", alg, len(migrationAlgorithms)-1)
	}
	a.Algorithm = migrationAlgorithms[alg]
	if digits >= uint64(len(migrationDigits)) {
		return a, fmt.Errorf("unknown digit count %d (want 0–%d)", digits, len(migrationDigits)-1)
	}
	a.Digits = migrationDigits[digits]
	switch typ {
	case 0, migrationTOTP:
		a.Type = TOTP
	case migrationHOTP:
		a.Type = HOTP
		if int64(counter) < 0 {
			return a, fmt.Errorf("counter %d is negative", int64(counter))
		}
		a.Counter = counter
	default:
		return a, fmt.Errorf("unknown type %d (want 1 for HOTP or 2 for TOTP)", typ)
	}
	a.Defaults()
	return a, nil
}

// splitMigrationName undoes the "Issuer:" prefix Google Authenticator often
// keeps in name: stripped when it repeats the issuer, taken as the issuer
// when the issuer field is empty.
func splitMigrationName(name, issuer string) (string, string) {
	issuer = strings.TrimSpace(issuer)
	if issuer != "" {
		name = strings.TrimPrefix(name, issuer+":")
	} else if prefix, rest, ok := strings.Cut(name, ":"); ok {
		issuer, name = prefix, rest
	}
	return strings.TrimSpace(issuer), strings.TrimSpace(name)
}

// migrationName is splitMigrationName's inverse: it adds a prefix only
// where a colon in the name would otherwise be read as one.
func migrationName(a *Account) string {
	switch {
	case a.Issuer == "" && strings.Contains(a.Name, ":"):
		return ":" + a.Name
	case a.Issuer != "" && strings.HasPrefix(a.Name, a.Issuer+":"):
		return a.Issuer + ":" + a.Name
	}
	return a.Name
}

// FormatMigrationURIs writes accounts as Google Authenticator export URIs,
// at most MigrationBatchMax accounts each, all with the given batch id.
// Accounts the format cannot carry — Steam, Yandex, mOTP, a TOTP period
// other than 30, digits other than 6 or 8, SHA224 or SHA384 — are returned
// in skipped rather than silently changed.
func FormatMigrationURIs(accounts []Account, batchID int) (uris []string, skipped []Account, err error) {
	if batchID < math.MinInt32 || batchID > math.MaxInt32 {
		return nil, nil, fmt.Errorf("batch id %d does not fit in 32 bits", batchID)
	}
	var carried []*Account
	for i := range accounts {
		if migratable(&accounts[i]) {
			carried = append(carried, &accounts[i])
		} else {
			skipped = append(skipped, accounts[i])
		}
	}
	size := (len(carried) + MigrationBatchMax - 1) / MigrationBatchMax
	for i := range size {
		var b []byte
		for _, a := range carried[i*MigrationBatchMax : min((i+1)*MigrationBatchMax, len(carried))] {
			b = appendBytesField(b, fieldParams, appendMigrationParams(nil, a))
		}
		b = appendVarintField(b, fieldVersion, 1)
		b = appendVarintField(b, fieldBatchSize, uint64(size))
		b = appendVarintField(b, fieldBatchIndex, uint64(i))
		b = appendVarintField(b, fieldBatchID, uint64(int64(batchID)))
		uris = append(uris, "otpauth-migration://offline?data="+url.QueryEscape(base64.StdEncoding.EncodeToString(b)))
	}
	return uris, skipped, nil
}

func migratable(a *Account) bool {
	switch {
	case len(a.Secret) == 0, a.Digits != 6 && a.Digits != 8, migrationAlgorithm(a.Algorithm) == 0,
		!utf8.ValidString(a.Name), !utf8.ValidString(a.Issuer):
		return false
	case a.Type == TOTP:
		return a.Period == 30
	case a.Type == HOTP:
		return a.Counter <= math.MaxInt64
	}
	return false
}

// migrationAlgorithm is the enum value for alg, or 0 if the format has none.
func migrationAlgorithm(alg otp.Algorithm) uint64 {
	for i := 1; i < len(migrationAlgorithms); i++ {
		if migrationAlgorithms[i] == alg {
			return uint64(i)
		}
	}
	return 0
}

func appendMigrationParams(b []byte, a *Account) []byte {
	b = appendBytesField(b, fieldSecret, a.Secret)
	b = appendBytesField(b, fieldName, []byte(migrationName(a)))
	b = appendBytesField(b, fieldIssuer, []byte(a.Issuer))
	b = appendVarintField(b, fieldAlgorithm, migrationAlgorithm(a.Algorithm))
	digits := uint64(1)
	if a.Digits == 8 {
		digits = 2
	}
	b = appendVarintField(b, fieldDigits, digits)
	if a.Type == HOTP {
		b = appendVarintField(b, fieldType, migrationHOTP)
		return appendVarintField(b, fieldCounter, a.Counter)
	}
	return appendVarintField(b, fieldType, migrationTOTP)
}

// appendVarintField and appendBytesField leave out zero values and empty
// strings, as proto3 encoders do.
func appendVarintField(b []byte, num protowire.Number, v uint64) []byte {
	if v == 0 {
		return b
	}
	return protowire.AppendVarint(protowire.AppendTag(b, num, protowire.VarintType), v)
}

func appendBytesField(b []byte, num protowire.Number, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	return protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
}
