package apps

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// Google Authenticator's database (databases/databases, up to version 5.10,
// from a rooted phone): table accounts(email, secret, counter, type 0=TOTP
// 1=HOTP, issuer). Every account is SHA1, 6 digits, 30 s: those versions
// knew nothing else.
const (
	googleTOTP = 0
	googleHOTP = 1
)

// errGoogleEncrypted is a function, not a value: Import fills in the
// format's title on the *Error it returns.
func errGoogleEncrypted() error {
	return unsupported("this database is from Google Authenticator 6 or later, which encrypts each secret " +
		"with a key kept in the phone's keystore, where no other program can reach it; in the app use " +
		"Transfer accounts → Export accounts and scan its QR codes into Lifeline instead")
}

func readGoogleAuth(data []byte, _ *passwordSource, out *results) error {
	db, cols, err := openAccounts(data, "Google Authenticator", "email", "secret")
	if err != nil {
		return err
	}
	defer db.Close()
	if cols["isencrypted"] {
		var n int
		err := db.query("SELECT count(*) FROM accounts WHERE isencrypted > 0", func(r *sql.Rows) error { return r.Scan(&n) })
		if err != nil {
			return err
		}
		if n > 0 {
			return errGoogleEncrypted()
		}
	}
	issuer, counter := "NULL", "0"
	if cols["issuer"] {
		issuer = "issuer"
	}
	if cols["counter"] {
		counter = "counter"
	}
	i := 0
	return db.query("SELECT email, secret, "+counter+", type, "+issuer+" FROM accounts ORDER BY rowid", func(r *sql.Rows) error {
		var email, secret, iss sql.NullString
		var cnt, typ sql.NullInt64
		if err := r.Scan(&email, &secret, &cnt, &typ, &iss); err != nil {
			return err
		}
		a := core.Account{Name: email.String, Issuer: iss.String, Algorithm: otp.SHA1, Digits: 6}
		// "Issuer:name" in the email column, as Google stored labels.
		if parts := strings.Split(email.String, ":"); len(parts) == 2 {
			a.Name = strings.TrimSpace(parts[1])
			if a.Issuer == "" {
				a.Issuer = strings.TrimSpace(parts[0])
			}
		}
		defer func() { i++ }()
		switch typ.Int64 {
		case googleTOTP:
			a.Type, a.Period = core.TOTP, 30
		case googleHOTP:
			a.Type, a.Counter = core.HOTP, uint64(max(cnt.Int64, 0))
		default:
			out.skip(label(&a, i), fmt.Sprintf("type %d is not one Lifeline knows", typ.Int64))
			return nil
		}
		var err error
		if a.Secret, err = core.ParseSecret(secret.String); err != nil {
			return damaged("account %d (%s): %v", i+1, label(&a, i), err)
		}
		out.add(a)
		return nil
	})
}
