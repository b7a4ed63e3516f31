package apps

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// TestWrongPassword: every encrypted fixture refuses a wrong password with
// ErrWrongPassword naming its format, and imports nothing.
func TestWrongPassword(t *testing.T) {
	files := loadExpected(t)
	n := 0
	for _, name := range fixtureNames(files) {
		want := files[name]
		if !want.Encrypted {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name, want)
			f, err := Detect(name, data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(f, data, func() (string, error) { return "not the password", nil })
			var e *Error
			if !errors.Is(err, ErrWrongPassword) || !errors.As(err, &e) || e.Format != f.Title {
				t.Fatalf("err = %v, want ErrWrongPassword from %s", err, f.Title)
			}
			if !strings.HasPrefix(err.Error(), f.Title+": wrong password") {
				t.Errorf("message %q does not start with the format and the cause", err)
			}
			if res.Accounts != nil || res.Skipped != nil {
				t.Errorf("result %d accounts, %d skipped, want nothing", len(res.Accounts), len(res.Skipped))
			}
		})
	}
	if n == 0 {
		t.Error("expected.json marks no fixture as encrypted")
	}
}

// TestPasswordNeededAndCancel: an encrypted file without a password callback
// fails with ErrPasswordNeeded; the callback's own error comes back as is.
func TestPasswordNeededAndCancel(t *testing.T) {
	files := loadExpected(t)
	errCancel := errors.New("canceled by the person")
	for _, name := range fixtureNames(files) {
		want := files[name]
		if !want.Encrypted {
			continue
		}
		t.Run(name, func(t *testing.T) {
			data := readFixture(t, name, want)
			f, _ := Detect(name, data)
			if res, err := Import(f, data, nil); !errors.Is(err, ErrPasswordNeeded) || res.Accounts != nil {
				t.Errorf("no password: err = %v, %d accounts; want ErrPasswordNeeded", err, len(res.Accounts))
			}
			_, err := Import(f, data, func() (string, error) { return "", errCancel })
			if !errors.Is(err, errCancel) || errors.Is(err, ErrWrongPassword) {
				t.Errorf("canceled: err = %v, want the callback's error", err)
			}
		})
	}
}

// TestTruncated cuts every fixture short: the import fails with a typed
// *Error or, for text lists (which have no length or checksum to tell a cut
// from a shorter list), reads only whole, valid accounts. Never a panic,
// never part of a file that could tell it was cut.
func TestTruncated(t *testing.T) {
	files := loadExpected(t)
	textList := map[string]bool{"otpauth": true, "ente": true, "winauth": true}
	for _, name := range fixtureNames(files) {
		want := files[name]
		data := readFixture(t, name, want)
		format, _ := Detect(name, data)
		for _, cut := range []int{len(data) / 2, len(data) * 9 / 10, len(data) - 3, 20} {
			t.Run(fmt.Sprintf("%s/%d", name, cut), func(t *testing.T) {
				part := data[:cut]
				f, err := Detect(name, part)
				if err == nil {
					var res Result
					res, err = Import(f, part, want.passwordFunc())
					if err == nil && !textList[format.Name] && !(format.Name == "bitwarden" && strings.HasSuffix(name, ".csv")) {
						if got := gotLines(res.Accounts); !equalLines(got, wantLines(want.Entries, want.Groups)) {
							t.Fatalf("cut to %d of %d bytes: imported %d accounts and no error", cut, len(data), len(got))
						}
					}
				}
				var e *Error
				if err != nil && !errors.As(err, &e) {
					t.Fatalf("cut to %d bytes: untyped error %v", cut, err)
				}
			})
		}
	}
}

