package vault

import (
	"encoding/hex"
	"testing"
)

// Valid strings from BIP-173's test vectors, with the bytes they carry.
func TestBech32EncodeBIP173(t *testing.T) {
	tests := []struct{ hrp, data, want string }{
		{"a", "", "a12uel5l"},
		{"abcdef", "00443214c74254b635cf84653a56d7c675be77df", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"},
		{"split", "c5f38b70305f519bf66d85fb6cf03058f3dde463ecd7918f2dc743918f2d", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			data, _ := hex.DecodeString(tt.data)
			if got := bech32Encode(tt.hrp, data); got != tt.want {
				t.Errorf("bech32Encode = %s, want %s", got, tt.want)
			}
		})
	}
}
