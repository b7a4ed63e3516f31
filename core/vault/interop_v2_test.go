package vault

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lifelineauth/lifeline/core/testkit"
)

// The recovery key sealed in the document opens with the age CLI and
// password.age, as docs/FORMAT.md says ("Opening a vault without
// Lifeline"), and only with the password identity.
func TestAgeCLISealedRecoveryKey(t *testing.T) {
	ageBin, script := testkit.NeedTool(t, "age"), testkit.NeedTool(t, "script")
	v, rk := newTestVault(t)
	ct, err := base64.StdEncoding.DecodeString(v.Doc.Keys.RecoveryKeySealed)
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.TempDir(t)
	sealed, out := filepath.Join(dir, "sealed.age"), filepath.Join(dir, "key.txt")
	if err := os.WriteFile(sealed, ct, 0o600); err != nil {
		t.Fatal(err)
	}
	testkit.Run(t, testPassword+"\n", script, "-qec", ageBin+" -d -i "+filepath.Join(v.Dir, PasswordFile)+" -o "+out+" "+sealed, "/dev/null")
	b, err := os.ReadFile(out)
	if err != nil || strings.TrimSpace(string(b)) != rk.Reveal() {
		t.Fatalf("age printed %q (%v), want the recovery key", b, err)
	}
	if _, err := unsealRecoveryKey(v.Doc.Keys.RecoveryKeySealed, v.identity); err == nil {
		t.Fatal("the vault identity unseals the recovery key")
	}
}