func equalLines(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

// zipOf makes a ZIP holding one file, unencrypted.
func zipOf(t *testing.T, name, content string) string {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	fw, err := w.Create(name)
	if err == nil {
		_, err = fw.Write([]byte(content))
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestDamagedWithRightPassword: where a format can tell (a key slot or a
// reference value opens), a changed ciphertext is ErrDamaged, not a wrong
// password.
func TestDamagedWithRightPassword(t *testing.T) {
	files := loadExpected(t)
	flip := func(field string) func([]byte) []byte {
		return func(data []byte) []byte {
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			s := m[field].(string)
			m[field] = "A" + s[1:]
			if s[0] == 'A' {
				m[field] = "B" + s[1:]
			}
			out, _ := json.Marshal(m)
			return out
		}
	}
	for _, tt := range []struct {
		file   string
		damage func([]byte) []byte
	}{
		{"aegis_encrypted.json", flip("db")},
		{"2fas_authenticator_encrypted_v4.2fas", flip("servicesEncrypted")},
	} {
		t.Run(tt.file, func(t *testing.T) {
			want := files[tt.file]
			data := tt.damage(readFixture(t, tt.file, want))
			f, err := Detect(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if res, err := Import(f, data, want.passwordFunc()); !errors.Is(err, ErrDamaged) || res.Accounts != nil {
				t.Errorf("err = %v, want ErrDamaged and nothing imported", err)
			}
		})
	}
}

// TestDetectUnknown: what matches no format is described, not guessed.
func TestDetectUnknown(t *testing.T) {
	tests := []struct {
		name, data, says string
	}{
		{"x.json", `{"colour": "blue", "size": 3}`, `a JSON object with the keys "colour", "size"`},
		{"x.json", `[1, 2]`, "a JSON list of values that are not objects"},
		{"x.txt", "hello\nworld\n", "a text file of 2 lines, none of them an otpauth:// URI"},
		{"x.xml", `<map><string name="k">v</string></map>`, `Android preferences with the entries "k"`},
		{"x.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"},
		{"x.zip", zipOf(t, "notes.txt", "hi"), `a ZIP archive holding "notes.txt"`},
		{"x.txt", "", "an empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.says, func(t *testing.T) {
			_, err := Detect(tt.name, []byte(tt.data))
			if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Detect = %v, want ErrUnknownFormat saying %q", err, tt.says)
			}
		})
	}
}

// TestUnsupported covers the files Lifeline recognises but cannot read.
func TestUnsupported(t *testing.T) {
	gaV6 := sqliteFile(t,
		"CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT, secret TEXT, counter INTEGER, type INTEGER, issuer TEXT, isencrypted INTEGER)",
		"INSERT INTO accounts VALUES (1, 'a@example.com', 'AQIDBA==', 0, 0, 'Example', 1)")
	tests := []struct {
		name, data, says string
	}{
		{"databases", gaV6, "Google Authenticator 6 or later"},
		{"x.2fas", `{"schemaVersion": 5, "services": []}`, "schema version 5"},
		{"x.json", `{"encrypted": true, "items": []}`, "encrypted Bitwarden export"},
		{"x.json", `{"version": 1, "kdfParams": {}, "encryptedData": "", "encryptionNonce": ""}`, "Ente's encrypted export"},
		{"x.json", `{"version": 1, "header": {"slots": [{"type": 2, "key": "00", "key_params": {"nonce": "00", "tag": "00"}}], "params": {"nonce": "00", "tag": "00000000000000000000000000000000"}}, "db": "AAAA"}`, "no password slot"},
	}
	for _, tt := range tests {
		t.Run(tt.says, func(t *testing.T) {
			f, err := Detect(tt.name, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(f, []byte(tt.data), func() (string, error) { return "x", nil })
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.says) || res.Accounts != nil {
				t.Errorf("Import = %v, want ErrUnsupported saying %q", err, tt.says)
			}
		})
	}
}

// TestMicrosoftAccountTypes: personal Microsoft accounts (type 1, base64
// secret, 8 digits) import; notification-only and unknown types are skipped.
func TestMicrosoftAccountTypes(t *testing.T) {
	secret := []byte("0123456789abcdefghij")
	data := sqliteFile(t,
		"CREATE TABLE accounts (name TEXT, username TEXT, oath_secret_key TEXT, account_type INTEGER)",
		"INSERT INTO accounts VALUES ('Microsoft', 'me@outlook.com', '"+base64.StdEncoding.EncodeToString(secret)+"', 1)",
		"INSERT INTO accounts VALUES ('Contoso', 'me@contoso.com', '', 2)",
		"INSERT INTO accounts VALUES ('Other', 'me', 'JBSWY3DP', 7)")
	f, err := Detect("PhoneFactor", []byte(data))
	if err != nil || f.Name != "microsoft-authenticator" {
		t.Fatalf("Detect = %v, %v", f.Name, err)
	}
	res, err := Import(f, []byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Accounts) != 1 || !bytes.Equal(res.Accounts[0].Secret, secret) || res.Accounts[0].Digits != 8 {
		t.Errorf("accounts %v", gotLines(res.Accounts))
	}
	if len(res.Skipped) != 2 || !strings.Contains(res.Skipped[0].Reason, "notification") || res.Skipped[1].Label != "Other:me" {
		t.Errorf("skipped %+v", res.Skipped)
	}
}

// sqliteFile builds an SQLite database file with the real driver.
func sqliteFile(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(testkit.TempDir(t), "db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// peerFile reads a fixture from testdata/peers.
func peerFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(peers, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// aegisWithSlots is the Aegis fixture with its slots rewritten by edit,
// which gets the fixture's one password slot as a generic JSON object.
func aegisWithSlots(t *testing.T, edit func(slot map[string]any) []any) []byte {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal(peerFile(t, "aegis_encrypted.json"), &f); err != nil {
		t.Fatal(err)
	}
	header := f["header"].(map[string]any)
	var pass map[string]any
	for _, s := range header["slots"].([]any) {
		if s := s.(map[string]any); s["type"] == float64(aegisSlotPassword) {
			pass = s
		}
	}
	header["slots"] = edit(pass)
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withParams is a copy of an Aegis slot with other scrypt parameters.
func withParams(slot map[string]any, n, r, p int) map[string]any {
	c := map[string]any{}
	for k, v := range slot {
		c[k] = v
	}
	c["n"], c["r"], c["p"] = n, r, p
	return c
}

// andOTPWithRounds is the andOTP fixture whose header names other rounds.
func andOTPWithRounds(t *testing.T, rounds uint32) []byte {
	data := bytes.Clone(peerFile(t, "andotp_encrypted.bin"))
	binary.BigEndian.PutUint32(data, rounds)
	return data
}

// authyWithTokens is an Authy token file with the fixture's tokens, each
// naming rounds, repeated copies times.
func authyWithTokens(t *testing.T, rounds, copies int) []byte {
	t.Helper()
	raw, err := prefEntry(peerFile(t, "authy_encrypted.xml"), authyPrefKey, "Authy")
	if err != nil {
		t.Fatal(err)
	}
	var tokens []map[string]any
	if err := json.Unmarshal([]byte(raw), &tokens); err != nil {
		t.Fatal(err)
	}
	var all []map[string]any
	for range copies {
		for _, tok := range tokens {
			tok["key_derivation_iterations"] = rounds
			all = append(all, tok)
		}
	}
	js, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    <string name=\"" + authyPrefKey + "\">")
	if err := xml.EscapeText(&b, js); err != nil {
		t.Fatal(err)
	}
	b.WriteString("</string>\n</map>\n")
	return b.Bytes()
}

// TestKDFLimits imports files of valid structure that ask for more
// key-derivation work than their app writes: each is refused before any
// derivation runs, at once and with little memory, with a message that
// says what the file asked for, the limit, and that the app did not
// write it. Files at the limit are still tried.
func TestKDFLimits(t *testing.T) {
	tests := []struct {
		name   string
		format string
		data   func(t *testing.T) []byte
		asks   string // in the message; "" when the file is within the limit
		limit  string
		want   error // for files within the limit
	}{
		{"Aegis N=2^20", "aegis", func(t *testing.T) []byte {
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{withParams(s, 1<<20, 8, 1)} })
		}, "scrypt N=1048576 r=8 p=1", "N up to 65536, r up to 8, p up to 1", nil},
		{"Aegis r=32", "aegis", func(t *testing.T) []byte {
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{withParams(s, 1<<15, 32, 1)} })
		}, "scrypt N=32768 r=32 p=1", "N up to 65536", nil},
		{"Aegis p=64", "aegis", func(t *testing.T) []byte {
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{withParams(s, 1<<15, 8, 64)} })
		}, "scrypt N=32768 r=8 p=64", "p up to 1", nil},
		{"Aegis third slot N=2^20", "aegis", func(t *testing.T) []byte {
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{s, s, withParams(s, 1<<20, 8, 1)} })
		}, "scrypt N=1048576 r=8 p=1", "N up to 65536", nil},
		{"Aegis 5 password slots", "aegis", func(t *testing.T) []byte {
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{s, s, s, s, s} })
		}, "5 password slots", "up to 4", nil},
		{"Aegis N at the limit is tried", "aegis", func(t *testing.T) []byte {
			// Other parameters than the key was sealed with: scrypt runs
			// and the slot does not open.
			return aegisWithSlots(t, func(s map[string]any) []any { return []any{withParams(s, MaxAegisScryptN, 8, 1)} })
		}, "", "", ErrWrongPassword},
		{"andOTP 8 million rounds", "andotp", func(t *testing.T) []byte { return andOTPWithRounds(t, 8_000_000) },
			"8000000 PBKDF2 rounds", "up to 320000", nil},
		{"andOTP one over the limit", "andotp", func(t *testing.T) []byte { return andOTPWithRounds(t, MaxAndOTPRounds+1) },
			"320001 PBKDF2 rounds", "up to 320000", nil},
		{"andOTP at the limit is tried", "andotp", func(t *testing.T) []byte { return andOTPWithRounds(t, MaxAndOTPRounds) },
			"", "", ErrWrongPassword},
		{"FreeOTP 999999 rounds", "freeotp", func(t *testing.T) []byte {
			data := peerFile(t, "freeotp_v2_api34.xml")
			// Same length, so the Java serialization stays valid.
			out := bytes.Replace(data, []byte(`mIterations":100000`), []byte(`mIterations":999999`), 1)
			if bytes.Equal(out, data) {
				t.Fatal("the fixture names no 100000 iterations")
			}
			return out
		}, "999999 PBKDF2 rounds", "up to 400000", nil},
		{"Authy token with 10 million rounds", "authy", func(t *testing.T) []byte { return authyWithTokens(t, 10_000_000, 1) },
			"10000000 PBKDF2 rounds", "up to 200000", nil},
		{"Authy 210 copies of tokens at 150000 rounds", "authy", func(t *testing.T) []byte { return authyWithTokens(t, 150_000, 210) },
			"more than 30000000 PBKDF2 rounds", "up to 30000000 for the whole file", nil},
		{"Authy tokens at the limit are tried", "authy", func(t *testing.T) []byte { return authyWithTokens(t, MaxAuthyRounds, 1) },
			"", "", ErrWrongPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			f, err := FormatByName(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := Import(f, data, func() (string, error) { return "test", nil })
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%v in %v, %d kB allocated", err, took, alloc>>10)
			if len(res.Accounts) != 0 {
				t.Fatalf("imported %d accounts", len(res.Accounts))
			}
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v: a file within the limit is tried", err, tt.want)
				}
				return
			}
			var ke *KDFLimitError
			if !errors.Is(err, ErrKDFLimit) || !errors.As(err, &ke) {
				t.Fatalf("err = %v, want a KDFLimitError", err)
			}
			for _, want := range []string{tt.asks, tt.limit, "not a file " + ke.App + " wrote", "export it again from " + ke.App} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q does not say %q", err, want)
				}
			}
			// Refused before any derivation: the cheapest cap here (andOTP at
			// 320001 rounds) takes 0.1 s, the files' own asks seconds; 0.5 s leaves room for a loaded machine.
			if took > 500*time.Millisecond || alloc > 16<<20 {
				t.Errorf("refusal took %v and %d MB: a derivation ran", took, alloc>>20)
			}
		})
	}
}

