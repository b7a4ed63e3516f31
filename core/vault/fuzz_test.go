package vault

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/core"
)

// FuzzDecodeDocument reads decrypted vault documents: what a newer or an
// older Lifeline, a damaged disk or a hand-edited file may hold. Every input
// either decodes to a document that encodes and decodes back to the same
// accounts, or fails as damaged or newer: never a panic, never a document
// without its vault id.
func FuzzDecodeDocument(f *testing.F) {
	d := &Document{Format: FormatVersion, VaultID: core.NewID(), Created: time.Unix(1700000000, 0).UTC()}
	if _, err := d.Add(core.Account{Issuer: "GitHub", Name: "octocat", Secret: core.Secret("12345678901234567890"),
		RecoveryCodes: []core.RecoveryCode{{Code: core.Sensitive("fb7df-3dbb7")}}}, d.Created); err != nil {
		f.Fatal(err)
	}
	good, err := encodeDocument(d)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":99,"vault_id":"x"}`))
	f.Add([]byte(`{"format":1,"vault_id":"x","accounts":null}`))
	f.Add([]byte(`{"format":2,"vault_id":"x","accounts":[{"secret":"AA"}],"settings":{"k":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeDocument(data)
		if err != nil {
			var dmg *DamagedError
			if !errors.As(err, &dmg) && !errors.Is(err, ErrNewerFormat) {
				t.Fatalf("error %v is neither damage nor a newer format", err)
			}
			return
		}
		if doc.VaultID == "" || doc.Accounts == nil {
			t.Fatalf("decoded a document without vault id or accounts: %+v", doc)
		}
		again, err := encodeDocument(doc)
		if err != nil {
			return // e.g. a setting that is valid JSON only in its raw form
		}
		back, err := decodeDocument(again)
		if err != nil {
			t.Fatalf("a decoded document does not decode after encoding: %v", err)
		}
		if len(back.Accounts) != len(doc.Accounts) {
			t.Fatalf("%d accounts after a round trip, want %d", len(back.Accounts), len(doc.Accounts))
		}
		for i := range doc.Accounts {
			if !bytes.Equal(back.Accounts[i].Secret, doc.Accounts[i].Secret) || back.Accounts[i].ID != doc.Accounts[i].ID {
				t.Fatalf("account %d changed in a round trip", i)
			}
		}
	})
}
