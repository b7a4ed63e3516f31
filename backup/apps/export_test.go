package apps

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
	"github.com/lifelineauth/lifeline/core/testkit"
)

// exportAccounts is a vault to export: the grouped Aegis fixture (seven
// types and algorithms, two groups) plus what it lacks: Yandex and mOTP
// with PINs, a note, a favourite, a colon and non-ASCII in labels.
func exportAccounts(t *testing.T) []core.Account {
	t.Helper()
	files := loadExpected(t)
	const name = "aegis_plain_grouped_v2.json"
	data := readFixture(t, name, files[name])
	res, err := Import(Format{Name: "aegis"}, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	extra := []core.Account{
		{Type: core.Yandex, Issuer: "Yandex", Name: "zoë@example.ru", Secret: core.Secret("0123456789abcdef"), PIN: "4321", Period: 30},
		{Type: core.MOTP, Issuer: "Acme: Inc", Name: "测试", Secret: core.Secret{0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4}, PIN: "1234", Note: "desk phone", Favorite: true, Groups: []string{"group2", "mOTP"}},
		{Type: core.TOTP, Issuer: "", Name: "only a name", Secret: core.Secret("12345678901234567890"), Algorithm: otp.SHA256, Digits: 10, Period: 86400},
	}
	for i := range extra {
		extra[i].Defaults()
		if err := extra[i].Validate(); err != nil {
			t.Fatalf("extra account %d: %v", i, err)
		}
	}
	return append(res.Accounts, extra...)
}

// fullLine is canonical plus what the Aegis format also carries.
func fullLine(a *core.Account) string {
	return fmt.Sprintf("%s note=%q fav=%v pin=%q", canonical(a), a.Note, a.Favorite, string(a.PIN))
}

func fullLines(accounts []core.Account, full bool) []string {
	var out []string
	for i := range accounts {
		if full {
			out = append(out, fullLine(&accounts[i]))
		} else {
			a := accounts[i]
			a.Groups, a.Note, a.Favorite = nil, "", false
			out = append(out, fmt.Sprintf("%s pin=%q", canonical(&a), string(a.PIN)))
		}
	}
	sort.Strings(out)
	return out
}

// TestExportAegisRoundTrip: what ExportAegis writes, plain and encrypted,
// is detected as Aegis and imports back to the same accounts.
func TestExportAegisRoundTrip(t *testing.T) {
	accounts := exportAccounts(t)
	for _, password := range []string{"", "corrèct horse ✓"} {
		t.Run(fmt.Sprintf("password=%v", password != ""), func(t *testing.T) {
			data, err := ExportAegis(accounts, password)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Detect("export.json", data)
			if err != nil || f.Name != "aegis" {
				t.Fatalf("Detect = %q, %v", f.Name, err)
			}
			res, err := Import(f, data, func() (string, error) { return password, nil })
			if err != nil {
				t.Fatal(err)
			}
			diffLines(t, fullLines(res.Accounts, true), fullLines(accounts, true))
			if password == "" {
				if bytes.Contains(data, []byte(`"slots": [`)) {
					t.Error("a plain export has key slots")
				}
				return
			}
			if _, err := Import(f, data, func() (string, error) { return "wrong", nil }); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("wrong password: %v", err)
			}
			for _, a := range accounts {
				if bytes.Contains(data, []byte(a.Secret.Base32())) {
					t.Fatalf("the encrypted export holds %s's secret in the clear", a.Label())
				}
			}
		})
	}
}

// TestExportAegisShape: the encrypted export has exactly the fields, sizes
// and parameters of the vault Aegis itself wrote (aegis_encrypted.json).
func TestExportAegisShape(t *testing.T) {
	files := loadExpected(t)
	ref := readFixture(t, "aegis_encrypted.json", files["aegis_encrypted.json"])
	data, err := ExportAegis(exportAccounts(t), "pw")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsonShape(t, data), jsonShape(t, ref); !reflect.DeepEqual(got, want) {
		t.Errorf("shape differs from Aegis's own vault\n got %v\nwant %v", got, want)
	}
	var f aegisFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	s := f.Header.Slots[0]
	if s.Type != 1 || s.N != 32768 || s.R != 8 || s.P != 1 || len(s.Salt) != 32 || len(s.Key) != 32 ||
		len(s.KeyParams.Nonce) != 12 || len(s.KeyParams.Tag) != 16 || !s.Repaired ||
		len(f.Header.Params.Nonce) != 12 || len(f.Header.Params.Tag) != 16 {
		t.Errorf("slot %+v, params %+v", s, f.Header.Params)
	}
	var db string
	if err := json.Unmarshal(f.DB, &db); err != nil {
		t.Fatalf("db is not a string: %v", err)
	}
	if _, err := base64.StdEncoding.DecodeString(db); err != nil {
		t.Errorf("db is not base64: %v", err)
	}
}

