package gui

import (
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
)

// TestExportData round-trips each export format of the dialog: the age
// backup through backup.Read, the others through their apps.
func TestExportData(t *testing.T) {
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	v := reopen(t, dir)
	rr, rk := recoveryOf(t, v)
	tests := []struct {
		format, password string
		plain            bool // the secret is readable in the file
	}{
		{exportBackup, "", false},
		{exportBackup, "a backup passphrase", false},
		{exportAegis, "phone password", false},
		{exportAegisPlain, "", true},
		{exportOTPAuth, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+tt.password, func(t *testing.T) {
			data, err := exportData(tt.format, v.Doc, rr, tt.password)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(data), "JBSWY3DPEHPK3PXP"); got != tt.plain {
				t.Fatalf("secret readable in the file = %v, want %v", got, tt.plain)
			}
			var got string
			if tt.format == exportBackup {
				o, err := backup.Read(data, backup.Key{RecoveryKey: rk, Passphrase: tt.password})
				if err != nil {
					t.Fatal(err)
				}
				got = labels(o.Doc.Accounts)
			} else {
				f, err := apps.Detect(exportNames[tt.format], data)
				if err != nil {
					t.Fatal(err)
				}
				res, err := apps.Import(f, data, func() (string, error) { return tt.password, nil })
				if err != nil {
					t.Fatal(err)
				}
				got = labels(res.Accounts)
			}
			if got != "GitHub:alice,GitLab:bob" {
				t.Errorf("round trip = %s", got)
			}
		})
	}
}
