package apps

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// TestReaderFeatures covers what the fixtures do not show: skipped entries
// and why, groups and favourites from each app's own fields, bare secrets,
// Google migration lines in a list, an unencrypted Authenticator Plus ZIP.
func TestReaderFeatures(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string // canonical lines
		skipped          []string // reasons, in part
	}{
		{name: "stratum skips mOTP and Yandex, maps categories", file: "b.json", data: `{"Authenticators": [
			{"Type": 2, "Issuer": "A", "Username": "u", "Secret": "JBSWY3DPEHPK3PXP", "Algorithm": 0, "Digits": 6, "Period": 30},
			{"Type": 3, "Issuer": "M", "Username": null, "Secret": "00", "Algorithm": 0, "Digits": 6, "Period": 10},
			{"Type": 5, "Issuer": "Y", "Username": null, "Secret": "00", "Algorithm": 0, "Digits": 8, "Period": 30}],
			"Categories": [{"Id": "c1", "Name": "Work"}],
			"AuthenticatorCategories": [{"CategoryId": "c1", "AuthenticatorSecret": "JBSWY3DPEHPK3PXP"}]}`,
			want:    []string{`totp "A" "u" JBSWY3DPEHPK3PXP SHA1 6 period 30 groups["Work"]`},
			skipped: []string{"mOTP entries from Stratum", "Yandex entries from Stratum"}},
		{name: "2fas groups and a 5-digit TOTP Lifeline cannot hold", file: "x.2fas", data: `{"schemaVersion": 4,
			"groups": [{"id": "g", "name": "Home"}], "services": [
			{"name": "A", "secret": "JBSWY3DP", "groupId": "g", "otp": {"account": "me", "digits": 6, "period": 30, "algorithm": "SHA256", "tokenType": "TOTP"}},
			{"name": "B", "secret": "JBSWY3DP", "otp": {"account": "me", "digits": 5, "tokenType": "TOTP"}},
			{"name": "C", "secret": "JBSWY3DP", "otp": {"account": "me", "tokenType": "PUSH"}}]}`,
			want:    []string{`totp "A" "me" JBSWY3DP SHA256 6 period 30 groups["Home"]`},
			skipped: []string{"digits 5 out of range", `token type "PUSH"`}},
		{name: "aegis drops unknown group ids and skips unknown types", file: "a.json", data: `{"version": 1,
			"header": {"slots": null, "params": null}, "db": {"version": 3, "groups": [{"uuid": "g1", "name": "One"}], "entries": [
			{"type": "totp", "name": "n", "issuer": "i", "groups": ["g1", "gone"], "info": {"secret": "JBSWY3DP", "algo": "SHA1", "digits": 6, "period": 30}},
			{"type": "push", "name": "p", "issuer": "i", "info": {"secret": "JBSWY3DP"}}]}}`,
			want:    []string{`totp "i" "n" JBSWY3DP SHA1 6 period 30 groups["One"]`},
			skipped: []string{`type "push"`}},
		{name: "bitwarden bare secret and folder", file: "b.json", data: `{"encrypted": false,
			"folders": [{"id": "f", "name": "Mail"}], "items": [
			{"name": "Example", "folderId": "f", "login": {"username": "me@example.com", "totp": "jbsw y3dp"}},
			{"name": "No codes", "login": {"username": "x", "totp": null}}]}`,
			want: []string{`totp "Example" "me@example.com" JBSWY3DP SHA1 6 period 30 groups["Mail"]`}},
		{name: "ente trash, pins and tags", file: "e.txt", data: "" +
			"otpauth://totp/A:a?secret=JBSWY3DP&codeDisplay=%7B%22pinned%22%3Atrue%2C%22tags%22%3A%5B%22x%22%5D%7D\n" +
			"otpauth://totp/B:b?secret=JBSWY3DP&codeDisplay=%7B%22trashed%22%3Atrue%7D\n",
			want:    []string{`totp "A" "a" JBSWY3DP SHA1 6 period 30 groups["x"]`},
			skipped: []string{"in Ente's trash"}},
		{name: "plain list with comments and a migration line", file: "l.txt", data: "# my codes\n\n" +
			"otpauth://hotp/A:a?secret=JBSWY3DP&counter=7\n" + migrationLine(),
			want: []string{`hotp "A" "a" JBSWY3DP SHA1 6 counter 7 groups[]`,
				`totp "Bob" "alice@google.com" JBSWY3DPEHPK3PXP SHA1 6 period 30 groups[]`}},
		{name: "duo push account", file: "d.json", data: `[{"name": "VPN", "accountType": "DuoAccount", "pkey": "x"},
			{"name": "Site", "otpGenerator": {"otpSecret": "JBSWY3DP"}}]`,
			want:    []string{`totp "" "Site" JBSWY3DP SHA1 6 period 30 groups[]`},
			skipped: []string{"Duo push account"}},
		{name: "unencrypted authenticator plus zip", file: "p.zip", data: "",
			want: []string{`totp "A" "a" JBSWY3DP SHA1 6 period 30 groups[]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if strings.HasSuffix(tt.file, ".zip") {
				data = zipOf(t, "export/Accounts.txt", "otpauth://totp/A:a?secret=JBSWY3DP\n")
			}
			f, err := Detect(tt.file, []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Import(f, []byte(data), nil)
			if err != nil {
				t.Fatal(err)
			}
			diffLines(t, gotLines(res.Accounts), tt.want)
			if len(res.Skipped) != len(tt.skipped) {
				t.Fatalf("skipped %+v, want %d", res.Skipped, len(tt.skipped))
			}
			for i, s := range tt.skipped {
				if !strings.Contains(res.Skipped[i].Reason, s) || res.Skipped[i].Label == "" {
					t.Errorf("skipped[%d] = %+v, want a label and a reason with %q", i, res.Skipped[i], s)
				}
			}
		})
	}
}

// migrationLine is a Google Authenticator export of one account, as core
// writes it.
func migrationLine() string {
	a := core.Account{Type: core.TOTP, Issuer: "Bob", Name: "alice@google.com", Secret: core.Secret("Hello!\xde\xad\xbe\xef")}
	a.Defaults()
	uris, _, err := core.FormatMigrationURIs([]core.Account{a}, 1)
	if err != nil || len(uris) != 1 {
		panic(err)
	}
	return uris[0] + "\n"
}

// TestAegisUnrepairedSlot: a password slot from Aegis before its issue #95
// fix was keyed with the password bytes plus zeros; past 64 bytes those
// zeros change the key, and the importer then tries the old form.
func TestAegisUnrepairedSlot(t *testing.T) {
	long := strings.Repeat("correct horse battery staple ", 3) // 87 bytes
	if got := len(javaLegacyBytes(long)); got != 95 {          // (int)(87 * 1.1f)
		t.Fatalf("legacy form of 87 ASCII bytes is %d bytes, want 95", got)
	}
	if got := javaLegacyBytes("test"); string(got) != "test" {
		t.Fatalf("legacy form of a short password %q, want it unchanged", got)
	}
	accounts := []core.Account{{Type: core.TOTP, Issuer: "I", Name: "n", Secret: core.Secret("12345678901234567890")}}
	accounts[0].Defaults()
	plain, err := marshal(aegisDBFor(accounts), "")
	if err != nil {
		t.Fatal(err)
	}
	header, db, err := aegisSeal(plain, string(javaLegacyBytes(long)))
	if err != nil {
		t.Fatal(err)
	}
	header.Slots[0].Repaired = false
	data, err := marshal(aegisFile{Version: 1, Header: header, DB: db}, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(Format{Name: "aegis"}, data, func() (string, error) { return long, nil })
	if err != nil || len(res.Accounts) != 1 {
		t.Fatalf("unrepaired slot: %v", err)
	}
	var f aegisFile
	_ = json.Unmarshal(data, &f)
	f.Header.Slots[0].Repaired = true
	data, _ = marshal(f, "")
	if _, err := Import(Format{Name: "aegis"}, data, func() (string, error) { return long, nil }); err == nil {
		t.Error("a repaired slot must not be tried with the legacy bytes")
	}
}

// TestTotpAuthenticatorDefaultPassword: a backup made without a password is
// sealed with the app's built-in one and opens without asking. The file is
// made here with the standard library's AES-CBC, not the importer's code.
func TestTotpAuthenticatorDefaultPassword(t *testing.T) {
	list := `[{"base":32,"key":"JBSWY3DP","name":"me","issuer":"Site"}]`
	plain, _ := json.Marshal(map[string]string{list: "1608293023"})
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	plain = append(plain, bytes.Repeat([]byte{byte(pad)}, pad)...)
	key := sha256.Sum256([]byte("TotpAuthenticator"))
	block, _ := aes.NewCipher(key[:])
	ct := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, make([]byte, aes.BlockSize)).CryptBlocks(ct, plain)
	data := []byte(base64.StdEncoding.EncodeToString(ct))

	f, err := Detect("backup.bin", data)
	if err != nil || f.Name != "totp-authenticator" {
		t.Fatalf("Detect = %q, %v", f.Name, err)
	}
	res, err := Import(f, data, nil) // nil: asking would fail the test
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, gotLines(res.Accounts), []string{`totp "Site" "me" JBSWY3DP SHA1 6 period 30 groups[]`})
}