// TestKDFLimitsRefuseBeforeAsking: a file whose KDF parameters are read
// before the password is refused without asking for one.
func TestKDFLimitsRefuseBeforeAsking(t *testing.T) {
	for name, data := range map[string][]byte{
		"aegis": aegisWithSlots(t, func(s map[string]any) []any { return []any{withParams(s, 1<<20, 8, 1)} }),
		"authy": authyWithTokens(t, 10_000_000, 1),
	} {
		f, err := FormatByName(name)
		if err != nil {
			t.Fatal(err)
		}
		asked := false
		_, err = Import(f, data, func() (string, error) { asked = true; return "test", nil })
		if !errors.Is(err, ErrKDFLimit) || asked {
			t.Errorf("%s: err %v, password asked %v; want ErrKDFLimit without asking", name, err, asked)
		}
	}
}

// TestAegisSlotsWithinLimit: three password slots, the first two not
// opening, still import: each slot is tried, up to the limit.
func TestAegisSlotsWithinLimit(t *testing.T) {
	data := aegisWithSlots(t, func(s map[string]any) []any {
		other := withParams(s, 1<<15, 8, 1)
		other["salt"] = strings.Repeat("00", 32)
		return []any{other, other, s}
	})
	f, err := FormatByName("aegis")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(f, data, func() (string, error) { return "test", nil })
	if err != nil || len(res.Accounts) == 0 {
		t.Fatalf("imported %d accounts, err %v", len(res.Accounts), err)
	}
}
