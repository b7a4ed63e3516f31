package otp

import (
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

func TestMOTP(t *testing.T) {
	// Aegis MOTPTest.
	tests := []struct {
		unix      int64
		pin, hexs string
		want      string
	}{
		{165892298, "1234", "e3152afee62599c8", "e7d8b6"},
		{123456789, "1234", "e3152afee62599c8", "4ebfb2"},
		{1659540020, "9999", "bbb1912bb5c515be", "ced7b1"},
		{1659539870, "9999", "bbb1912bb5c515be", "1a14f8"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			key, err := hex.DecodeString(tt.hexs)
			if err != nil {
				t.Fatal(err)
			}
			tm := time.Unix(tt.unix, 0)
			if got := MOTP(key, tt.pin, tm, 10); got != tt.want {
				t.Errorf("MOTP(t=%d, 10 s) = %s, want %s", tt.unix, got, tt.want)
			}
			if got := MOTP(key, tt.pin, tm, 0); got != tt.want {
				t.Errorf("MOTP(t=%d, period 0) = %s, want %s as for 10 s", tt.unix, got, tt.want)
			}
			// A 30-second step n is the 10-second step n at a third of the time.
			if got, want := MOTP(key, tt.pin, time.Unix(tt.unix*3, 0), 30), tt.want; got != want {
				t.Errorf("MOTP(t=%d, 30 s) = %s, want %s", tt.unix*3, got, want)
			}
		})
	}
}

func TestMOTPOddInputs(t *testing.T) {
	for _, key := range [][]byte{nil, make([]byte, 200)} {
		for _, unix := range []int64{-11, 0, 1 << 50} {
			got := MOTP(key, "", time.Unix(unix, 0), -5)
			if len(got) != 6 || strings.Trim(got, "0123456789abcdef") != "" {
				t.Errorf("MOTP(%d-byte key, t=%d) = %q, want 6 lowercase hex digits", len(key), unix, got)
			}
		}
	}
}
