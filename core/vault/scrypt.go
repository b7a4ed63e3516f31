package vault

import (
	"fmt"
	"strconv"

	"filippo.io/age"
)

// MaxWorkFactor is the highest scrypt work factor (log2 N) Lifeline opens
// in a passphrase-protected age file: password.age, passphrase backups and
// exports, passphrase-protected identity files. Lifeline writes 18 (age's
// own default, about 0.7 s and 256 MiB here); one more is 1.5 s and
// 512 MiB. age itself accepts up to 22 (4 GiB, 15 s), which a file of a
// few hundred bytes could ask for; more than MaxWorkFactor is refused with
// a *WorkFactorError before scrypt runs.
const MaxWorkFactor = 19

// WorkFactorError refuses an age file whose scrypt stanza asks for more
// than MaxWorkFactor.
type WorkFactorError struct {
	Asks  int // the file's work factor
	Limit int // the most accepted
}

func (e *WorkFactorError) Error() string {
	return fmt.Sprintf("the file asks for scrypt work factor %d (%s of memory), but Lifeline writes %d and opens at most %d, so Lifeline did not write it (it is damaged or was made to stall the unlock) and nothing was decrypted; "+
		"if you encrypted it yourself with a higher work factor, decrypt it with the age tool and encrypt it again with age's default",
		e.Asks, scryptMemory(e.Asks), 18, e.Limit)
}

// scryptMemory is what scrypt with r=8 needs at work factor logN.
func scryptMemory(logN int) string {
	if logN >= 20 {
		return fmt.Sprintf("%d GiB", 1<<(logN-20))
	}
	return fmt.Sprintf("%d MiB", 1<<max(logN-10, 0))
}

// NewScryptIdentity is age.NewScryptIdentity that opens work factors up to
// MaxWorkFactor (or the lower factor this build writes, in tests) and
// refuses higher ones with a *WorkFactorError, which age.Decrypt returns
// as it is. Every passphrase file Lifeline opens goes through it.
func NewScryptIdentity(passphrase string) (age.Identity, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	limit := max(MaxWorkFactor, workFactor)
	id.SetMaxWorkFactor(limit)
	return &boundedScrypt{id, limit}, nil
}

type boundedScrypt struct {
	*age.ScryptIdentity
	limit int
}

// Unwrap refuses a scrypt stanza over the limit with a typed error; age's
// own check would say only "scrypt work factor too large".
func (b *boundedScrypt) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type != "scrypt" || len(s.Args) != 2 {
			continue
		}
		if n, err := strconv.Atoi(s.Args[1]); err == nil && n > b.limit {
			return nil, &WorkFactorError{Asks: n, Limit: b.limit}
		}
	}
	return b.ScryptIdentity.Unwrap(stanzas)
}
