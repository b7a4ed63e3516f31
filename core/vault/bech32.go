package vault

import "strings"

// age keeps its bech32 package internal, so we write the few lines of BIP-173
// encoding that turning a derived scalar into an "AGE-SECRET-KEY-1…" string
// needs. Decoding is left to age.ParseX25519Identity, which also verifies the
// checksum we compute here (and the tests compare with age's own String).

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Generator = [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}

func bech32Polymod(values []byte) uint32 {
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i, g := range bech32Generator {
			if (top>>i)&1 == 1 {
				chk ^= g
			}
		}
	}
	return chk
}

func bech32HRPExpand(hrp string) []byte {
	out := make([]byte, 0, 2*len(hrp)+1)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]>>5)
	}
	out = append(out, 0)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]&31)
	}
	return out
}

// bech32To5Bits regroups 8-bit bytes into 5-bit groups, zero-padding the end.
func bech32To5Bits(data []byte) []byte {
	var acc uint32
	var bits uint
	out := make([]byte, 0, (len(data)*8+4)/5)
	for _, b := range data {
		acc = acc<<8 | uint32(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, byte(acc>>bits)&31)
		}
	}
	if bits > 0 {
		out = append(out, byte(acc<<(5-bits))&31)
	}
	return out
}

// bech32Encode encodes data under hrp (which must be lower case ASCII). The
// caller upper-cases the result where the format wants it (age identities);
// BIP-173 computes the checksum over the lower-case form either way.
func bech32Encode(hrp string, data []byte) string {
	values := bech32To5Bits(data)
	check := append(bech32HRPExpand(hrp), values...)
	check = append(check, 0, 0, 0, 0, 0, 0)
	mod := bech32Polymod(check) ^ 1
	var b strings.Builder
	b.Grow(len(hrp) + 1 + len(values) + 6)
	b.WriteString(hrp)
	b.WriteByte('1')
	for _, v := range values {
		b.WriteByte(bech32Charset[v])
	}
	for i := 0; i < 6; i++ {
		b.WriteByte(bech32Charset[(mod>>(5*(5-i)))&31])
	}
	return b.String()
}
