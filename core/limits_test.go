package core

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

func limitedAccount() Account {
	a := Account{Issuer: "GitHub", Name: "alice", Secret: Secret("12345678901234567890")}
	a.Defaults()
	return a
}

func codes(n int) []RecoveryCode {
	out := make([]RecoveryCode, n)
	for i := range out {
		out[i] = RecoveryCode{Code: Sensitive(fmt.Sprintf("code-%07d", i))}
	}
	return out
}

// TestValidateLimits: each limit holds at its value and refuses one over,
// with a *LimitError that names the field and says what to do.
func TestValidateLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(a *Account, over int) // over is 0 at the limit, 1 past it
		want string
	}{
		{"issuer", func(a *Account, o int) { a.Issuer = strings.Repeat("é", MaxLabelLen+o) }, "issuer: 257 characters given, at most 256 characters are kept; shorten it"},
		{"name", func(a *Account, o int) { a.Name = strings.Repeat("n", MaxLabelLen+o) }, "name: 257 characters given"},
		{"note", func(a *Account, o int) { a.Note = strings.Repeat("x", MaxNoteBytes+o) }, "note: 10241 bytes given, at most 10240 bytes are kept; shorten the note"},
		{"secret", func(a *Account, o int) { a.Secret = make(Secret, MaxSecretBytes+o) }, "secret: 1025 bytes given"},
		{"pin", func(a *Account, o int) { a.Type, a.PIN = MOTP, Sensitive(strings.Repeat("1", MaxPINLen+o)) }, "PIN: 257 characters given"},
		{"id", func(a *Account, o int) { a.ID = strings.Repeat("a", MaxIDLen+o) }, "id: 65 characters given"},
		{"groups", func(a *Account, o int) { a.Groups = make([]string, MaxGroups+o); fillGroups(a.Groups) }, "groups: 101 given, at most 100 per account are kept"},
		{"group name", func(a *Account, o int) { a.Groups = []string{"work", strings.Repeat("g", MaxLabelLen+o)} }, "group 2: 257 characters given"},
		{"codes", func(a *Account, o int) { a.RecoveryCodes = codes(MaxRecoveryCodes + o) }, "recovery codes: 101 given, at most 100 per account are kept; no site hands out that many: this is not a list of recovery codes"},
		{"code length", func(a *Account, o int) {
			a.RecoveryCodes = append(codes(3), RecoveryCode{Code: Sensitive(strings.Repeat("c", MaxRecoveryCodeLen+o))})
		}, "recovery code 4: 65 characters given, at most 64 characters are kept; this is not a recovery code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := limitedAccount()
			tc.set(&a, 0)
			if a.Type == MOTP {
				a.Defaults()
			}
			if err := a.Validate(); err != nil {
				t.Fatalf("at the limit: %v", err)
			}
			a = limitedAccount()
			tc.set(&a, 1)
			err := a.Validate()
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrOverLimit) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("one over: %v\nwant a *LimitError containing %q", err, tc.want)
			}
		})
	}
}

func fillGroups(g []string) {
	for i := range g {
		g[i] = fmt.Sprint("g", i)
	}
}

// TestValidateHugeIsFast: the 2,000,000 codes of the issue and a field as
// large as an import file may be (64 MiB) are refused well within the 2 s
// every input has, from their lengths.
func TestValidateHugeIsFast(t *testing.T) {
	huge := limitedAccount()
	huge.RecoveryCodes = codes(2_000_000)
	wide := limitedAccount()
	wide.Issuer = strings.Repeat("x", 64<<20)
	for _, tc := range []struct {
		name string
		a    *Account
		want string
	}{
		{"2,000,000 codes", &huge, "recovery codes: 2000000 given, at most 100 per account are kept"},
		{"64 MiB issuer", &wide, "issuer: 67108864 characters given"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runtime.GC() // time the check, not the collection of the input's making
			start := time.Now()
			err := tc.a.Validate()
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v", d)
			}
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Validate: %v, want %q", err, tc.want)
			}
		})
	}
}

// TestAddRecoveryCodesLimit: a list over the limit, or one that takes the
// account over it, is refused whole; replacing makes room again.
func TestAddRecoveryCodesLimit(t *testing.T) {
	list := func(n, from int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("abcd-%06d", from+i)
		}
		return out
	}
	now := time.Now()
	a := limitedAccount()
	err := a.AddRecoveryCodes(list(2_000_000, 0), now)
	if err == nil || err.Error() != "recovery codes: 2000000 given, at most 100 per account are kept; no site hands out that many: this is not a list of recovery codes" {
		t.Fatalf("2,000,000 codes: %v", err)
	}
	if len(a.RecoveryCodes) != 0 {
		t.Fatalf("%d codes kept after a refusal", len(a.RecoveryCodes))
	}
	if err := a.AddRecoveryCodes(list(MaxRecoveryCodes-10, 0), now); err != nil {
		t.Fatal(err)
	}
	err = a.AddRecoveryCodes(list(11, 1000), now)
	if !errors.Is(err, ErrOverLimit) || !strings.Contains(err.Error(), "recovery codes: 101 given, at most 100 per account are kept; 90 are saved already and 11 were given") {
		t.Fatalf("11 more on 90: %v", err)
	}
	if len(a.RecoveryCodes) != 90 {
		t.Fatalf("%d codes after a refused add, want 90", len(a.RecoveryCodes))
	}
	if err := a.ReplaceRecoveryCodes(list(MaxRecoveryCodes, 5000), now); err != nil || len(a.RecoveryCodes) != MaxRecoveryCodes {
		t.Fatalf("replace with %d: %v, %d kept", MaxRecoveryCodes, err, len(a.RecoveryCodes))
	}
}

func TestCheckAccountCount(t *testing.T) {
	if err := CheckAccountCount(MaxAccounts); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	err := CheckAccountCount(MaxAccounts + 1)
	if !errors.Is(err, ErrOverLimit) || !strings.HasPrefix(err.Error(), "accounts: 100001 given, at most 100000 per vault are kept; ") {
		t.Fatalf("one over: %v", err)
	}
}

func TestSizeWords(t *testing.T) {
	for n, want := range map[int64]string{64 << 20: "64 MiB", 64 << 10: "64 KiB", 1 << 20: "1 MiB", 1536 << 10: "1536 KiB"} {
		if got := SizeWords(n); got != want {
			t.Errorf("SizeWords(%d) = %q, want %q", n, got, want)
		}
	}
}
