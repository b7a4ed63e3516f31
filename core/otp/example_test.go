package otp_test

import (
	"encoding/base32"
	"fmt"
	"time"

	"github.com/lifelineauth/lifeline/core/otp"
)

func ExampleTOTP() {
	// The SHA-1 secret of RFC 6238's test vectors, as a QR code carries it.
	key, err := base32.StdEncoding.DecodeString("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
	if err != nil {
		panic(err)
	}
	t := time.Unix(1111111109, 0)
	fmt.Println(otp.TOTP(key, t, 30, otp.SHA1, 8))
	fmt.Println(otp.TOTP(key, t, 30, otp.SHA1, 6))
	fmt.Println(otp.HOTP(key, 0, otp.SHA1, 6))
	// Output:
	// 07081804
	// 081804
	// 755224
}
