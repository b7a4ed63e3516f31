package apps

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

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
		{"Authy 40 copies of tokens at 150000 rounds", "authy", func(t *testing.T) []byte { return authyWithTokens(t, 150_000, 40) },
			"more than 5000000 PBKDF2 rounds", "up to 5000000 for the whole file", nil},
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
