package gui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/backup/apps"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// TestExportFlow drives the window's export as a person does, from
// Settings → Export… through the dialog and Save… to a file, for each
// format: the age backups open with the real age CLI (with the recovery
// key, or the passphrase alone, which leaves the vault's keys out), the
// other apps' files import back with the secrets they were given.
func TestExportFlow(t *testing.T) {
	ageBin, script := testkit.NeedTool(t, "age"), testkit.NeedTool(t, "script")
	dir := makeVault(t, totp("GitHub", "alice", "JBSWY3DPEHPK3PXP"), totp("GitLab", "bob", "KRSXG5CTMVRXEZLU"))
	_, rk := recoveryOf(t, reopen(t, dir))
	identity := filepath.Join(t.TempDir(), "recovery-key.txt")
	if err := os.WriteFile(identity, []byte(rk.AgeIdentity()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const phrase = "a long export passphrase"
	tests := []struct {
		format, passphrase string
		// read is the file's accounts as "issuer:name=secret,...", read
		// back by something other than the code that wrote it.
		read func(t *testing.T, path string) string
	}{
		{exportBackup, "", func(t *testing.T, path string) string {
			return ageDocument(t, testkit.Run(t, "", ageBin, "-d", "-i", identity, path), true)
		}},
		{exportBackup, phrase, func(t *testing.T, path string) string {
			out := path + ".json"
			testkit.Run(t, phrase+"\n", script, "-qec", ageBin+" -d -o "+out+" "+path, "/dev/null")
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("age wrote nothing: %v", err)
			}
			return ageDocument(t, b, false)
		}},
		{exportAegis, phrase, importedBack(phrase)},
		{exportAegisPlain, "", importedBack("")},
		{exportOTPAuth, "", importedBack("")},
	}
	for _, tt := range tests {
		t.Run(exportNames[tt.format]+"/"+tt.passphrase, func(t *testing.T) {
			u, _ := unlocked(t, dir)
			path := filepath.Join(t.TempDir(), exportNames[tt.format])
			savesTo(t, path)
			u.showSettings()
			tapButton(t, u, "Export…")
			inDialog[*widget.Select](t, u).SetSelected(tt.format)
			if tt.format == exportBackup && tt.passphrase != "" {
				inDialog[*widget.RadioGroup](t, u).SetSelected("A passphrase")
			}
			if tt.passphrase != "" {
				typeInto(t, u, "Passphrase", tt.passphrase)
				typeInto(t, u, "The same passphrase again", tt.passphrase)
			}
			tapButton(t, u, "Save…")
			u.Wait()
			if n, want := u.notice.Text(), "Exported to "+filepath.Base(path)+"."; n != want {
				t.Fatalf("notice %q, want %q; text:\n%s", n, want, visibleText(u))
			}
			if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
				t.Fatalf("export file: %v, %v; want mode 0600", st, err)
			}
			if got, want := tt.read(t, path), "GitHub:alice=JBSWY3DPEHPK3PXP,GitLab:bob=KRSXG5CTMVRXEZLU"; got != want {
				t.Errorf("the file holds %s, want %s", got, want)
			}
			// A Lifeline backup is remembered for the Recovery Kit's
			// "Where your backups are"; other apps' files are not.
			u.lock()
			e, ok := backup.LastExported(reopen(t, dir).Doc)
			if rec := ok && e.Path == path; rec != (tt.format == exportBackup) {
				t.Errorf("last export recorded = %v (%+v), want %v", rec, e, tt.format == exportBackup)
			}
		})
	}
}

// inDialog is the only widget of type T in the dialog on top.
func inDialog[T fyne.CanvasObject](t *testing.T, u *UI) T {
	t.Helper()
	var found []T
	walk(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if w, ok := o.(T); ok {
			found = append(found, w)
		}
	})
	if len(found) != 1 {
		var zero T
		t.Fatalf("%d %T in the dialog; text:\n%s", len(found), zero, visibleText(u))
	}
	return found[0]
}

// ageDocument reads the vault document age decrypted, checks it holds
// the vault's own keys only if withKeys, and lists its accounts.
func ageDocument(t *testing.T, plain []byte, withKeys bool) string {
	t.Helper()
	var doc vault.Document
	if err := json.Unmarshal(plain, &doc); err != nil {
		t.Fatalf("age's output is no vault document: %v\n%.200s", err, plain)
	}
	if got := doc.Keys != nil; got != withKeys {
		t.Errorf("the vault's own keys in the export: %v, want %v", got, withKeys)
	}
	return withSecrets(doc.Accounts)
}

// importedBack reads another app's export back through the importers, as
// `lifeline import` would, opening it with password; with a password, no
// secret may be readable in the file.
func importedBack(password string) func(t *testing.T, path string) string {
	return func(t *testing.T, path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if password != "" && strings.Contains(string(data), "JBSWY3DPEHPK3PXP") {
			t.Fatal("a secret is readable in the encrypted export")
		}
		f, err := apps.Detect(filepath.Base(path), data)
		if err != nil {
			t.Fatal(err)
		}
		res, err := apps.Import(f, data, func() (string, error) { return password, nil })
		if err != nil {
			t.Fatal(err)
		}
		return withSecrets(res.Accounts)
	}
}

// withSecrets lists accounts as "issuer:name=secret,...".
func withSecrets(accs []core.Account) string {
	var out []string
	for _, a := range accs {
		out = append(out, a.Issuer+":"+a.Name+"="+a.Secret.Base32())
	}
	return strings.Join(out, ",")
}