// jsonShape maps each JSON path to its kind; values and list lengths aside.
func jsonShape(t *testing.T, data []byte) map[string]string {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(string, any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			out[path] = "object"
			for k, c := range v {
				walk(path+"."+k, c)
			}
		case []any:
			out[path] = "list"
			for _, c := range v {
				walk(path+"[]", c)
			}
		default:
			out[path] = fmt.Sprintf("%T", v)
		}
	}
	walk("", v)
	return out
}

// TestExportAegisNodeDecrypts: a decryptor written apart, in JavaScript with
// Node's crypto, opens our encrypted export (and, to show it is right,
// Aegis's own encrypted fixture) and finds the same entries.
func TestExportAegisNodeDecrypts(t *testing.T) {
	node := testkit.NeedTool(t, "node")
	files := loadExpected(t)
	accounts := exportAccounts(t)
	const password = "corrèct horse ✓"
	ours, err := ExportAegis(accounts, password)
	if err != nil {
		t.Fatal(err)
	}
	theirs := readFixture(t, "aegis_encrypted.json", files["aegis_encrypted.json"])
	tests := []struct {
		name, password string
		data           []byte
		want           []core.Account
	}{
		{"aegis_encrypted.json", *files["aegis_encrypted.json"].Password, theirs, importOrFail(t, theirs, "test")},
		{"our export", password, ours, accounts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(testkit.TempDir(t), "vault.json")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(node, "testdata/aegis_decrypt.mjs", path)
			cmd.Stdin = strings.NewReader(tt.password + "\n") // never in argv
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v: %s", err, stderr.Bytes())
			}
			diffLines(t, nodeLines(t, out), fullLines(tt.want, true))
		})
	}
}

func importOrFail(t *testing.T, data []byte, password string) []core.Account {
	t.Helper()
	res, err := Import(Format{Name: "aegis"}, data, func() (string, error) { return password, nil })
	if err != nil {
		t.Fatal(err)
	}
	return res.Accounts
}

// nodeLines turns the decryptor's JSON into fullLine form.
func nodeLines(t *testing.T, out []byte) []string {
	var doc struct {
		Entries []struct {
			Type, Issuer, Name, Secret, Algo, Note string
			Digits                                 int
			Period                                 *int
			Counter                                *uint64
			PIN                                    *string
			Favorite                               bool
			Groups                                 []string
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("decryptor output: %v", err)
	}
	var lines []string
	for _, e := range doc.Entries {
		c := canonicalOf(e.Type, e.Issuer, e.Name, e.Secret, e.Algo, e.Digits, e.Type == "hotp", orZero(e.Period), orZero(e.Counter), e.Groups)
		lines = append(lines, fmt.Sprintf("%s note=%q fav=%v pin=%q", c, e.Note, e.Favorite, orZero(e.PIN)))
	}
	sort.Strings(lines)
	return lines
}

// TestExportOTPAuthListRoundTrip: the plain URI list reads back as the same
// accounts (URIs carry no groups, notes or favourites).
func TestExportOTPAuthListRoundTrip(t *testing.T) {
	accounts := exportAccounts(t)
	data := ExportOTPAuthList(accounts)
	if n := bytes.Count(data, []byte("\n")); n != len(accounts) {
		t.Errorf("%d lines for %d accounts", n, len(accounts))
	}
	f, err := Detect("codes.txt", data)
	if err != nil || f.Name != "otpauth" {
		t.Fatalf("Detect = %q, %v", f.Name, err)
	}
	res, err := Import(f, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, fullLines(res.Accounts, false), fullLines(accounts, false))
}

// Another app gets nothing of an entry that keeps only recovery codes.
func TestExportsLeaveOutCodesOnlyEntries(t *testing.T) {
	only, err := core.NewCodesOnly("Bank:me", []string{"1111-2222"}, testkit.Now)
	if err != nil {
		t.Fatal(err)
	}
	with := core.Account{Issuer: "Site", Name: "u", Secret: testkit.RandomSecret(20)}
	with.Defaults()
	accs := []core.Account{only, with}
	if list := string(ExportOTPAuthList(accs)); strings.Count(list, "\n") != 1 || strings.Contains(list, "Bank") {
		t.Fatalf("otpauth list: %q", list)
	}
	plain, err := ExportAegis(accs, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(plain), "Bank") || !strings.Contains(string(plain), `"issuer": "Site"`) {
		t.Fatalf("aegis: %s", plain)
	}
}
