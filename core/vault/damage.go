package vault

import (
	"bytes"
	"errors"
	"io"
	"strings"
)

// age's payload layout (age-encryption.org/v1): after the header, a 16-byte
// nonce, then chunks of 64 KiB of plaintext plus a 16-byte tag; the last
// chunk is shorter (but not empty unless the plaintext is).
const (
	ageNonceSize = 16
	ageTagSize   = 16
	ageChunkSize = 64 * 1024
)

// decryptFailure turns an age error on a file whose key we know is right
// (its recipient matched lifeline.json) into a DamagedError saying whether
// the file looks truncated or corrupted.
//
// age reports a cut inside the header or at a chunk boundary as EOF, but a
// cut inside a chunk looks to it exactly like a flipped bit: the short last
// chunk fails authentication. Lifeline pads the plaintext to a multiple of
// padBlock, so every last chunk it writes holds a multiple of padBlock bytes
// of plaintext; a cut breaks that pattern unless it falls on one of those
// multiples (1 in 256 of cut points), while a flipped bit never changes the
// length.
func decryptFailure(file string, data []byte, err error) error {
	return damaged(file, damageReason(data, err), err)
}

func damageReason(data []byte, err error) string {
	if len(data) == 0 || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return ReasonTruncated
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "failed to read header") || strings.HasPrefix(msg, "failed to read nonce") {
		// The parser does not always wrap io.EOF (it formats it into text),
		// so its words are the only signal.
		if strings.Contains(msg, "EOF") {
			return ReasonTruncated
		}
		return ReasonCorrupted
	}
	payload, ok := agePayload(data)
	if !ok {
		return ReasonCorrupted
	}
	if len(payload) < ageNonceSize+ageTagSize {
		return ReasonTruncated
	}
	chunks := len(payload) - ageNonceSize
	last := chunks % (ageChunkSize + ageTagSize)
	if last == 0 {
		last = ageChunkSize + ageTagSize
	}
	if plain := last - ageTagSize; plain <= 0 || plain%padBlock != 0 {
		return ReasonTruncated
	}
	return ReasonCorrupted
}

// agePayload returns what follows the header's closing "--- MAC" line.
// Header stanza lines start with "-> " and body lines are Base64, so the
// first line starting with "--- " is the closing one.
func agePayload(data []byte) ([]byte, bool) {
	i := bytes.Index(data, []byte("\n--- "))
	if i < 0 {
		return nil, false
	}
	j := bytes.IndexByte(data[i+1:], '\n')
	if j < 0 {
		return nil, false
	}
	return data[i+1+j+1:], true
}
