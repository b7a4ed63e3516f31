package kit_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// FuzzKitText prints whatever text an account can hold: issuer, name, note
// and recovery codes come from other apps' files and from people, and the
// kit must print them (shortened, "?" for what no font has) or refuse them
// with an error, never panic or write a broken PDF.
func FuzzKitText(f *testing.F) {
	f.Add("GitHub", "octocat", "", "fb7df-3dbb7\n6a67c-e775a", false)
	f.Add("🔐 Bank 日本", "tab\there", "note\x00with\x7fcontrols", "1234 5678", true)
	f.Add(strings.Repeat("Ünïcödé ", 40), strings.Repeat("w", 300), strings.Repeat("n\n", 50), "R12345", true)
	f.Add("\u202e\u0301", "\xff\xfe", "", "\u00a0", false)
	rk, err := vault.NewRecoveryKey()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, issuer, name, note, codes string, paper bool) {
		doc := &vault.Document{Format: vault.FormatVersion, VaultID: "fuzz", Created: kitTime,
			Keys: &vault.Keys{RecoveryKey: rk.Reveal(), RecoveryKeyCreated: kitTime}}
		a := core.Account{Issuer: issuer, Name: name, Note: note, Secret: core.Secret("12345678901234567890")}
		p, err := doc.Add(a, kitTime)
		if err != nil {
			return // not an account Lifeline keeps, so never printed
		}
		if cs := strings.Split(codes, "\n"); codes != "" {
			if p.AddRecoveryCodes(cs, kitTime) != nil {
				return
			}
		}
		var buf bytes.Buffer
		if _, err := kit.Write(&buf, doc, rk, kit.Options{Paper: paper, Now: kitTime}); err != nil {
			if errors.Is(err, kit.ErrNoRecoveryKey) || errors.Is(err, kit.ErrNoAccounts) {
				t.Fatalf("Write: %v for a full vault", err)
			}
			return
		}
		out := buf.Bytes()
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.Contains(out[len(out)-32:], []byte("%%EOF")) {
			t.Fatalf("the kit is not a whole PDF (%d bytes)", len(out))
		}
	})
}
