package backup_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/lifelineauth/lifeline/backup"
	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// A backup is written to the recovery key, read back with it, and
// previewed against the vault before anything changes.
func Example() {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tmp, _ := os.MkdirTemp("", "lifeline-example")
	defer os.RemoveAll(tmp)
	v, rk, err := vault.Create(filepath.Join(tmp, "vault"), "my password", now)
	if err != nil {
		log.Fatal(err)
	}
	secret, _ := core.ParseSecret("JBSWY3DPEHPK3PXP")
	v.Doc.Add(core.Account{Issuer: "Example", Name: "alice", Secret: secret}, now)
	v.Save(now)

	rr, _ := v.RecoveryRecipient()
	var file bytes.Buffer
	if err := backup.Export(&file, v.Doc, rr, backup.Options{}); err != nil {
		log.Fatal(err)
	}
	info, _ := backup.Inspect(file.Bytes())
	fmt.Println("opens with:", info.Needs)

	opened, err := backup.Read(file.Bytes(), backup.Key{RecoveryKey: rk})
	if err != nil {
		log.Fatal(err)
	}
	p := backup.Plan(v.Doc, backup.FromDocument(opened.Doc, "backup.age"), now)
	for _, it := range p.Items {
		fmt.Println(it.Label, it.Kind, it.Action(backup.Merge))
	}
	// Output:
	// opens with: [recovery key]
	// Example:alice identical keep
}
