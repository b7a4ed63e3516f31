package backup

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/lifelineauth/lifeline/core"
	"github.com/lifelineauth/lifeline/core/vault"
)

// fingerprint says whether a document holds anything worth a new backup
// since the last one: it is a MAC of the document without what changes
// when a code is only looked at (the save time, the usage counters), keyed
// by the vault's own identity so the status file, where it is kept, says
// nothing about the secrets. removed is the same MAC of the sorted ids of
// its tombstones: when it changes, accounts were deleted. Both are "" when
// the vault has no identity in hand.
func fingerprint(doc *vault.Document, id age.Identity) (fp, removed string, err error) {
	x, ok := id.(*age.X25519Identity)
	if !ok {
		return "", "", nil
	}
	c := *doc
	c.Updated = time.Time{}
	c.Accounts = make([]core.Account, len(doc.Accounts))
	for i, a := range doc.Accounts {
		a.Uses = 0 // a shallow copy: only its own field changes
		c.Accounts[i] = a
	}
	data, err := vault.EncodeDocument(&c)
	if err != nil {
		return "", "", err
	}
	defer clear(data)
	key := sha256.Sum256([]byte("lifeline backup fingerprint\x00" + x.String()))
	sum := func(data []byte) string {
		mac := hmac.New(sha256.New, key[:])
		mac.Write(data)
		return hex.EncodeToString(mac.Sum(nil))
	}
	ids := make([]string, len(doc.Tombstones))
	for i, t := range doc.Tombstones {
		ids[i] = t.ID
	}
	slices.Sort(ids)
	return sum(data), sum([]byte(strings.Join(ids, "\n"))), nil
}
