package otp

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
)

// HMAC (RFC 2104) of the 8-byte counter, written by hand rather than with
// crypto/hmac over Algorithm.New. Measured here for one TOTP SHA-1 code:
// hmac.New ≈ 1,000 ns and 6 allocations (two hash states and two pad
// buffers every call); the same steps by hand over Algorithm.New's
// hash.Hash ≈ 610 ns and 6 allocations (an interface call per write moves
// every buffer to the heap); one-shot Sum functions on stack arrays, as
// below, ≈ 350 ns with only the result string's allocation (BenchmarkCode/
// totp; SHA-1 itself is ≈ 260 ns of that). A code is one short
// message under a key seen once, so HMAC is just two one-shot hashes.
// TestHMACMatchesStdlib holds this to crypto/hmac with Algorithm.New for
// every algorithm and key length; TestDigestMatchesNew holds digest to
// Algorithm.New.

// maxBlock and maxDigest are SHA-512's block and digest sizes, the largest.
const (
	maxBlock  = 128
	maxDigest = 64
)

// blockSize is the hash's input block, which HMAC pads the key to.
func blockSize(alg Algorithm) int {
	if alg == SHA384 || alg == SHA512 {
		return 128
	}
	return 64
}

// digest writes alg's hash of data into out and returns it. alg must be
// Valid.
func digest(alg Algorithm, data []byte, out *[maxDigest]byte) []byte {
	switch alg {
	case SHA1:
		s := sha1.Sum(data)
		return out[:copy(out[:], s[:])]
	case SHA256:
		s := sha256.Sum256(data)
		return out[:copy(out[:], s[:])]
	case SHA512:
		s := sha512.Sum512(data)
		return out[:copy(out[:], s[:])]
	case MD5:
		s := md5.Sum(data)
		return out[:copy(out[:], s[:])]
	case SHA224:
		s := sha256.Sum224(data)
		return out[:copy(out[:], s[:])]
	case SHA384:
		s := sha512.Sum384(data)
		return out[:copy(out[:], s[:])]
	}
	panic("otp: invalid algorithm " + alg.String())
}

// hmacCounter returns HMAC_alg(key, counter as 8 big-endian bytes), written
// into out. alg must be Valid.
func hmacCounter(alg Algorithm, key []byte, counter uint64, out *[maxDigest]byte) []byte {
	bs := blockSize(alg)
	if len(key) > bs {
		key = digest(alg, key, out) // copied into buf before out is reused
	}
	// One buffer for both passes: first (key ^ ipad) || counter, then
	// (key ^ opad) || inner hash.
	var buf [maxBlock + maxDigest]byte
	copy(buf[:], key)
	for i := 0; i < bs; i += 8 {
		k := binary.LittleEndian.Uint64(buf[i:])
		binary.LittleEndian.PutUint64(buf[i:], k^0x3636363636363636)
	}
	binary.BigEndian.PutUint64(buf[bs:], counter)
	inner := digest(alg, buf[:bs+8], out)
	for i := 0; i < bs; i += 8 {
		k := binary.LittleEndian.Uint64(buf[i:])
		binary.LittleEndian.PutUint64(buf[i:], k^(0x3636363636363636^0x5c5c5c5c5c5c5c5c))
	}
	n := copy(buf[bs:], inner)
	return digest(alg, buf[:bs+n], out)
}
