package qr

import (
	"testing"

	"github.com/lifelineauth/lifeline/core"
)

// TestCollectorResetZeroes: Reset forgets the collected batches and zeroes
// their secrets (a locked window must not keep half an export), while the
// accounts Accounts handed out before keep theirs.
func TestCollectorResetZeroes(t *testing.T) {
	secret := core.Secret("12345678901234567890")
	b := core.Batch{BatchSize: 2, Accounts: []core.Account{{Type: core.TOTP, Issuer: "A", Secret: secret}}}
	var c Collector
	if _, err := c.Add(b); err != nil {
		t.Fatal(err)
	}
	out := c.Accounts()
	c.Reset()
	if len(c.Exports()) != 0 || len(c.Accounts()) != 0 {
		t.Errorf("after Reset: %v exports, %d accounts", c.Exports(), len(c.Accounts()))
	}
	for _, x := range secret {
		if x != 0 {
			t.Fatalf("the collected secret survives Reset: %q", secret)
		}
	}
	if string(out[0].Secret) != "12345678901234567890" {
		t.Errorf("an account returned before Reset lost its secret: %q", out[0].Secret)
	}
}
