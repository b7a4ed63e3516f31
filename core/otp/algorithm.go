package otp

import (
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"strings"

	potp "github.com/pquerna/otp"
)

// Algorithm is the hash under the HMAC. The four that pquerna/otp knows take
// their hash from it; SHA224 and SHA384 (FreeOTP writes them) are ours.
type Algorithm uint8

const (
	SHA1 Algorithm = iota
	SHA256
	SHA512
	MD5
	SHA224
	SHA384
)

var algorithmNames = [...]string{"SHA1", "SHA256", "SHA512", "MD5", "SHA224", "SHA384"}

func (a Algorithm) Valid() bool { return int(a) < len(algorithmNames) }

func (a Algorithm) String() string {
	if !a.Valid() {
		return fmt.Sprintf("Algorithm(%d)", uint8(a))
	}
	return algorithmNames[a]
}

// ParseAlgorithm accepts "SHA1", "sha-256", "HmacSHA512", "sha512" and so on.
func ParseAlgorithm(s string) (Algorithm, error) {
	n := strings.ToUpper(strings.TrimSpace(s))
	n = strings.TrimPrefix(n, "HMAC")
	n = strings.TrimPrefix(n, "-")
	n = strings.ReplaceAll(n, "-", "")
	n = strings.ReplaceAll(n, "_", "")
	for i, name := range algorithmNames {
		if n == name {
			return Algorithm(i), nil
		}
	}
	return 0, fmt.Errorf("unknown algorithm %q (want SHA1, SHA256 or SHA512)", s)
}

// New returns the hash constructor for HMAC.
func (a Algorithm) New() func() hash.Hash {
	switch a {
	case SHA1:
		return potp.AlgorithmSHA1.Hash
	case SHA256:
		return potp.AlgorithmSHA256.Hash
	case SHA512:
		return potp.AlgorithmSHA512.Hash
	case MD5:
		return potp.AlgorithmMD5.Hash
	case SHA224:
		return sha256.New224
	case SHA384:
		return sha512.New384
	}
	panic("otp: invalid algorithm " + a.String())
}

func (a Algorithm) MarshalText() ([]byte, error) {
	if !a.Valid() {
		return nil, fmt.Errorf("invalid algorithm %d", uint8(a))
	}
	return []byte(a.String()), nil
}

func (a *Algorithm) UnmarshalText(b []byte) error {
	v, err := ParseAlgorithm(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
