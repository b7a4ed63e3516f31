package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// preparedVault is a saved vault with n accounts, for tests to damage copies of.
func preparedVault(t *testing.T, n int) (string, RecoveryKey) {
	t.Helper()
	v, rk := savedVault(t, n)
	return v.Dir, rk
}

func mutate(name string, f func([]byte) []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f(b), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func remove(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, name)) }
}

func flipAt(frac float64) func([]byte) []byte {
	return func(b []byte) []byte { b[int(float64(len(b))*frac)] ^= 0x04; return b }
}

func headerLen(t *testing.T, b []byte) int {
	i := bytes.Index(b, []byte("\n--- "))
	if i < 0 {
		t.Fatal("no header end")
	}
	return i + 1 + bytes.IndexByte(b[i+1:], '\n') + 1
}

func isDamaged(file, reason string) func(error) bool {
	return func(err error) bool {
		var d *DamagedError
		return errors.As(err, &d) && d.File == file && d.Reason == reason
	}
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

// Every way an open can fail has its own error, and a failed open leaves the
// files exactly as they were.
func TestOpenFailures(t *testing.T) {
	src, rk := preparedVault(t, 5)
	other, otherRK := preparedVault(t, 1)
	otherMeta, _ := os.ReadFile(filepath.Join(other, MetaFile))
	otherVault, _ := os.ReadFile(filepath.Join(other, VaultFile))
	otherPassword, _ := os.ReadFile(filepath.Join(other, PasswordFile))

	byPassword := func(pw string) func(string) error {
		return func(dir string) error { _, err := OpenPassword(dir, pw); return err }
	}
	byKey := func(k RecoveryKey) func(string) error {
		return func(dir string) error { _, err := OpenRecoveryKey(dir, k); return err }
	}
	none := func(*testing.T, string) {}
	set := func(name string, b []byte) func(*testing.T, string) {
		return mutate(name, func([]byte) []byte { return bytes.Clone(b) })
	}
	// flipVaultHeaderStanza flips a bit in the vault identity's stanza body
	// (the second line of the header).
	flipVaultHeaderStanza := mutate(VaultFile, func(b []byte) []byte {
		b[bytes.IndexByte(b, '\n')+1+bytes.IndexByte(b[bytes.IndexByte(b, '\n')+1:], '\n')+5] ^= 0x01
		return b
	})

	tests := []struct {
		name   string
		damage func(*testing.T, string)
		open   func(string) error
		want   func(error) bool
	}{
		{"wrong password", none, byPassword("wrong"), is(ErrWrongPassword)},
		{"empty password", none, byPassword(""), is(ErrEmptyPassword)},
		{"recovery key of another vault", none, byKey(otherRK), is(ErrWrongRecoveryKey)},
		{"no vault", func(t *testing.T, dir string) {
			for _, n := range []string{VaultFile, PasswordFile, MetaFile, LockFile} {
				os.Remove(filepath.Join(dir, n))
			}
		}, byPassword(testPassword), is(ErrNoVault)},
		{"lifeline.json missing, by password", remove(MetaFile), byPassword(testPassword), isDamaged(MetaFile, ReasonMissing)},
		{"lifeline.json missing, by key", remove(MetaFile), byKey(rk), isDamaged(MetaFile, ReasonMissing)},
		{"lifeline.json not JSON", set(MetaFile, []byte("{\"format\":1,")), byKey(rk), isDamaged(MetaFile, ReasonInvalid)},
		{"lifeline.json newer", set(MetaFile, []byte(`{"format":4,"vault_id":"x","whatever":true}`)), byKey(rk), is(ErrNewerFormat)},
		{"lifeline.json of another vault, by key", set(MetaFile, otherMeta), byKey(rk), is(ErrWrongRecoveryKey)},
		{"lifeline.json of another vault, by password", set(MetaFile, otherMeta), byPassword(testPassword), isDamaged(PasswordFile, ReasonForeign)},
		{"password.age missing", remove(PasswordFile), byPassword(testPassword), isDamaged(PasswordFile, ReasonMissing)},
		{"password.age of another vault", set(PasswordFile, otherPassword), byPassword(testPassword), isDamaged(PasswordFile, ReasonForeign)},
		{"password.age truncated", mutate(PasswordFile, func(b []byte) []byte { return b[:len(b)-10] }), byPassword(testPassword), isDamaged(PasswordFile, ReasonTruncated)},
		{"password.age payload flipped", mutate(PasswordFile, flipAt(0.9)), byPassword(testPassword), isDamaged(PasswordFile, ReasonCorrupted)},
		{"vault.age missing", remove(VaultFile), byPassword(testPassword), isDamaged(VaultFile, ReasonMissing)},
		{"vault.age empty", set(VaultFile, nil), byKey(rk), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age truncated in half, by key", mutate(VaultFile, func(b []byte) []byte { return b[:len(b)/2] }), byKey(rk), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age truncated in half, by password", mutate(VaultFile, func(b []byte) []byte { return b[:len(b)/2] }), byPassword(testPassword), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age truncated by one byte", mutate(VaultFile, func(b []byte) []byte { return b[:len(b)-1] }), byKey(rk), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age cut inside the header", mutate(VaultFile, func(b []byte) []byte { return b[:100] }), byKey(rk), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age cut after the header", mutate(VaultFile, func(b []byte) []byte { return b[:headerLen(t, b)+7] }), byKey(rk), isDamaged(VaultFile, ReasonTruncated)},
		{"vault.age header stanza flipped", flipVaultHeaderStanza, byPassword(testPassword), isDamaged(VaultFile, ReasonCorrupted)},
		{"vault.age header MAC flipped", mutate(VaultFile, func(b []byte) []byte { b[headerLen(t, b)-3] ^= 0x01; return b }), byKey(rk), isDamaged(VaultFile, ReasonCorrupted)},
		{"vault.age payload flipped, by key", mutate(VaultFile, flipAt(0.6)), byKey(rk), isDamaged(VaultFile, ReasonCorrupted)},
		{"vault.age payload flipped, by password", mutate(VaultFile, flipAt(0.99)), byPassword(testPassword), isDamaged(VaultFile, ReasonCorrupted)},
		{"vault.age of another vault", set(VaultFile, otherVault), byKey(rk), isDamaged(VaultFile, ReasonCorrupted)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDir(t, src)
			tt.damage(t, dir)
			before := snapshot(t, dir)
			err := tt.open(dir)
			if !tt.want(err) {
				t.Fatalf("error = %v (%T)", err, err)
			}
			assertUnchanged(t, dir, before)
		})
	}
}

// A document of a newer format is refused with ErrNewerFormat even when the
// rest of it no longer parses as this version expects.
func TestOpenNewerDocument(t *testing.T) {
	dir, rk := preparedVault(t, 1)
	m, _ := readMeta(dir)
	vr, _ := age.ParseX25519Recipient(m.VaultRecipient)
	r := rk.Identity().Recipient()
	for _, doc := range []string{
		`{"format":4,"vault_id":"` + m.VaultID + `","accounts":[]}`,
		`{"format":4,"vault_id":"` + m.VaultID + `","accounts":{"changed":"shape"}}`,
	} {
		var buf bytes.Buffer
		w, _ := age.Encrypt(&buf, vr, r)
		w.Write([]byte(doc))
		w.Close()
		os.WriteFile(filepath.Join(dir, VaultFile), buf.Bytes(), 0o600)
		if _, err := OpenRecoveryKey(dir, rk); !errors.Is(err, ErrNewerFormat) {
			t.Errorf("%s: %v, want ErrNewerFormat", doc, err)
		}
	}
}

// Truncation at every length and a flipped bit at every byte of a small
// vault, and chunk boundaries of a large one, are told apart. A cut that
// happens to leave a last chunk of a multiple of padBlock bytes cannot be
// told from corruption; those cut points are counted, not hidden.
func TestDamageClassification(t *testing.T) {
	for _, n := range []int{3, 400} { // one chunk; several 64 KiB chunks
		dir, rk := preparedVault(t, n)
		orig, _ := os.ReadFile(filepath.Join(dir, VaultFile))
		id := rk.Identity()
		decrypt := func(b []byte) error { _, err := decryptDocument(b, id); return err }
		hl := headerLen(t, orig)
		full := ageChunkSize + ageTagSize

		cuts := []int{}
		if n == 3 {
			for l := range len(orig) {
				cuts = append(cuts, l)
			}
		} else {
			for l := 0; l < len(orig); l += 997 {
				cuts = append(cuts, l)
			}
			for c := hl + ageNonceSize + full; c < len(orig); c += full {
				cuts = append(cuts, c-1, c, c+1) // around each chunk boundary
			}
		}
		ambiguous := 0
		for _, l := range cuts {
			err := decrypt(bytes.Clone(orig[:l]))
			var d *DamagedError
			if !errors.As(err, &d) || d.File != VaultFile {
				t.Fatalf("%d accounts, cut to %d bytes: %v, want a DamagedError", n, l, err)
			}
			if d.Reason == ReasonTruncated {
				continue
			}
			last := (l - hl - ageNonceSize) % full
			if l > hl+ageNonceSize && last > ageTagSize && (last-ageTagSize)%padBlock == 0 {
				ambiguous++
				continue
			}
			t.Fatalf("%d accounts, cut to %d of %d bytes (header %d): reason %q, want truncated (%v)", n, l, len(orig), hl, d.Reason, d.Err)
		}
		if ambiguous > len(cuts)/padBlock+2 {
			t.Errorf("%d of %d cuts were reported as corruption", ambiguous, len(cuts))
		}

		step := 1
		if n != 3 {
			step = 101
		}
		for i := 0; i < len(orig); i += step {
			for _, bit := range []byte{0x01, 0x80} {
				if bit == 0x80 && i%7 != 0 {
					continue
				}
				b := bytes.Clone(orig)
				b[i] ^= bit
				err := decrypt(b)
				if !isDamaged(VaultFile, ReasonCorrupted)(err) {
					t.Fatalf("%d accounts, bit %#x flipped at byte %d of %d (header %d): %v, want corrupted", n, bit, i, len(orig), hl, err)
				}
			}
		}
		t.Logf("%d accounts, %d bytes: %d cuts (%d ambiguous), every flipped byte reported as corruption", n, len(orig), len(cuts), ambiguous)
	}
}
