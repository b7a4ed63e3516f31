package kit_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/lifelineauth/lifeline/backup/kit"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The window nags until a kit exists for the current recovery key: Check
// follows a vault from creation through a kit, an edit and a key rotation,
// with the record surviving a save and a reopen.
func TestCheckLifecycle(t *testing.T) {
	vault.SetWorkFactor(10)
	dir := filepath.Join(testkit.TempDir(t), "vault")
	v, rk, err := vault.Create(dir, "pw", kitTime)
	if err != nil {
		t.Fatal(err)
	}
	a, err := v.Doc.Add(core.Account{Issuer: "GitHub", Name: "me", Secret: core.Secret("12345678901234567890")}, kitTime)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddRecoveryCodes([]string{"aaaa-1111", "bbbb-2222"}, kitTime); err != nil {
		t.Fatal(err)
	}
	makeKit := func(rk vault.RecoveryKey, now time.Time) kit.Meta {
		m, err := kit.Write(&bytes.Buffer{}, v.Doc, rk, kit.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if err := kit.Record(v.Doc, m); err != nil {
			t.Fatal(err)
		}
		if err := v.Save(now); err != nil {
			t.Fatal(err)
		}
		return m
	}
	steps := []struct {
		name  string
		do    func()
		want  kit.Status
		nags  bool
		fresh bool // reopen from disk before checking
	}{
		{"new vault", func() {}, kit.Missing, true, false},
		{"kit made", func() { makeKit(rk, kitTime) }, kit.Current, false, true},
		{"code used", func() {
			v.Doc.Accounts[0].MarkRecoveryCode(0, true, kitTime)
			if err := v.Save(kitTime); err != nil {
				t.Fatal(err)
			}
		}, kit.Outdated, false, true},
		{"key rotated", func() {
			if rk, err = v.RotateRecoveryKey(kitTime.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}, kit.OldKey, true, true},
		{"new kit", func() { makeKit(rk, kitTime.Add(2*time.Hour)) }, kit.Current, false, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.do()
			if s.fresh {
				if v, err = vault.OpenRecoveryKey(dir, rk); err != nil {
					t.Fatal(err)
				}
			}
			got := kit.Check(v)
			if got != s.want || got.NeedsKit() != s.nags || kit.IsCurrent(v) == s.nags {
				t.Fatalf("Check = %v (%q), want %v; nags %v, want %v", int(got), got, int(s.want), got.NeedsKit(), s.nags)
			}
			if got.String() == "" {
				t.Fatal("status has no message")
			}
		})
	}
}

func TestSerialAndChecksum(t *testing.T) {
	doc, rk := fixture(t)
	kitOf := func(d *vault.Document, now time.Time) kit.Meta {
		m, err := kit.Write(&bytes.Buffer{}, d, rk, kit.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	base := kitOf(doc, kitTime)

	other, _ := fixture(t) // same content, another vault id and key
	changedSecret := cloneDoc(doc)
	changedSecret.Accounts[0].Secret = core.Secret("another secret, same listing")
	usedCode := cloneDoc(doc)
	usedCode.Accounts[0].MarkRecoveryCode(0, true, kitTime)
	renamed := cloneDoc(doc)
	renamed.Accounts[1].Name = "пётр@пример.рф"

	cases := []struct {
		name                  string
		m                     kit.Meta
		sameSerial, sameCheck bool
	}{
		{"same vault, same time", kitOf(doc, kitTime), true, true},
		{"a second later", kitOf(doc, kitTime.Add(time.Second)), false, true},
		{"secret changed", kitOf(changedSecret, kitTime), true, true},
		{"code used", kitOf(usedCode, kitTime), true, false},
		{"account renamed", kitOf(renamed, kitTime), true, false},
		{"another vault", func() kit.Meta {
			other.Keys = doc.Keys
			return kitOf(other, kitTime)
		}(), false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if (c.m.Serial == base.Serial) != c.sameSerial || (c.m.Checksum == base.Checksum) != c.sameCheck {
				t.Fatalf("serial %s vs %s (same: want %v), checksum %s vs %s (same: want %v)",
					c.m.Serial, base.Serial, c.sameSerial, c.m.Checksum, base.Checksum, c.sameCheck)
			}
		})
	}
}

func cloneDoc(d *vault.Document) *vault.Document {
	c := *d
	c.Accounts = make([]core.Account, len(d.Accounts))
	for i := range d.Accounts {
		c.Accounts[i] = d.Accounts[i].Clone()
	}
	return &c
}

func TestRecorded(t *testing.T) {
	doc, rk := fixture(t)
	if _, ok := kit.Recorded(doc); ok {
		t.Fatal("a new document has a recorded kit")
	}
	m, err := kit.Write(&bytes.Buffer{}, doc, rk, kit.Options{Now: kitTime, Paper: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := kit.Record(doc, m); err != nil {
		t.Fatal(err)
	}
	got, ok := kit.Recorded(doc)
	if !ok || got.Serial != m.Serial || !got.Created.Equal(m.Created) || got.RecoveryRecipient != rk.Recipient() || !got.Paper {
		t.Fatalf("Recorded = %+v, %v; want %+v", got, ok, m)
	}
	doc.Settings[kit.SettingsKey] = json.RawMessage(`"damaged"`)
	if _, ok := kit.Recorded(doc); ok {
		t.Fatal("a damaged record reads as a kit")
	}
}
