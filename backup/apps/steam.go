package apps

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/lifelineauth/lifeline/core"
)

// Steam Guard files: the Steam app's files/Steamguard-<id> (a rooted phone),
// new style {"accounts": {"<id>": {...}}} or old style one object, and Steam
// Desktop Authenticator's unencrypted .maFile, which is the old style. The
// secret is shared_secret in base64.
type steamGuard struct {
	SharedSecret string `json:"shared_secret"`
	AccountName  string `json:"account_name"`
}

func readSteam(data []byte, _ *passwordSource, out *results) error {
	var f struct {
		Accounts map[string]steamGuard `json:"accounts"`
		steamGuard
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return damaged("not a Steam Guard file: %v", err)
	}
	guards := []steamGuard{f.steamGuard}
	if f.Accounts != nil {
		ids := make([]string, 0, len(f.Accounts))
		for id := range f.Accounts {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		guards = guards[:0]
		for _, id := range ids {
			guards = append(guards, f.Accounts[id])
		}
	}
	for i, g := range guards {
		a := core.Account{Type: core.Steam, Issuer: "Steam", Name: g.AccountName}
		secret, err := decodeBase64(g.SharedSecret)
		if err != nil || len(bytes.TrimSpace(secret)) == 0 {
			return damaged("account %d (%s): shared_secret is missing or not base64", i+1, label(&a, i))
		}
		a.Secret = secret
		out.add(a)
	}
	return nil
}
