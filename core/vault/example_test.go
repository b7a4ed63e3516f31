package vault_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

func ExampleCreate() {
	tmp, _ := os.MkdirTemp("", "lifeline-example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "vault")
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

	v, rk, err := vault.Create(dir, "my password", now)
	if err != nil {
		log.Fatal(err)
	}
	// Show rk.Reveal() to the person now: it opens the vault without the password.
	secret, _ := core.ParseSecret("JBSW Y3DP EHPK 3PXP")
	if _, err := v.Doc.Add(core.Account{Issuer: "Example", Name: "alice", Secret: secret}, now); err != nil {
		log.Fatal(err)
	}
	if err := v.Save(now); err != nil {
		log.Fatal(err)
	}
	fmt.Println(rk) // a RecoveryKey never prints itself

	// Later, the password is forgotten: the recovery key, typed sloppily.
	typed := "lifeline-recovery-key: " + rk.Reveal()
	k, err := vault.ParseRecoveryKey(typed)
	if err != nil {
		log.Fatal(err)
	}
	w, err := vault.OpenRecoveryKey(dir, k)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(w.Doc.Accounts[0].Label())
	if _, err := vault.OpenPassword(dir, "wrong"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// (recovery key)
	// Example:alice
	// wrong password
}
