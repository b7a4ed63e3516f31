package otp

import (
	"encoding/base32"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

func TestSteam(t *testing.T) {
	key, err := base32.StdEncoding.DecodeString("63BEDWCQZKTQWPESARIERL5DTTQFCJTK")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		unix int64
		want string
	}{
		{1511200518, "FR8RV"},
		{1511200714, "9P3VP"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Steam(key, time.Unix(tt.unix, 0)); got != tt.want {
				t.Errorf("Steam(t=%d) = %s, want %s", tt.unix, got, tt.want)
			}
		})
	}
}

func TestSteamCounter(t *testing.T) {
	zero := make([]byte, 20)
	for counter, want := range []string{"RYH4D", "DR2DK"} {
		if got := SteamCounter(zero, uint64(counter)); got != want {
			t.Errorf("SteamCounter(20 zero bytes, %d) = %s, want %s", counter, got, want)
		}
	}
}

// TestSteamPquerna compares with pquerna/otp's Steam encoder.
func TestSteamPquerna(t *testing.T) {
	const seed = 26
	r := rand.New(rand.NewPCG(seed, 0))
	for i := range 200 {
		key := make([]byte, 1+r.IntN(40))
		for j := range key {
			key[j] = byte(r.Uint32())
		}
		counter := r.Uint64()
		want, err := hotp.GenerateCodeCustom(base32.StdEncoding.EncodeToString(key), counter,
			hotp.ValidateOpts{Digits: 5, Algorithm: potp.AlgorithmSHA1, Encoder: potp.EncoderSteam})
		if err != nil {
			t.Fatal(err)
		}
		got := SteamCounter(key, counter)
		if got != want {
			t.Errorf("seed %d case %d: SteamCounter(%x, %d) = %s, pquerna %s", seed, i, key, counter, got, want)
		}
		if strings.Trim(got, steamAlphabet) != "" {
			t.Errorf("code %s has symbols outside %s", got, steamAlphabet)
		}
	}
}
