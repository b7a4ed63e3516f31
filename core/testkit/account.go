package testkit

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Now is the fixed moment the vault and backup tests happen at.
var Now = time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)

// Password is the vault password of the tests.
const Password = "correct horse battery staple"

// Account is a realistic account, of one of the kinds and with the fields
// people have, chosen by i: HOTP, Steam, SHA-256 with 8 digits and 60 s,
// groups, a note and a favourite, recovery codes (one used), uses. The
// secret is random.
func Account(i int) core.Account {
	issuers := []string{"GitHub", "Google", "Microsoft", "Amazon Web Services", "Dropbox", "Steam", "Proton", "Bank of Example"}
	a := core.Account{
		Issuer: issuers[i%len(issuers)],
		Name:   fmt.Sprintf("user%d@example.com", i),
		Secret: RandomSecret(20),
	}
	switch i % 10 {
	case 1:
		a.Type, a.Counter = core.HOTP, uint64(i)
	case 2:
		a.Type = core.Steam
	case 3:
		a.Algorithm, a.Digits, a.Period, a.Secret = otp.SHA256, 8, 60, RandomSecret(32)
	case 4:
		a.Groups, a.Note, a.Favorite = []string{"work", "cloud"}, "admin account; ask IT before changing", true
	case 5:
		used := Now
		a.RecoveryCodes = []core.RecoveryCode{
			{Code: "a1b2c-d3e4f", Added: Now},
			{Code: "0f9e8-d7c6b", Added: Now, UsedAt: &used},
		}
	}
	a.Uses = i % 7
	return a
}

// RandomSecret is n random bytes.
func RandomSecret(n int) core.Secret {
	s := make(core.Secret, n)
	rand.Read(s)
	return s
}
