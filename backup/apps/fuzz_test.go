package apps

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// FuzzImport feeds every parser through Detect and Import, seeded with the
// 41 fixtures and our own exports, with a fixed password ("test", which most
// encrypted fixtures use). Nothing may panic; every failure is a typed
// *Error naming the format; a success holds only valid accounts; a failure
// holds none. The key derivations are replaced by a cheap hash here, so an
// input costs microseconds, not an Argon2 run (and the encrypted seeds then
// exercise their wrong-password paths).
func FuzzImport(f *testing.F) {
	kdfTestHook = func(password, salt []byte, n int) []byte {
		h := sha256.Sum256(append(append([]byte{}, password...), salt...))
		out := make([]byte, n)
		for i := range out {
			out[i] = h[i%len(h)]
		}
		return out
	}
	f.Cleanup(func() { kdfTestHook = nil })

	names, err := filepath.Glob(filepath.Join(peers, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range names {
		if base := filepath.Base(p); base != "expected.json" && base != "NOTICE" {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(base, data)
		}
	}
	small := []core.Account{{Type: core.HOTP, Issuer: "Example", Name: "a@b", Secret: core.Secret("12345678901234567890"), Algorithm: otp.SHA1, Digits: 6, Counter: 3}}
	plain, _ := ExportAegis(small, "")
	f.Add("export.json", plain)
	f.Add("export.txt", ExportOTPAuthList(small))

	password := func() (string, error) { return "test", nil }
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if format, err := Detect(name, data); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Detect: untyped error %v", err)
			}
		} else {
			checkImport(t, format, data, password)
		}
		// And every parser on every input, whatever Detect thinks of it.
		for _, format := range Formats() {
			checkImport(t, format, data, password)
		}
	})
}

func checkImport(t *testing.T, f Format, data []byte, password func() (string, error)) {
	res, err := Import(f, data, password)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Format != f.Title {
			t.Fatalf("%s: error %v is not an *Error naming the format", f.Name, err)
		}
		if res.Accounts != nil || res.Skipped != nil {
			t.Fatalf("%s: %d accounts returned with the error %v", f.Name, len(res.Accounts), err)
		}
		return
	}
	for i := range res.Accounts {
		if err := res.Accounts[i].Validate(); err != nil {
			t.Fatalf("%s: account %d does not validate: %v", f.Name, i, err)
		}
	}
}

// benchVault is a plain Aegis vault of n accounts of mixed types.
func benchVault(b *testing.B, n int) []byte {
	accounts := make([]core.Account, n)
	types := []core.Type{core.TOTP, core.HOTP, core.Steam}
	for i := range accounts {
		accounts[i] = core.Account{
			Type: types[i%len(types)], Issuer: fmt.Sprintf("Issuer %d", i), Name: fmt.Sprintf("user%d@example.com", i),
			Secret: core.Secret(fmt.Sprintf("secret-number-%07d", i)), Algorithm: otp.Algorithm(i % 3), Digits: 6 + i%3,
			Groups: []string{fmt.Sprintf("group %d", i%7)},
		}
		accounts[i].Defaults()
	}
	data, err := ExportAegis(accounts, "")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkImportAegis imports a plain Aegis vault (no key derivation): the
// JSON decoding, Base32 and checks of each entry.
func BenchmarkImportAegis(b *testing.B) {
	for _, n := range []int{100, 10000} {
		data := benchVault(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				res, err := Import(Format{Name: "aegis"}, data, nil)
				if err != nil || len(res.Accounts) != n {
					b.Fatalf("%d accounts, %v", len(res.Accounts), err)
				}
			}
		})
	}
}

// BenchmarkDetectAegis is the Detect that comes before such an import.
func BenchmarkDetectAegis(b *testing.B) {
	data := benchVault(b, 10000)
	b.Run("10000", func(b *testing.B) {
		for b.Loop() {
			if f, err := Detect("vault.json", data); err != nil || f.Name != "aegis" {
				b.Fatalf("Detect = %q, %v", f.Name, err)
			}
		}
	})
}
