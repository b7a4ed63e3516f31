package vault

import (
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"filippo.io/age"
)

// The vector was computed outside Go: Python's hashlib/hmac for the checksum
// and HKDF, a BIP-173 reference encoder for the identity, and the recipient
// by `age-keygen -y` (docs/FORMAT.md lists it too).
var rkVector = struct {
	entropy, key, identity, recipient string
}{
	entropy:   "000102030405060708090a0b0c0d0e0f",
	key:       "000G-40R4-0M30-E209-185G-R38E-1XX6-YNE7",
	identity:  "AGE-SECRET-KEY-1EZATKWTCKEH0G0V0T8AWJLCREX2SGPGJYF3CLCUTY82UYX404C4Q6K07G9",
	recipient: "age1zc3s6v2v89hcj5t0ul9fayhagrrdvn8cymwt89jdwk0v8a8qadtq4aystw",
}

func TestRecoveryKeyVector(t *testing.T) {
	var k RecoveryKey
	ent, _ := hex.DecodeString(rkVector.entropy)
	copy(k.entropy[:], ent)
	if got := k.Reveal(); got != rkVector.key {
		t.Errorf("Reveal = %s, want %s", got, rkVector.key)
	}
	if got := k.AgeIdentity(); got != rkVector.identity {
		t.Errorf("AgeIdentity = %s, want %s", got, rkVector.identity)
	}
	if got := k.Recipient(); got != rkVector.recipient {
		t.Errorf("Recipient = %s, want %s", got, rkVector.recipient)
	}
	p, err := ParseRecoveryKey(rkVector.key)
	if err != nil || p != k {
		t.Errorf("ParseRecoveryKey(vector) = %v, %v", p.Reveal(), err)
	}
}

var groupedKey = regexp.MustCompile(`^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$`)

// keyWith01 returns a random key whose grouped form contains both 0 and 1,
// so the look-alike substitutions below are exercised.
func keyWith01(t *testing.T) RecoveryKey {
	for range 10000 {
		k, err := NewRecoveryKey()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(k.Reveal(), "0") && strings.Contains(k.Reveal(), "1") {
			return k
		}
	}
	t.Fatal("no key with both 0 and 1 in 10000 tries")
	return RecoveryKey{}
}

func TestParseRecoveryKeyTolerant(t *testing.T) {
	k := keyWith01(t)
	canon := k.Reveal()
	if !groupedKey.MatchString(canon) {
		t.Fatalf("Reveal = %q, not 8 groups of 4 Crockford characters", canon)
	}
	flat := strings.ReplaceAll(canon, "-", "")
	tests := []struct{ name, in string }{
		{"canonical", canon},
		{"lower case", strings.ToLower(canon)},
		{"no dashes", flat},
		{"spaces", strings.ReplaceAll(canon, "-", " ")},
		{"line breaks", flat[:16] + "\n" + flat[16:] + "\r\n"},
		{"surrounding space", "  \t" + canon + "\n"},
		{"prefix", "lifeline-recovery-key:" + canon},
		{"prefix upper and space", "LIFELINE-RECOVERY-KEY: " + canon},
		{"I for 1", strings.ReplaceAll(canon, "1", "I")},
		{"l for 1", strings.ReplaceAll(canon, "1", "l")},
		{"O for 0", strings.ReplaceAll(canon, "0", "O")},
		{"o for 0", strings.ReplaceAll(canon, "0", "o")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRecoveryKey(tt.in)
			if err != nil {
				t.Fatalf("ParseRecoveryKey: %v", err)
			}
			if got != k {
				t.Errorf("parsed a different key")
			}
			if !LooksLikeRecoveryKey(tt.in) {
				t.Errorf("LooksLikeRecoveryKey = false")
			}
		})
	}
}

