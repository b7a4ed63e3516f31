package backup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

// The promise: a backup opens with the official age tool alone. Each kind
// is written by Lifeline and decrypted by the age CLI with the key a person
// would have: the recovery key's age identity, an SSH key made by
// ssh-keygen, or the passphrase typed at age's prompt.
func TestAgeCLIOpensBackups(t *testing.T) {
	ageBin := testkit.NeedTool(t, "age")
	v, rk := newVault(t, 9)
	rr, _ := v.RecoveryRecipient()
	dir := testkit.TempDir(t)
	rkID := writeFile(t, dir, "recovery.txt", []byte(rk.AgeIdentity()+"\n"))

	cases := []struct {
		name    string
		opts    func(t *testing.T) (Options, []string) // options and age's decrypt arguments
		keys    bool
		passTTY string // typed at age's passphrase prompt
	}{
		{"recovery key", func(*testing.T) (Options, []string) { return Options{}, []string{"-i", rkID} }, true, ""},
		{"recovery key, armored", func(*testing.T) (Options, []string) { return Options{Armor: true}, []string{"-i", rkID} }, true, ""},
		{"ssh-ed25519 key from ssh-keygen", func(t *testing.T) (Options, []string) {
			key := sshKeygen(t, "ed25519")
			pub, _ := os.ReadFile(key + ".pub")
			return Options{Recipients: []age.Recipient{mustRecipient(t, string(pub))}}, []string{"-i", key}
		}, false, ""},
		{"ssh-rsa key from ssh-keygen", func(t *testing.T) (Options, []string) {
			key := sshKeygen(t, "rsa")
			pub, _ := os.ReadFile(key + ".pub")
			return Options{Recipients: []age.Recipient{mustRecipient(t, string(pub))}}, []string{"-i", key}
		}, false, ""},
		{"passphrase", func(*testing.T) (Options, []string) { return Options{Passphrase: "a long backup passphrase"}, nil }, false, "a long backup passphrase"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts, args := c.opts(t)
			file := filepath.Join(testkit.TempDir(t), "backup.age")
			if err := ExportFile(file, v.Doc, rr, opts); err != nil {
				t.Fatal(err)
			}
			var out []byte
			if c.passTTY == "" {
				out = testkit.Run(t, "", ageBin, append(append([]string{"-d"}, args...), file)...)
			} else {
				// age reads a passphrase only from a terminal: script gives it one.
				dst := filepath.Join(testkit.TempDir(t), "out.json")
				testkit.Run(t, c.passTTY+"\n", testkit.NeedTool(t, "script"), "-qec", ageBin+" -d -o "+dst+" "+file, "/dev/null")
				out, _ = os.ReadFile(dst)
			}
			var d vault.Document
			if err := json.Unmarshal(out, &d); err != nil {
				t.Fatalf("age's output is not the vault JSON: %v", err)
			}
			if accountsJSON(t, d.Accounts) != accountsJSON(t, v.Doc.Accounts) {
				t.Error("age decrypted other accounts")
			}
			if (d.Keys != nil) != c.keys {
				t.Errorf("keys present = %v, want %v", d.Keys != nil, c.keys)
			}
		})
	}
}

// sshKeygen makes a key pair with ssh-keygen, no passphrase.
func sshKeygen(t *testing.T, kind string) string {
	t.Helper()
	key := filepath.Join(testkit.TempDir(t), "id_"+kind)
	testkit.Run(t, "", testkit.NeedTool(t, "ssh-keygen"), "-q", "-t", kind, "-N", "", "-C", "test@lifeline", "-f", key)
	return key
}

// A file the age CLI encrypted to the recovery recipient (no padding, as any
// other tool would write it) restores, and a passphrase file age wrote opens
// with that passphrase.
func TestRestoreFileWrittenByAgeCLI(t *testing.T) {
	ageBin := testkit.NeedTool(t, "age")
	v, rk := newVault(t, 4)
	rr, _ := v.RecoveryRecipient()
	doc, _ := json.Marshal(v.Doc)
	dir := testkit.TempDir(t)

	for _, armor := range []bool{false, true} {
		args := []string{"-r", rr, "-o", filepath.Join(dir, "x.age")}
		if armor {
			args = append(args, "-a")
		}
		os.Remove(filepath.Join(dir, "x.age"))
		testkit.Run(t, string(doc), ageBin, args...)
		data, _ := os.ReadFile(filepath.Join(dir, "x.age"))
		o, err := Read(data, Key{RecoveryKey: rk})
		if err != nil {
			t.Fatalf("armor %v: Read: %v", armor, err)
		}
		if accountsJSON(t, o.Doc.Accounts) != accountsJSON(t, v.Doc.Accounts) || o.Info.Armored != armor {
			t.Errorf("armor %v: wrong content or armor flag", armor)
		}
		p := Plan(v.Doc, FromDocument(o.Doc, "x.age"), testNow)
		if p.Count(Identical) != 4 || !p.SameVault {
			t.Errorf("armor %v: preview %d identical, same vault %v", armor, p.Count(Identical), p.SameVault)
		}
	}

	src := writeFile(t, dir, "doc.json", doc)
	out := filepath.Join(dir, "p.age")
	testkit.Run(t, "pass phrase\npass phrase\n", testkit.NeedTool(t, "script"), "-qec", ageBin+" -p -o "+out+" "+src, "/dev/null")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("age wrote no passphrase file: %v", err)
	}
	if info, err := Inspect(data); err != nil || !equalNeeds(info.Needs, []Need{NeedPassphrase}) {
		t.Fatalf("Inspect: %+v %v", info, err)
	}
	if _, err := Read(data, Key{Passphrase: "pass phrase"}); err != nil {
		t.Fatalf("Read age's passphrase file: %v", err)
	}
}
