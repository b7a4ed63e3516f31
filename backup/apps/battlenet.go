package apps

import (
	"encoding/hex"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/otp"
)

// The Battle.net app keeps its authenticator in shared_prefs/com.blizzard.
// messenger.authenticator_preferences.xml (a rooted phone). The serial and
// the secret are hex strings masked by XOR with a fixed key that is the
// same in every copy of the app; unmasked they are ASCII: the serial
// ("US-2211-2050-3346") and the secret in hex. Codes are TOTP, SHA1,
// 8 digits, 30 s.
const (
	battleNetSerialKey = "com.blizzard.messenger.AUTHENTICATOR_SERIAL"
	battleNetSecretKey = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET"
	battleNetMask      = "398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a"
)

func readBattleNet(data []byte, _ *passwordSource, out *results) error {
	prefs, err := parsePrefs(data)
	if err != nil {
		return err
	}
	serial, err := battleNetUnmask(prefs, battleNetSerialKey)
	if err != nil {
		return err
	}
	secretHex, err := battleNetUnmask(prefs, battleNetSecretKey)
	if err != nil {
		return err
	}
	secret, err := hex.DecodeString(secretHex)
	if err != nil || len(secret) == 0 {
		return damaged("the unmasked secret is not hex")
	}
	out.add(core.Account{
		Type: core.TOTP, Issuer: "Battle.net", Name: serial, Secret: secret,
		Algorithm: otp.SHA1, Digits: 8, Period: 30,
	})
	return nil
}

func battleNetUnmask(prefs []pref, key string) (string, error) {
	v, ok := prefValue(prefs, key)
	if !ok {
		return "", damaged("no %s entry: not Battle.net's authenticator file", key)
	}
	b, err := hex.DecodeString(v)
	if err != nil {
		return "", damaged("%s is not hex", key)
	}
	mask, _ := hex.DecodeString(battleNetMask)
	if len(b) > len(mask) {
		return "", damaged("%s is %d bytes, longer than the %d-byte mask", key, len(b), len(mask))
	}
	for i := range b {
		b[i] ^= mask[i]
		if b[i] < 0x20 || b[i] > 0x7e {
			return "", damaged("%s does not unmask to text", key)
		}
	}
	return string(b), nil
}
