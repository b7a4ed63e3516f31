package core

import (
	"errors"
	"math"
)

// ErrCounterExhausted is an HOTP counter at its largest value: one more step
// would wrap it to 0 and hand out codes the site has already seen.
var ErrCounterExhausted = errors.New("the HOTP counter is at its largest value (18446744073709551615) and cannot advance")

// AdvanceCounter moves an HOTP account on to its next code. At the largest
// counter it refuses with ErrCounterExhausted and leaves the account as it is.
func (a *Account) AdvanceCounter() error {
	if a.Counter == math.MaxUint64 {
		return ErrCounterExhausted
	}
	a.Counter++
	return nil
}
