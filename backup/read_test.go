package backup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core/testkit"
	"github.com/lifelineauth/lifeline/core/vault"
)

type damageCase struct {
	name string
	data []byte
	key  Key
	want error // a sentinel, or a *NeedKeyError / *UnsupportedError value for its type
}

// damageCases are the ways a restore can be handed the wrong thing.
func damageCases(t testing.TB) []damageCase {
	v, rk := newVault(t, 30)
	rr, _ := v.RecoveryRecipient()
	export := func(o Options, doc *vault.Document) []byte {
		var b bytes.Buffer
		if err := Export(&b, doc, rr, o); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	plain := export(Options{}, v.Doc)
	armored := export(Options{Armor: true}, v.Doc)
	pass := export(Options{Passphrase: "right"}, v.Doc)
	edPriv, edPub := sshKeyPair(t, "ed25519")
	otherPriv, _ := sshKeyPair(t, "ed25519")
	sshFile := export(Options{Recipients: []age.Recipient{mustRecipient(t, edPub)}}, v.Doc)
	otherRK, _ := vault.NewRecoveryKey()
	otherSSH, _ := ParseIdentityFile(otherPriv, nil)
	_ = edPriv

	ageOf := func(pt string) []byte {
		var b bytes.Buffer
		w, _ := age.Encrypt(&b, rk.Identity().Recipient())
		w.Write([]byte(pt))
		w.Close()
		return b.Bytes()
	}
	newer, _ := json.Marshal(map[string]any{"format": vault.FormatVersion + 1, "vault_id": "x", "accounts": []any{}, "hologram": true})
	mac := bytes.Index(plain, []byte("\n--- ")) + 6
	rk1 := Key{RecoveryKey: rk}
	cp := func(b []byte) []byte { return append([]byte(nil), b...) }
	flip := func(b []byte, i int) []byte { b = cp(b); b[i] ^= 0x04; return b }
	armorFlip := cp(armored)
	i := bytes.IndexByte(armorFlip[40:], '\n') + 45 // inside the second base64 line
	armorFlip[i] = map[bool]byte{true: 'B', false: 'A'}[armorFlip[i] == 'A']

	return []damageCase{
		{"bit flip in the payload", flip(plain, len(plain)*6/10), rk1, ErrCorrupted},
		{"bit flip in the header MAC", flip(plain, mac+3), rk1, ErrCorrupted},
		{"bit flip in armored text", armorFlip, rk1, ErrCorrupted},
		{"truncated inside the payload", plain[:len(plain)*7/10], rk1, ErrTruncated},
		{"truncated by one byte", plain[:len(plain)-1], rk1, ErrTruncated},
		{"truncated inside the header", plain[:40], rk1, ErrTruncated},
		{"truncated to nothing", nil, rk1, ErrTruncated},
		{"truncated armored", armored[:len(armored)/2], rk1, ErrTruncated},
		{"wrong recovery key", plain, Key{RecoveryKey: otherRK}, ErrWrongKey},
		{"wrong SSH key", sshFile, Key{Identities: otherSSH}, ErrWrongKey},
		{"wrong passphrase", pass, Key{Passphrase: "wrong"}, ErrWrongPassphrase},
		{"passphrase backup asking for scrypt 2^22", testkit.ScryptWorkFactor(t, pass, 22), Key{Passphrase: "right"}, &vault.WorkFactorError{}},
		{"recovery key for a passphrase backup", pass, rk1, &NeedKeyError{}},
		{"no key", plain, Key{}, &NeedKeyError{}},
		{"JSON, not encrypted", []byte(`{"format":1,"vault_id":"x","accounts":[]}`), rk1, ErrNotBackup},
		{"another app's export", []byte(`{"version":1,"header":{"slots":null},"db":{"entries":[]}}`), rk1, ErrNotBackup},
		{"a PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), rk1, ErrNotBackup},
		{"age file holding something else", ageOf("just some notes\n"), rk1, ErrNotVault},
		{"newer Lifeline", ageOf(string(newer)), rk1, vault.ErrNewerFormat},
		{"plugin recipient", bytes.Replace(cp(plain), []byte("-> X25519"), []byte("-> piv-p256"), 1), rk1, &UnsupportedError{}},
	}
}

func matches(err, want error) bool {
	switch want.(type) {
	case *NeedKeyError:
		var n *NeedKeyError
		return errors.As(err, &n)
	case *UnsupportedError:
		var u *UnsupportedError
		return errors.As(err, &u) && errors.Is(err, ErrUnsupported)
	case *vault.WorkFactorError:
		var w *vault.WorkFactorError
		return errors.As(err, &w)
	}
	return errors.Is(err, want)
}

// Each way a file can be wrong has its own error and its own message.
func TestReadDamage(t *testing.T) {
	msgs := map[string]string{} // first line of the message → kind
	for _, c := range damageCases(t) {
		t.Run(c.name, func(t *testing.T) {
			o, err := Read(c.data, c.key)
			if err == nil || !matches(err, c.want) {
				t.Fatalf("Read = %v, %v; want %v", o, err, c.want)
			}
			kind := fmt.Sprintf("%T %v", c.want, c.want)
			head := strings.SplitN(err.Error(), ":", 2)[0]
			if k, ok := msgs[head]; ok && k != kind {
				t.Errorf("message %q is shared by %s and %s", head, k, kind)
			}
			msgs[head] = kind
		})
	}
}

func TestNeedKeyErrorNamesWhatOpens(t *testing.T) {
	v, rk := newVault(t, 1)
	rr, _ := v.RecoveryRecipient()
	var b bytes.Buffer
	_, edPub := sshKeyPair(t, "ed25519")
	if err := Export(&b, v.Doc, rr, Options{Recipients: []age.Recipient{mustRecipient(t, edPub)}}); err != nil {
		t.Fatal(err)
	}
	_, err := Read(b.Bytes(), Key{Passphrase: "x"})
	var n *NeedKeyError
	if !errors.As(err, &n) || !equalNeeds(n.Needs, []Need{NeedRecoveryKey, NeedSSHKey}) {
		t.Fatalf("err = %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "recovery key") || !strings.Contains(msg, "SSH private key") {
		t.Errorf("message %q does not name both keys", msg)
	}
	if _, err := Read(b.Bytes(), Key{RecoveryKey: rk}); err != nil {
		t.Fatalf("the recovery key still opens it: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	v, rk := newVault(f, 2)
	rr, _ := v.RecoveryRecipient()
	for _, c := range damageCases(f) {
		f.Add(c.data)
	}
	var b bytes.Buffer
	Export(&b, v.Doc, rr, Options{})
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Read(data, Key{RecoveryKey: rk, Passphrase: "p"})
		if err == nil && (o.Doc == nil || o.Doc.VaultID == "") {
			t.Fatal("Read succeeded without a document")
		}
		if _, err := Inspect(data); err == nil && !bytes.Contains(data, []byte("age-encryption.org/v1")) && !bytes.Contains(data, []byte("BEGIN AGE")) {
			t.Fatal("Inspect accepted a file that is not age")
		}
	})
}

// The identity files a person may hold open the backups made for them:
// age keys, SSH keys (also passphrase-protected ones from ssh-keygen), and a
// vault's own password.age (an age identity file encrypted with the vault
// password), which opens that vault's vault.age, itself a valid backup.
func TestParseIdentityFile(t *testing.T) {
	v, rk := newVault(t, 3)
	rr, _ := v.RecoveryRecipient()
	ageID, _ := age.GenerateX25519Identity()
	_, edPub := sshKeyPair(t, "ed25519")
	keygen := testkit.NeedTool(t, "ssh-keygen")
	locked := filepath.Join(testkit.TempDir(t), "id_locked")
	testkit.Run(t, "", keygen, "-q", "-t", "ed25519", "-N", "ssh pass", "-f", locked)
	lockedPub, _ := os.ReadFile(locked + ".pub")
	lockedPriv, _ := os.ReadFile(locked)
	passwordAge, err := os.ReadFile(filepath.Join(v.Dir, vault.PasswordFile))
	if err != nil {
		t.Fatal(err)
	}

	backup := func(o Options) []byte {
		var b bytes.Buffer
		if err := Export(&b, v.Doc, rr, o); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	asked := 0
	ask := func(answer string) func() (string, error) {
		return func() (string, error) { asked++; return answer, nil }
	}
	cases := []struct {
		name    string
		file    []byte
		pass    func() (string, error)
		backup  []byte
		wantErr string
	}{
		{"age identity with comments", []byte("# created: today\n" + ageID.String() + "\n"), nil,
			backup(Options{Recipients: []age.Recipient{ageID.Recipient()}}), ""},
		{"recovery key's age identity", []byte(rk.AgeIdentity() + "\n"), nil, backup(Options{}), ""},
		{"passphrase-protected SSH key", lockedPriv, ask("ssh pass"),
			backup(Options{Recipients: []age.Recipient{mustRecipient(t, string(lockedPub))}}), ""},
		{"passphrase-protected SSH key, no way to ask", lockedPriv, nil, nil, "protected by a passphrase"},
		{"vault password.age", passwordAge, ask(testPassword), nil, ""},
		{"vault password.age, wrong password", passwordAge, ask("nope"), nil, "wrong passphrase for the key file"},
		{"a recovery key", []byte(rk.Reveal() + "\n"), nil, nil, "holds a recovery key"},
		{"a public key", []byte(edPub + "\n"), nil, nil, "key file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ids, err := ParseIdentityFile(c.file, c.pass)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want %q", err, c.wantErr)
				}
				if strings.Contains(err.Error(), rk.Reveal()) || strings.Contains(err.Error(), "PRIVATE") {
					t.Fatal("the error quotes the key")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			data := c.backup
			if data == nil {
				// password.age holds the vault identity, which opens vault.age.
				data, _ = os.ReadFile(filepath.Join(v.Dir, vault.VaultFile))
			}
			o, err := Read(data, Key{Identities: ids})
			if err != nil {
				t.Fatalf("Read with it: %v", err)
			}
			if o.By != "key file" || len(o.Doc.Accounts) != 3 {
				t.Errorf("opened by %s with %d accounts", o.By, len(o.Doc.Accounts))
			}
		})
	}
	if asked == 0 {
		t.Error("the passphrase callback was never used")
	}
	if _, err := ParseIdentityFile(lockedPriv, func() (string, error) { return "", errors.New("cancelled") }); err != nil {
		t.Fatalf("an SSH key asks only when it is needed, not when parsed: %v", err)
	}
}

// TestPassphraseWorkFactorLimit: a passphrase backup or a passphrase-
// protected identity file that asks for more scrypt work than Lifeline
// writes is refused before scrypt runs, saying what it asked for; within
// the limit both open.
func TestPassphraseWorkFactorLimit(t *testing.T) {
	v, _ := newVault(t, 3)
	rr, _ := v.RecoveryRecipient()
	var backup bytes.Buffer
	if err := Export(&backup, v.Doc, rr, Options{Passphrase: "right"}); err != nil {
		t.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.NewScryptRecipient("right")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(vault.WorkFactor())
	var idFile bytes.Buffer
	w, err := age.Encrypt(&idFile, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(id.String() + "\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	right := func() (string, error) { return "right", nil }
	open := map[string]func(data []byte) error{
		"passphrase backup": func(data []byte) error { _, err := Read(data, Key{Passphrase: "right"}); return err },
		"identity file":     func(data []byte) error { _, err := ParseIdentityFile(data, right); return err },
	}
	files := map[string][]byte{"passphrase backup": backup.Bytes(), "identity file": idFile.Bytes()}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			if err := open[name](data); err != nil {
				t.Fatalf("as written: %v", err)
			}
			for _, logN := range []int{vault.MaxWorkFactor + 1, 22} {
				start := time.Now()
				err := open[name](testkit.ScryptWorkFactor(t, data, logN))
				took := time.Since(start)
				var wf *vault.WorkFactorError
				if !errors.As(err, &wf) || wf.Asks != logN {
					t.Fatalf("work factor %d: %v, want a WorkFactorError", logN, err)
				}
				if !strings.Contains(err.Error(), "opens at most 19") || took > 500*time.Millisecond {
					t.Errorf("work factor %d: %q after %v", logN, err, took)
				}
			}
		})
	}
}