func TestParseRecoveryKeyErrors(t *testing.T) {
	k := keyWith01(t)
	canon := k.Reveal()
	flat := strings.ReplaceAll(canon, "-", "")
	// swap two different adjacent characters for a transposition typo
	i := 0
	for flat[i] == flat[i+1] {
		i++
	}
	swapped := flat[:i] + string(flat[i+1]) + string(flat[i]) + flat[i+2:]
	changed := flat[:5] + string("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(strings.IndexByte("0123456789ABCDEFGHJKMNPQRSTVWXYZ", flat[5])+1)%32]) + flat[6:]
	tests := []struct {
		name    string
		in      string
		typo    bool
		mention string
	}{
		{"empty", "", false, "0 characters"},
		{"one group short", flat[:28], false, "28 characters"},
		{"one character long", flat + "A", false, "33 characters"},
		{"U", "U" + flat[1:], false, "group 1, character 1 is U"},
		{"punctuation", flat[:9] + "!" + flat[10:], false, "group 3, character 2 is '!'"},
		{"non-ASCII", flat[:31] + "é", false, "group 8, character 4 is 'é'"},
		{"a password", "correct horse battery staple", false, "characters"},
		{"one character changed", changed, true, ""},
		{"transposed", swapped, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecoveryKey(tt.in)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, ErrRecoveryKeyTypo) != tt.typo {
				t.Errorf("errors.Is(ErrRecoveryKeyTypo) = %v, want %v (%v)", !tt.typo, tt.typo, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), flat[:8]) {
				t.Errorf("error %q shows part of the key", err)
			}
			if LooksLikeRecoveryKey(tt.in) {
				t.Errorf("LooksLikeRecoveryKey = true")
			}
		})
	}
}

// Every single-character typo in every position must be caught by the
// checksum (a 32-bit checksum misses one in 4 billion).
func TestRecoveryKeyEverySubstitutionCaught(t *testing.T) {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	k, _ := NewRecoveryKey()
	flat := strings.ReplaceAll(k.Reveal(), "-", "")
	n := 0
	for i := range flat {
		for _, c := range alphabet {
			if byte(c) == flat[i] {
				continue
			}
			typo := flat[:i] + string(c) + flat[i+1:]
			if _, err := ParseRecoveryKey(typo); !errors.Is(err, ErrRecoveryKeyTypo) {
				t.Fatalf("position %d changed to %c: err = %v, want ErrRecoveryKeyTypo", i, c, err)
			}
			n++
		}
	}
	if n != 32*31 {
		t.Errorf("checked %d typos, want %d", n, 32*31)
	}
}

func TestRecoveryKeyNeverPrinted(t *testing.T) {
	k, _ := NewRecoveryKey()
	secretParts := strings.Split(k.Reveal(), "-")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		for _, arg := range []any{k, &k, struct{ K RecoveryKey }{k}} {
			out := fmt.Sprintf(verb, arg)
			for _, p := range append(secretParts, hex.EncodeToString(k.entropy[:4])) {
				if strings.Contains(strings.ToUpper(out), strings.ToUpper(p)) {
					t.Errorf("Sprintf(%q, %T) = %q shows key material %q", verb, arg, out, p)
				}
			}
		}
	}
	if k.String() != "(recovery key)" || k.GoString() != "(recovery key)" {
		t.Errorf("String/GoString = %q/%q", k.String(), k.GoString())
	}
}

func TestRecoveryKeyDerivation(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		k, err := NewRecoveryKey()
		if err != nil {
			t.Fatal(err)
		}
		id, err := age.ParseX25519Identity(k.AgeIdentity())
		if err != nil {
			t.Fatalf("age rejects our identity: %v", err)
		}
		// age re-encodes with its own Bech32: it must agree with ours.
		if id.String() != k.AgeIdentity() {
			t.Fatalf("age encodes %s, we encode %s", id.String(), k.AgeIdentity())
		}
		if got := id.Recipient().String(); got != k.Recipient() {
			t.Fatalf("Recipient = %s, age says %s", k.Recipient(), got)
		}
		p, _ := ParseRecoveryKey(strings.ToLower(k.Reveal()))
		if p.AgeIdentity() != k.AgeIdentity() {
			t.Fatal("derivation is not deterministic")
		}
		if seen[k.Recipient()] {
			t.Fatal("two random keys gave the same recipient")
		}
		seen[k.Recipient()] = true
	}
}

func FuzzParseRecoveryKey(f *testing.F) {
	f.Add(rkVector.key)
	f.Add(strings.ToLower(strings.ReplaceAll(rkVector.key, "-", " ")))
	f.Add("lifeline-recovery-key:" + rkVector.key)
	f.Add("U000-40R4-0M30-E209-185G-R38E-1XX6-YNE7")
	f.Add("000G-40R4-0M30-E209-185G-R38E-1XX6-YNE8")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseRecoveryKey(s)
		if err != nil {
			if LooksLikeRecoveryKey(s) {
				t.Fatal("LooksLikeRecoveryKey accepts what Parse rejects")
			}
			return
		}
		again, err := ParseRecoveryKey(k.Reveal())
		if err != nil || again != k {
			t.Fatalf("Reveal does not parse back: %v", err)
		}
		if !groupedKey.MatchString(k.Reveal()) {
			t.Fatalf("Reveal = %q", k.Reveal())
		}
	})
}
