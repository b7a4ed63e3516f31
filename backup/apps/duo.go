package apps

import (
	"encoding/json"

	"github.com/lifelineauth/lifeline/core"
)

// Duo Mobile keeps third-party accounts in files/duokit/accounts.json (a
// rooted phone): a JSON array whose otpGenerator holds the Base32 secret
// and, for HOTP, the counter. Duo's own push accounts have no generator.
type duoAccount struct {
	Name         string `json:"name"`
	AccountType  string `json:"accountType"`
	OTPGenerator *struct {
		OTPSecret string  `json:"otpSecret"`
		Counter   *uint64 `json:"counter"`
	} `json:"otpGenerator"`
}

func readDuo(data []byte, _ *passwordSource, out *results) error {
	var accounts []duoAccount
	if err := json.Unmarshal(data, &accounts); err != nil {
		return damaged("not Duo's account list: %v", err)
	}
	for i, d := range accounts {
		a := core.Account{Name: d.Name, Type: core.TOTP}
		if d.OTPGenerator == nil || d.OTPGenerator.OTPSecret == "" {
			out.skip(label(&a, i), "a Duo push account with no one-time-password secret; only Duo's app can answer it")
			continue
		}
		if d.OTPGenerator.Counter != nil {
			a.Type, a.Counter = core.HOTP, *d.OTPGenerator.Counter
		}
		var err error
		if a.Secret, err = core.ParseSecret(d.OTPGenerator.OTPSecret); err != nil {
			return damaged("account %d (%s): %v", i+1, label(&a, i), err)
		}
		out.add(a)
	}
	return nil
}
