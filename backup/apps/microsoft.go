package apps

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Microsoft Authenticator's database (databases/PhoneFactor, from a rooted
// phone): table accounts(name = issuer, username, oath_secret_key,
// account_type). Type 0 is a third-party TOTP account with a Base32
// secret; type 1 a personal Microsoft account, whose secret is base64 and
// whose codes have 8 digits. Both are SHA1 and 30 s.
const (
	microsoftTOTP      = 0
	microsoftPersonal  = 1
	microsoftMSADigits = 8
)

func readMicrosoft(data []byte, _ *passwordSource, out *results) error {
	db, _, err := openAccounts(data, "Microsoft Authenticator", "name", "username", "oath_secret_key", "account_type")
	if err != nil {
		return err
	}
	defer db.Close()
	i := 0
	return db.query("SELECT name, username, oath_secret_key, account_type FROM accounts ORDER BY rowid", func(r *sql.Rows) error {
		var name, user, secret sql.NullString
		var typ sql.NullInt64
		if err := r.Scan(&name, &user, &secret, &typ); err != nil {
			return err
		}
		defer func() { i++ }()
		a := core.Account{Type: core.TOTP, Issuer: name.String, Name: user.String, Algorithm: otp.SHA1, Digits: 6, Period: 30}
		if strings.TrimSpace(secret.String) == "" {
			out.skip(label(&a, i), "no one-time-password secret: this account signs in by notification only, which only Microsoft's app can answer")
			return nil
		}
		var err error
		switch typ.Int64 {
		case microsoftTOTP:
			a.Secret, err = core.ParseSecret(secret.String)
		case microsoftPersonal:
			a.Digits = microsoftMSADigits
			a.Secret, err = decodeBase64(secret.String)
		default:
			out.skip(label(&a, i), fmt.Sprintf("account type %d is not one Lifeline knows how to read (only 0, third-party TOTP, and 1, Microsoft personal accounts)", typ.Int64))
			return nil
		}
		if err != nil {
			return damaged("account %d (%s): secret: %v", i+1, label(&a, i), err)
		}
		out.add(a)
		return nil
	})
}
