package testkit

import (
	"regexp"
	"strconv"
	"testing"
)

var scryptStanza = regexp.MustCompile(`(?m)^(-> scrypt \S+ )\d+$`)

// ScryptWorkFactor returns a copy of a binary age file whose scrypt stanza
// asks for work factor logN: the header is text, so a file written
// cheaply (work factor 10) becomes one that asks for 2^22 without anyone
// running scrypt at 2^22. Its header MAC no longer matches, which a reader
// must not get as far as checking.
func ScryptWorkFactor(t testing.TB, ageFile []byte, logN int) []byte {
	t.Helper()
	if !scryptStanza.Match(ageFile) {
		t.Fatal("the file has no scrypt stanza")
	}
	return scryptStanza.ReplaceAll(append([]byte(nil), ageFile...), []byte("${1}"+strconv.Itoa(logN)))
}
